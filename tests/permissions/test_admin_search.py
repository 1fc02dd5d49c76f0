"""Every search of the admin answers every query: listings, choosers, the explorer.

The views are found from the URL configuration, so a listing added later is tested too.
"""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.chooser import BaseChooseView

import pytest

from exhibitions.models import Venue
from tests.stories.consent_helpers import make_participant
from website.people.models import PartnerOrganisation, Person

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    '"',
    'Garten"bilder',
    "'Garten",
    "Garten AND OR NOT",
    "NEAR(Garten Foto) (Garten )",
    "Garten* * ^Garten -Garten title:Garten Garten: +Garten ~Garten",
    "Garten\x00 \x01\x1f\x7f\u200f",
    "x" * 10_000,
    "Garten " * 2_000,
    "😀 مرحبا بكم",
    "\\ %_",
]


def url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def search_urls(sections):
    """Every listing and chooser of the admin that takes no argument, and the page searches."""
    names = set()
    for name, pattern in url_names(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "view_class", None)
        if pattern.pattern.regex.groups:
            continue
        if view_class and issubclass(view_class, BaseListingView | BaseChooseView):
            names.add(name)
    # Where a listing has a view of its results alone (what its search box asks), that one.
    urls = [reverse(name) for name in names if f"{name}_results" not in names]
    index = sections.index_a.pk
    return [
        *urls,
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[index]),
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_pages:search_results"),
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[index]),
        reverse("wagtailadmin_choose_page_search"),
        reverse("wagtailadmin_tag_autocomplete"),
        reverse("wagtailadmin_workflows:task_chooser"),
        reverse("wagtailadmin_workflows:task_chooser_results"),
    ]


@pytest.fixture
def records(sections):
    Person.objects.create(name="Anna Beispiel", role="Gartenfotografin")
    PartnerOrganisation.objects.create(name="Beispielverein", town="Gartenstadt")
    Venue.objects.create(name="Kulturhaus", address="Gartenweg 1, Erfurt")
    make_participant("Garten-Leyla")
    sections.page_a.tags.add("Garten")
    sections.page_a.save_revision().publish()


@pytest.mark.parametrize("as_editor", [False, True], ids=["superuser", "section editor"])
def test_every_admin_search_answers_hostile_queries(
    client, admin_user, sections, records, as_editor
):
    urls = search_urls(sections)
    assert len(urls) > 25  # the listings were found
    user = sections.editor if as_editor else admin_user
    client.force_login(user)
    for query in HOSTILE_QUERIES:
        for url in urls:
            response = client.get(url, {"q": query, "term": query})
            assert response.status_code < 500, (url, query[:20])


@pytest.mark.parametrize(
    ("url_name", "query", "found"),
    [
        ("wagtailsnippets_people_person:list", "Gartenfoto", "Anna Beispiel"),
        ("wagtailsnippets_people_partnerorganisation:list", "Gartenst", "Beispielverein"),
        ("wagtailsnippets_exhibitions_venue:list", "Gartenweg", "Kulturhaus"),
        ("wagtailsnippets_exhibitions_venue:list", "Kultur", "Kulturhaus"),
        ("wagtailsnippetchoosers_exhibitions_venue:choose", "Gartenweg", "Kulturhaus"),
        ("wagtailsnippetchoosers_stories_participant:choose", "Garten", "Garten-Leyla"),
        ("wagtailimages:index", '"Foto Gartenbilder"', "Foto Gartenbilder"),
        ("wagtailadmin_pages:search", "Garten*", "Gartenbilder"),
        ("wagtailadmin_choose_page_search", "(gartenbilder)", "Gartenbilder"),
    ],
)
def test_admin_searches_find_what_their_listing_shows(
    admin_client, sections, records, url_name, query, found
):
    response = admin_client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    is_json = response["Content-Type"] == "application/json"
    text = response.json()["html"] if is_json else response.text
    assert found in text
