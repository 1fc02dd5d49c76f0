"""What search engines and link previews read: canonical, hreflang, description, OpenGraph."""

import pytest

from tests.factories import StandardPageFactory, build_site, publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    homes = build_site()
    page = StandardPageFactory(
        parent=homes["de"],
        title="Über das Projekt",
        slug="ueber-das-projekt",
        search_description="Worum es bei Connecting Humans geht.",
    )
    publish_translation(page, homes["en"].locale, slug="about", title="About the project")
    publish_translation(page, homes["ar"].locale, slug="an-almashrue", title="عن المشروع")
    return page


def head(html, client, path):
    return html(client.get(path)).head


@pytest.mark.parametrize(
    "path", ["/ueber-das-projekt/", "/en/ueber-das-projekt/", "/ar/ueber-das-projekt/"]
)
def test_every_language_version_lists_all_three_and_german_as_default(client, html, about, path):
    # Translations keep the German slug unless an editor changes it; these were changed.
    versions = {
        "/ueber-das-projekt/": "/ueber-das-projekt/",
        "/en/ueber-das-projekt/": "/en/about/",
        "/ar/ueber-das-projekt/": "/ar/an-almashrue/",
    }
    doc = head(html, client, versions[path])
    alternates = {
        link["hreflang"]: link["href"] for link in doc.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "de": "http://localhost/ueber-das-projekt/",
        "en": "http://localhost/en/about/",
        "ar": "http://localhost/ar/an-almashrue/",
        "x-default": "http://localhost/ueber-das-projekt/",
    }
    assert doc.select_one('link[rel="canonical"]')["href"] == f"http://localhost{versions[path]}"


def test_canonical_ignores_the_query_string(client, html, about):
    doc = head(html, client, "/ueber-das-projekt/?utm_source=newsletter&page=2")
    assert doc.select_one('link[rel="canonical"]')["href"] == "http://localhost/ueber-das-projekt/"


def test_drafts_are_no_alternates(client, html):
    homes = build_site()
    page = StandardPageFactory(parent=homes["de"], slug="seite")
    draft = page.copy_for_translation(homes["en"].locale)
    draft.save_revision()  # never published
    doc = head(html, client, "/seite/")
    assert {link["hreflang"] for link in doc.select("link[hreflang]")} == {"de", "x-default"}


def test_description_and_sharing_tags(client, html, about):
    doc = head(html, client, "/ueber-das-projekt/")
    assert doc.select_one('meta[name="description"]')["content"] == (
        "Worum es bei Connecting Humans geht."
    )
    og = {meta["property"]: meta["content"] for meta in doc.select('meta[property^="og:"]')}
    assert og["og:title"] == "Über das Projekt"
    assert og["og:url"] == "http://localhost/ueber-das-projekt/"
    assert og["og:description"] == "Worum es bei Connecting Humans geht."
    assert doc.select_one('meta[name="twitter:card"]')["content"] == "summary"


def test_a_page_without_a_search_description_describes_itself_by_its_listing_summary(client, html):
    homes = build_site()
    StandardPageFactory(parent=homes["de"], slug="seite", listing_summary="Kurz gesagt.")
    doc = head(html, client, "/seite/")
    assert doc.select_one('meta[name="description"]')["content"] == "Kurz gesagt."


def test_every_page_has_a_description_even_if_the_editor_gave_none(client, html):
    homes = build_site()
    StandardPageFactory(parent=homes["de"], slug="seite", search_description="")
    doc = head(html, client, "/seite/")
    assert doc.select_one('meta[name="description"]')["content"] == (
        "Connecting Humans, ein Integrationsprojekt in Thüringen."
    )
