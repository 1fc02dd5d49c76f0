"""Pages visitors may not open (unpublished, password-protected) are named nowhere public:
not in menus, breadcrumbs, search results, footer links, featured cards or feed links."""

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import StandardPageFactory, build_site
from tests.news.factories import NewsIndexPageFactory, make_news, publish
from website.core.models import FooterText, HomePageFeaturedPage

pytestmark = pytest.mark.django_db

HIDDEN = ["Verborgene Rubrik", "Interne Neuigkeiten", "Nur mit Passwort"]


@pytest.fixture
def site():
    home = build_site()["de"]
    # Live pages below parents taken offline: Wagtail leaves children live if asked to.
    hidden_parent = publish(StandardPageFactory(parent=home, title=HIDDEN[0], show_in_menus=True))
    child = publish(StandardPageFactory(parent=hidden_parent, title="Offene Unterseite"))
    hidden_parent.unpublish()
    news_index = publish(NewsIndexPageFactory(parent=home, title=HIDDEN[1]))
    news = make_news(news_index, title="Offene Meldung")
    news_index.unpublish()
    protected = publish(StandardPageFactory(parent=home, title=HIDDEN[2], show_in_menus=True))
    PageViewRestriction.objects.create(
        page=protected, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    shown = publish(StandardPageFactory(parent=home, title="Offene Seite", show_in_menus=True))
    FooterText.objects.create(
        locale=home.locale,
        links=[("link", {"page": page, "label": ""}) for page in (protected, shown)],
    )
    home.hero_link_page = protected
    home.featured_pages = [HomePageFeaturedPage(page=page) for page in (protected, shown)]
    publish(home)
    return home, child, news


def assert_named_only_what_is_public(response):
    assert response.status_code == 200
    text = response.content.decode()
    for title in HIDDEN:
        assert title not in text
    return text


def test_menus_footer_and_featured_name_only_public_pages(client, site):
    home, _child, _news = site
    text = assert_named_only_what_is_public(client.get(home.url))
    assert text.count("Offene Seite") >= 3  # menu, footer and featured card


def test_breadcrumbs_and_feed_links_skip_parents_visitors_may_not_open(client, site):
    _home, child, news = site
    for page in (child, news):
        text = assert_named_only_what_is_public(client.get(page.url))
        assert page.title in text


def test_search_results_name_no_unpublished_section(client, site):
    text = assert_named_only_what_is_public(client.get("/suche/", {"q": "Offene"}))
    assert "Offene Unterseite" in text and "Offene Meldung" in text
