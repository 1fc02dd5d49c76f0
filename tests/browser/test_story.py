"""A visitor reads an Arabic/German story behind a content note, with the keyboard only."""

import datetime

from django.utils import timezone

import pytest

from stories.models import Consent, Participant, StoryIndexPage, StoryPage
from stories.models.pages import StoryPhoto
from tests.factories import build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg

# The live server answers from another thread: the data must be committed.
# Committed data, for the live server's thread; the flush afterwards is followed by the data the
# migrations made (Wagtail's root page, groups), as every other test here expects.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    home = build_site()["de"]
    index = StoryIndexPage(title="Geschichten", slug="geschichten", show_in_menus=True)
    home.add_child(instance=index)
    index.save_revision().publish()
    amal = Participant(pseudonym="Amal (Pseudonym)", real_name="Nur intern")
    amal.consents.set(
        [
            Consent(
                scope=Consent.Scope.WEBSITE,
                face=Consent.Face.VISIBLE,
                given_on=timezone.localdate() - datetime.timedelta(days=5),
            )
        ]
    )
    amal.save()
    story = StoryPage(
        title="Nähen verbindet",
        slug="naehen-verbindet",
        participant=amal,
        teaser="Amal fand in der Nähwerkstatt Freundinnen.",
        content_note="Flucht, Gewalt, Verlust",
        portrait=make_image(plain_jpeg(300, 400), title="Porträt"),
        portrait_alt="Eine Frau an der Nähmaschine",
        body=[
            {
                "type": "bilingual",
                "value": {
                    "text": "<p>Als ich nach Saalfeld kam, kannte ich niemanden.</p>",
                    "language": "ar",
                    "own_text": "<p>عندما وصلت إلى زالفيلد لم أكن أعرف أحدًا.</p>",
                },
            },
        ],
    )
    story.photos.set(
        [StoryPhoto(image=make_image(plain_jpeg(400, 300), title="Werkstatt"), alt_text="Nähtisch")]
    )
    index.add_child(instance=story)
    story.save_revision().publish()
    return story


def active(page, script):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tab_to(page, selector, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page, f"el.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_visitor_reads_the_story_and_passes_the_gate_with_the_keyboard(visitor, live_server, story):
    page = visitor
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + story.url)

    # Both texts side by side, each in its own language and direction.
    german = page.locator('.bilingual__text[lang="de"]')
    arabic = page.locator('.bilingual__text[lang="ar"]')
    assert german.get_attribute("dir") == "ltr" and arabic.get_attribute("dir") == "rtl"
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    german_box, arabic_box = german.bounding_box(), arabic.bounding_box()
    assert german_box["y"] == arabic_box["y"] and german_box["x"] < arabic_box["x"]

    # The note stands before the story; every image waits behind it.
    images = page.locator("article.story img")
    assert images.count() == 2
    assert all(not images.nth(n).is_visible() for n in range(2))

    tab_to(page, "[data-content-note-toggle]")
    label_before = active(page, "el.textContent")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "[...document.querySelectorAll('details[data-content-gate]')].every(d => d.open)",
        timeout=2000,
    )
    for n in range(2):
        images.nth(n).scroll_into_view_if_needed()
        assert images.nth(n).is_visible()
    # Focus stays on the button, which now offers to hide them again; the change is announced.
    assert active(page, "el.matches('[data-content-note-toggle]')")
    assert active(page, "el.textContent") != label_before
    assert page.locator("[data-content-note-status]").inner_text()
    # The next Tab leads on into the story, to the first image's own control.
    page.keyboard.press("Tab")
    assert active(page, "el.matches('details[data-content-gate] > summary')")
    assert active(page, "el.closest('.story__lead') !== null")

    # Space on the button hides them all again.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    page.wait_for_function(
        "[...document.querySelectorAll('details[data-content-gate]')].every(d => !d.open)",
        timeout=2000,
    )
    assert all(not images.nth(n).is_visible() for n in range(2))
    assert active(page, "el.textContent") == label_before


def test_on_a_narrow_screen_the_two_languages_stack(visitor, live_server, story):
    page = visitor
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(live_server.url + story.url)
    german = page.locator('.bilingual__text[lang="de"]').bounding_box()
    arabic = page.locator('.bilingual__text[lang="ar"]').bounding_box()
    assert arabic["y"] >= german["y"] + german["height"]


def test_without_javascript_each_image_opens_with_the_keyboard(
    visitor_without_javascript, live_server, story
):
    page = visitor_without_javascript
    page.goto(live_server.url + story.url)
    assert not page.locator("[data-content-note-toggle]").is_visible()
    portrait = page.locator(".story__lead img")
    assert not portrait.is_visible()
    tab_to(page, "details[data-content-gate] > summary")
    page.keyboard.press("Enter")
    assert portrait.is_visible()
    assert not page.locator(".story-photos img").is_visible()  # the others stay closed
