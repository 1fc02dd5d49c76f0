"""A configured CDN forgets a changed page and every live page that lists or links it."""

from wagtail.models import Locale

import pytest

from tests.factories import build_site, publish_translation
from tests.news.factories import NewsIndexPageFactory, make_news, make_project
from tests.news.factories import publish as publish_news
from tests.stories.consent_helpers import exhibition_with, make_participant, photo_of, story_of

pytestmark = pytest.mark.django_db

HOST = "http://localhost"


@pytest.fixture
def site():
    homes = build_site()
    project = make_project(homes["de"], "Connecting Women", "connecting-women")
    project_en = publish_translation(project, Locale.objects.get(language_code="en"))
    amal = make_participant("Amal")
    amal.sub_project = project
    amal.save()
    story = story_of(homes["de"], amal, title="Amals Weg")
    news_index = publish_news(NewsIndexPageFactory(parent=homes["de"]))
    return {
        "homes": homes,
        "project": project,
        "project_en": project_en,
        "amal": amal,
        "story": story,
        "news_index": news_index,
    }


def test_unpublishing_a_story_purges_the_project_page_that_lists_it(site, cdn):
    site["story"].unpublish()
    assert {
        f"{HOST}/",
        f"{HOST}/geschichten/",
        f"{HOST}/geschichten/amals-weg/",
        # Its participant's sub-project lists it, in every language.
        f"{HOST}/connecting-women/",
        f"{HOST}/en/connecting-women/",
    } <= set(cdn)


def test_publishing_a_story_purges_the_project_page_too(site, cdn):
    story = site["story"]
    story.teaser = "Neu erzählt."
    story.save_revision().publish()
    assert f"{HOST}/connecting-women/" in cdn


def test_unpublishing_a_news_item_purges_its_sub_projects_and_the_feeds(site, cdn):
    news = make_news(site["news_index"], title="Kochabend", projects=[site["project"]])
    cdn.clear()
    news.unpublish()
    assert {
        f"{HOST}/aktuelles/kochabend/",
        f"{HOST}/aktuelles/",
        f"{HOST}/aktuelles/feed/rss/",
        f"{HOST}/aktuelles/feed/atom/",
        f"{HOST}/connecting-women/",
        f"{HOST}/en/connecting-women/",
    } <= set(cdn)


def test_pages_that_link_a_page_are_purged_with_it(site, cdn):
    news = make_news(site["news_index"], title="Lesung", related=[site["story"]])
    cdn.clear()
    site["story"].unpublish()
    assert news.full_url in cdn


def test_pages_that_neither_list_nor_link_it_stay(site, cdn):
    other = make_project(site["homes"]["de"], "Connecting Partners", "connecting-partners")
    news = make_news(site["news_index"], title="Sommerfest")
    cdn.clear()
    site["story"].unpublish()
    assert other.full_url not in cdn
    assert news.full_url not in cdn


def test_an_exhibition_purges_the_page_of_every_photo_it_ever_showed(site, cdn):
    first, second = photo_of(site["amal"], title="Eins"), photo_of(site["amal"], title="Zwei")
    exhibition = exhibition_with(site["homes"]["de"], first, second, title="Wege")
    exhibition.gallery_photos.remove(exhibition.gallery_photos.get(image=first))
    cdn.clear()
    exhibition.save_revision().publish()
    assert {f"{exhibition.full_url}foto/1/", f"{exhibition.full_url}foto/2/"} <= set(cdn)
