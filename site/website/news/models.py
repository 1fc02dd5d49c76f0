from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase

from website.core.blocks import PARAGRAPH_FEATURES, BaseStreamBlock
from website.core.filters import tags_in_use
from website.core.forms import SameLocaleChoicesPageForm
from website.core.models import TYPE_LABEL_SEARCH_FIELD, BasePage, is_public
from website.images import renditions
from website.images.models import image_field
from website.projects.models import ProjectPage

from . import feeds
from .filters import NewsFilterSet

PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):  # noqa: DJ008 (Page defines __str__)
    intro = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1
    # Editors look for the news they worked on last.
    admin_default_ordering = "-latest_revision_created_at"

    class Meta:
        verbose_name = _("news index")

    def serve(self, request, *args, **kwargs):
        # Routes answer past BasePage's serve(): they need its cache headers too.
        return self.add_cache_headers(request, super().serve(request, *args, **kwargs))

    def published_news(self):
        """What visitors may read: live, public, not past its expiry (even before the cron job)."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .exclude(expire_at__lte=timezone.now())
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = self.published_news()
        news = published.select_related("listing_image", "lead_image").prefetch_related("tags")
        filters = NewsFilterSet(
            request.GET,
            news,
            offers={"project": self.projects_with_news(published), "tag": tags_in_use(published)},
        )
        # Paging clamps what it cannot use (?page=abc, -1, 99999999) to the first or last.
        page_obj = Paginator(filters.qs, PER_PAGE).get_page(request.GET.get("page", "")[:10])
        renditions.prefetch([item.card_image for item in page_obj], "card")
        context.update(news=page_obj, filters=filters, feeds=self.feed_links(request))
        return context

    def projects(self):
        return (
            ProjectPage.objects.live().public().filter(locale_id=self.locale_id).order_by("title")
        )

    def projects_with_news(self, published):
        """The sub-projects of this language that some published news names, in any language."""
        named = ProjectPage.objects.filter(news_pages__in=published).values("translation_key")
        return self.projects().filter(translation_key__in=named)

    def feed_links(self, request):
        base = self.get_full_url(request)
        return [
            {"type": feed_class.content_type.split(";")[0], "name": name, "url": base + route}
            for name, route, feed_class in (
                ("RSS", self.reverse_subpage("rss"), Rss201rev2Feed),
                ("Atom", self.reverse_subpage("atom"), Atom1Feed),
            )
        ]

    def get_cached_paths(self):
        # A CDN keeps the feeds too: they list the news items.
        return ["/", "/" + self.reverse_subpage("rss"), "/" + self.reverse_subpage("atom")]

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return self.feed_response(request, Rss201rev2Feed, "rss")

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return self.feed_response(request, Atom1Feed, "atom")

    def feed_response(self, request, feed_class, route):
        feed = feeds.build(self, request, feed_class, self.reverse_subpage(route))
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(BasePage):  # noqa: DJ008 (Page defines __str__)
    date = models.DateField(_("date"), default=timezone.localdate)
    lead_image = image_field(_("lead image"))
    lead_image_alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the lead image shows, for people who cannot see it."),
    )
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    # They describe the lead image: a photo taken down takes them along (stories.consent).
    image_text_fields = {"lead_image": ("lead_image_alt", "lead_image_caption")}
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("Two or three sentences: shown as the lead, in listings and in news feeds."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    projects = ParentalManyToManyField(
        "projects.ProjectPage",
        blank=True,
        related_name="news_pages",
        verbose_name=_("sub-projects"),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_caption"),
            ],
            heading=_("Date and lead image"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("tags"),
                FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Topics and sub-projects"),
        ),
        InlinePanel("related_pages", label=_("Related pages"), heading=_("Related pages")),
    ]

    search_fields = [
        *BasePage.search_fields,
        TYPE_LABEL_SEARCH_FIELD,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    base_form_class = SameLocaleChoicesPageForm
    same_locale_choices = ("projects",)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    @property
    def card_summary(self):
        return super().card_summary or self.summary

    @property
    def lead_image_alt_text(self):
        if not self.lead_image:
            return ""
        return self.lead_image_alt or self.lead_image.description

    @cached_property
    def news_index(self):
        return self.get_parent().specific

    def project_links(self):
        """The sub-projects named, in this page's language where they have been translated."""
        # Read through the relation: previews show the projects chosen but not yet saved.
        named = [project.translation_key for project in self.projects.all()]
        return (
            ProjectPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=named)
            .order_by("title")
        )

    def related_page_list(self):
        """The related pages in their order, leaving out those not published or not public."""
        ids = [link.page_id for link in self.related_pages.all()]
        pages = Page.objects.filter(pk__in=ids).live().public().specific()
        by_id = {page.pk: page for page in pages}
        ordered = [by_id[pk] for pk in ids if pk in by_id]
        renditions.prefetch([getattr(page, "card_image", None) for page in ordered], "card")
        return ordered

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.news_index
        context.update(
            index=index_page,
            tags=self.tags.order_by("name"),
            project_links=self.project_links(),
            related=self.related_page_list(),
            # The feed links carry the news index's title: named only if visitors may open it.
            feeds=index_page.feed_links(request) if is_public(index_page) else [],
        )
        return context


class NewsPageRelatedPage(Orderable):
    news_page = ParentalKey(NewsPage, related_name="related_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")

    def __str__(self):
        return str(self.page)
