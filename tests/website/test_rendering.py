"""Home and standard pages as a visitor gets them, in German and in Arabic."""

import pytest

from tests.factories import StandardPageFactory, build_site, publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    homes = build_site()
    about = StandardPageFactory(
        parent=homes["de"], title="Über das Projekt", slug="ueber-das-projekt", show_in_menus=True
    )
    detail = StandardPageFactory(
        parent=about, title="Die ursprüngliche Ausgangslage", slug="ausgangslage"
    )
    hidden = StandardPageFactory(parent=homes["de"], title="Impressum", slug="impressum")
    about_ar = publish_translation(about, homes["ar"].locale, title="عن المشروع")
    detail_ar = publish_translation(detail, homes["ar"].locale, title="الوضع الأولي")
    return {
        "homes": homes,
        "about": about,
        "detail": detail,
        "hidden": hidden,
        "about_ar": about_ar,
        "detail_ar": detail_ar,
    }


def nav_titles(doc):
    return [a.get_text(strip=True) for a in doc.select("nav.main-nav a")]


def test_german_home_page(client, html, site):
    doc = html(client.get("/"))
    assert doc.html["lang"] == "de"
    assert doc.html["dir"] == "ltr"
    assert doc.body["data-page-type"] == "core.homepage"
    assert "Überwindung soziokultureller Barrieren" in doc.select_one(".intro").get_text()
    assert nav_titles(doc) == ["Über das Projekt"]
    assert doc.select_one("a.skip-link")["href"] == "#main"
    assert doc.select_one("main#main")
    assert doc.select_one(".skip-link").get_text(strip=True) == "Zum Inhalt springen"
    assert not doc.select(".breadcrumbs")


def test_arabic_home_page_is_right_to_left(client, html, site):
    doc = html(client.get("/ar/"))
    assert doc.html["lang"] == "ar"
    assert doc.html["dir"] == "rtl"
    assert doc.body["data-page-type"] == "core.homepage"
    assert nav_titles(doc) == ["عن المشروع"]


def test_standard_page_has_breadcrumbs_and_marks_its_section(client, html, site):
    doc = html(client.get("/ueber-das-projekt/ausgangslage/"))
    assert doc.body["data-page-type"] == "core.standardpage"
    assert doc.h1.get_text(strip=True) == "Die ursprüngliche Ausgangslage"
    crumbs = doc.select(".breadcrumbs li a")
    assert [a["href"] for a in crumbs] == [
        "/",
        "/ueber-das-projekt/",
        "/ueber-das-projekt/ausgangslage/",
    ]
    assert crumbs[-1]["aria-current"] == "page"
    assert doc.select_one('nav.main-nav a[href="/ueber-das-projekt/"]')["aria-current"] == "true"


def test_arabic_standard_page(client, html, site):
    doc = html(client.get(site["detail_ar"].url))
    assert site["detail_ar"].url.startswith("/ar/")
    assert (doc.html["lang"], doc.html["dir"]) == ("ar", "rtl")
    assert doc.h1.get_text(strip=True) == "الوضع الأولي"
    assert [a.get_text(strip=True) for a in doc.select(".breadcrumbs li a")][1:] == [
        "عن المشروع",
        "الوضع الأولي",
    ]


def test_page_outside_the_menu_is_not_in_the_navigation(client, html, site):
    doc = html(client.get("/impressum/"))
    assert "Impressum" not in nav_titles(doc)


def test_language_switcher_leads_to_the_same_page_in_other_languages(client, html, site):
    doc = html(client.get("/ueber-das-projekt/ausgangslage/"))
    links = {a["lang"]: a["href"] for a in doc.select(".language-switcher a")}
    assert links == {"de": "/ueber-das-projekt/ausgangslage/", "ar": site["detail_ar"].url}
    alternates = {link["hreflang"] for link in doc.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"de", "ar", "x-default"}  # no English translation exists


def test_a_nul_in_the_address_is_not_found(client, site):
    assert client.get("/ueber-das-projekt%00/").status_code == 404


def test_unknown_page_answers_404_with_the_site_layout(client, site):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert b'data-page-type="error"' in response.content
    assert "Seite nicht gefunden" in response.content.decode()


def test_anonymous_pages_may_be_cached_by_shared_caches_but_not_editor_views(
    client, admin_client, site
):
    public = client.get("/")
    assert "public" in public["Cache-Control"]
    assert "s-maxage" in public["Cache-Control"]
    editor = admin_client.get("/")
    assert "private" in editor["Cache-Control"]
    assert "no-store" in editor["Cache-Control"]


def test_admin_speaks_german(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Anmelden" in response.content.decode()


def test_each_language_link_is_named_by_the_code_it_shows_then_the_language(client, html, site):
    # WCAG 2.5.3, label in name: speech users say what they see ("EN").
    doc = html(client.get("/ueber-das-projekt/ausgangslage/"))
    names = {
        a["lang"]: (
            a.select_one(".language-switcher__code").get_text(),
            a.get_text(" ", strip=True),
        )
        for a in doc.select(".language-switcher a")
    }
    assert names == {"de": ("DE", "DE Deutsch"), "ar": ("AR", "AR العربيّة")}
    # English, missing here, is named by its code too, then the language and why.
    missing = doc.select_one(".language-switcher__missing summary")
    assert missing.get_text(" ", strip=True) == "EN English : nicht verfügbar"
    for a in doc.select(".language-switcher a"):
        assert not a.select("[aria-hidden]") and not a.has_attr("aria-label")
