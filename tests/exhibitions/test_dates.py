"""Dates read as the visitor's language writes them."""

import datetime

import pytest

from tests.factories import locales, publish_translation
from tests.news.factories import NewsIndexPageFactory, make_news, publish

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 11, 3)
END = datetime.date(2027, 1, 10)

EXHIBITION_DATES = {
    "de": ["3. November 2026", "10. Januar 2027"],
    "en": ["3 November 2026", "10 January 2027"],
    "ar": ["3 نوفمبر 2026", "10 يناير 2027"],
}


def translations(page, **slugs):
    """The page and its published English and Arabic translations, parents included."""
    pages = {"de": page}
    for code, slug in slugs.items():
        parent = page.get_parent()
        if not parent.get_translations().filter(locale=locales()[code]).exists():
            publish_translation(parent, locales()[code], slug=f"{parent.slug}-{code}")
        pages[code] = publish_translation(page, locales()[code], slug=slug)
    return pages


@pytest.mark.parametrize("code", ["de", "en", "ar"])
def test_an_exhibitions_dates_follow_the_language(client, html, make_exhibition, code):
    exhibition = make_exhibition(start_date=START, end_date=END)
    page = translations(exhibition, en="beulwitz", ar="beulwitz-ar")[code]
    doc = html(client.get(page.url))
    dates = doc.select_one(".key-visual__facts")
    assert [time.get_text() for time in dates.select("bdi > time")] == EXHIBITION_DATES[code]
    assert [time["datetime"] for time in dates.select("time")] == ["2026-11-03", "2027-01-10"]


NEWS_DATE = {"de": "3. November 2026", "en": "3 November 2026", "ar": "3 نوفمبر 2026"}


@pytest.mark.parametrize("code", ["de", "en", "ar"])
def test_a_news_items_date_follows_the_language(client, html, index, code):
    news_index = publish(NewsIndexPageFactory(parent=index.get_parent()))
    item = make_news(news_index, title="Eröffnung", date=START)
    page = translations(item, en="opening", ar="opening-ar")[code]
    doc = html(client.get(page.url))
    assert doc.select_one(".news-item .meta time").get_text() == NEWS_DATE[code]
