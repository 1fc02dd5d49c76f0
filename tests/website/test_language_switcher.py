"""The language switcher links only to versions of the page that exist and says why others are
missing, in the visitor's language and in the missing one."""

import pytest

from tests.factories import StandardPageFactory, build_site, publish_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_in_german_and_arabic():
    homes = build_site()
    page = StandardPageFactory(parent=homes["de"], title="Ausgangslage", slug="ausgangslage")
    publish_translation(page, homes["ar"].locale, title="الوضع الأولي")
    return page


def test_a_language_without_this_page_has_no_link_but_a_reason(
    client, html, page_in_german_and_arabic
):
    switcher = html(client.get("/ausgangslage/")).select_one(".language-switcher")
    assert not [a["href"] for a in switcher.select("a") if a["href"].startswith("/en/")]
    assert [a["hreflang"] for a in switcher.select("a")] == ["de", "ar"]
    missing = switcher.select(".language-switcher__missing")
    assert len(missing) == 1
    assert missing[0].summary.select_one(".language-switcher__code").get_text() == "EN"
    notes = [(p.get("lang"), p.get("dir"), p.get_text()) for p in missing[0].select("p")]
    assert notes == [
        (None, None, "Diese Seite gibt es noch nicht auf Englisch."),
        ("en", "ltr", "This page is not available in English yet."),
    ]


def test_on_the_arabic_page_the_reason_is_in_arabic_first(client, html, page_in_german_and_arabic):
    doc = html(client.get("/ar/ausgangslage/"))
    notes = [p.get_text() for p in doc.select(".language-switcher__missing p")]
    assert notes == [
        "هذه الصفحة غير متوفرة بعد باللغة الإنجليزية.",
        "This page is not available in English yet.",
    ]
