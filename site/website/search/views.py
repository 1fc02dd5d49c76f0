import html
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from website.core.templatetags.navigation_tags import localized_home
from website.images import renditions

from .query import clean_query, search_terms

RESULTS_PER_PAGE = 10


@dataclass
class Result:
    page: Page
    label: str
    section: Page | None
    summary: str
    image: object


def summary_of(page):
    """What a listing says about the page, or the start of its introduction."""
    summary = getattr(page, "card_summary", "") or page.search_description
    if not summary and getattr(page, "intro", None):
        # The intro may be rich text: its words only.
        summary = html.unescape(strip_tags(str(page.intro)))
    return Truncator(" ".join(summary.split())).words(40)


def load_images(pages):
    """Every image a page refers to, in one query for all page types, so card_image asks none."""
    image_model = get_image_model()
    fields = {
        model: [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is image_model
        ]
        for model in {type(page) for page in pages}
    }
    ids = {getattr(page, field.attname) for page in pages for field in fields[type(page)]}
    images = image_model.objects.in_bulk(ids - {None})
    for page in pages:
        for field in fields[type(page)]:
            field.set_cached_value(page, images.get(getattr(page, field.attname)))


def build_results(pages):
    """The specific pages of one result page, in order, with what their entries show."""
    ids = [page.pk for page in pages]
    by_pk = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    pages = [by_pk[pk] for pk in ids if pk in by_pk]
    load_images(pages)
    images = [getattr(page, "card_image", None) for page in pages]
    renditions.prefetch(images, "card")
    # The section a page belongs to is its parent, unless that is the home page; named only
    # if visitors may open it.
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    parents = Page.objects.filter(path__in=parent_paths, depth__gt=2).live().public()
    sections = {p.path: p for p in parents}
    return [
        Result(
            page=page,
            label=page.type_label if hasattr(page, "type_label") else page._meta.verbose_name,
            section=sections.get(page.path[: -Page.steplen]),
            summary=summary_of(page),
            image=image,
        )
        for page, image in zip(pages, images, strict=True)
    ]


@require_safe
# Results change with every publish and no CDN purge reaches them: no shared cache keeps them.
@cache_control(private=True, max_age=0)
def search(request):
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    locale = Locale.get_active()
    pages = []
    if terms:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=locale, depth__gt=2)  # the home page is not a result
            .search(" ".join(terms), operator="and")
        )
    # Paging clamps what it cannot use (?page=abc, -1, 99999999) to the first or last page.
    page_obj = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page", "")[:10])
    results = build_results(list(page_obj)) if terms else []
    home = localized_home(request)
    context = {
        "query": query,
        "query_isolated": format_html("<bdi>{}</bdi>", query),
        "page_obj": page_obj,
        "results": results,
        "home_url": home.get_url(request) if home else "/",
    }
    return render(request, "search/search.html", context)
