from wagtail import hooks

from website.images import renditions

from .models import NewsIndexPage, NewsPage


@hooks.register("construct_project_page_context")
def add_project_news(page, context):
    news = list(page.related(NewsPage).order_by("-date", "-pk")[:3])
    renditions.prefetch([item.card_image for item in news], "card")
    context["latest_news"] = news
    context["news_index"] = (
        NewsIndexPage.objects.live().public().filter(locale_id=page.locale_id).first()
    )


@hooks.register("construct_home_page_context")
def add_home_news(page, context):
    """The three newest news items of the home page's language."""
    news = list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("listing_image", "lead_image")
        .prefetch_related("tags")
        .order_by("-date", "-pk")[:3]
    )
    renditions.prefetch([item.card_image for item in news], "card")
    context["latest_news"] = news
    context["news_index"] = (
        NewsIndexPage.objects.live().public().filter(locale_id=page.locale_id).first()
    )
