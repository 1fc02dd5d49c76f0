"""A participant's real name and contact stay internal: never public, never searchable."""

import json

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest
from bs4 import BeautifulSoup

from stories.models import Participant, StoryPage
from tests.factories import build_site

from .consent_helpers import (
    CONTACT,
    REAL_NAME,
    exhibition_with,
    make_participant,
    photo_of,
    story_of,
)

pytestmark = pytest.mark.django_db

SURNAME = "Geheimname"


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        home = build_site()["de"]
        zuhal = make_participant("Zuhal")
        zuhal.languages = "Kurmancî, Deutsch"
        zuhal.save()
        exhibition = exhibition_with(home, photo_of(zuhal, title="Zuhal"))
        story = story_of(home, zuhal, title="Zuhals Weg")
    return {"zuhal": zuhal, "exhibition": exhibition, "story": story}


def test_internal_fields_appear_in_no_public_output(client, world):
    urls = [p.url for p in Page.objects.live().filter(depth__gt=1).specific() if p.url]
    urls += ["/sitemap.xml", "/suche/?q=Zuhal"]
    texts = {url: client.get(url).content.decode() for url in urls}
    # The search page repeats what was asked: only what it found counts.
    search = BeautifulSoup(client.get(f"/suche/?q={SURNAME}").content, "html.parser")
    assert search.select(".search-result") == []

    assert "Zuhal" in texts[world["story"].url]  # the pseudonym is what the story shows
    leaks = [url for url, text in texts.items() if SURNAME in text or "0170" in text]
    assert leaks == []


def test_internal_fields_are_in_no_search_index_or_revision(world):
    backend = get_search_backend()
    assert list(backend.search("Zuhal", Participant)) == [world["zuhal"]]
    assert list(backend.search(SURNAME, Participant)) == []
    assert list(backend.search("example", Participant)) == []
    assert list(Page.objects.live().search(SURNAME)) == []
    assert list(StoryPage.objects.search("Zuhal")) == [world["story"]]
    revision = json.dumps(world["story"].get_latest_revision().content)
    assert REAL_NAME not in revision and CONTACT not in revision
