"""A visitor browses an exhibition: with the keyboard in the lightbox, and without JavaScript."""

from wagtail.models import Locale

import pytest
from playwright.sync_api import expect

from exhibitions.models import GalleryPhoto
from tests.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    build_site,
    publish_translation,
)
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg

PHOTOS = 5


# The live server answers from another thread: the data must be committed.
# Committed data, for the live server's thread; the flush afterwards is followed by the data the
# migrations made (Wagtail's root page, groups), as every other test here expects.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def exhibition():
    home = build_site()["de"]
    index = ExhibitionIndexPageFactory(parent=home, show_in_menus=True)
    index.save_revision().publish()
    exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(
                image=make_image(plain_jpeg(900, 600), title=f"Foto {n}"),
                caption=f"Modell {n}",
                alt_text=f"Kleid Nummer {n}",
                photographer="Anna Beispiel",
            )
            for n in range(1, PHOTOS + 1)
        ]
    )
    exhibition.save_revision().publish()
    return exhibition


def counter(page):
    return page.locator("[data-lightbox-counter]")


def focused_href(page):
    return page.evaluate("document.activeElement.getAttribute('href')")


def test_visitor_steps_through_the_gallery_with_the_keyboard(visitor, live_server, exhibition):
    page = visitor
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Ausstellungen"
    ).click()
    page.get_by_role("link", name="Beulwitz designt").click()
    # expect() waits for the page the click leads to; a plain count would not.
    expect(page.locator("a.gallery-grid__link")).to_have_count(PHOTOS)
    page.wait_for_load_state()  # the lightbox's script has run: until then a photo is a link

    # A photo's caption lies hidden over it until the photo's link has focus (or the pointer).
    captions = page.locator(".gallery-grid__caption")
    expect(captions.first).to_have_css("opacity", "0")
    page.locator("a.gallery-grid__link").first.focus()
    expect(captions.first).to_have_css("opacity", "1")
    expect(captions.nth(1)).to_have_css("opacity", "0")
    page.keyboard.press("Enter")
    dialog = page.locator("dialog[data-lightbox-dialog]")
    dialog.wait_for(state="visible")
    expect(counter(page)).to_have_text(f"Foto 1 von {PHOTOS}")
    assert dialog.locator("figcaption").inner_text().startswith("Modell 1")
    assert page.locator("[data-lightbox-prev]").is_disabled()

    for n in range(2, PHOTOS + 1):
        page.keyboard.press("ArrowRight")
        expect(counter(page)).to_have_text(f"Foto {n} von {PHOTOS}")
    assert page.locator("[data-lightbox-next]").is_disabled()
    page.keyboard.press("Home")
    expect(counter(page)).to_have_text(f"Foto 1 von {PHOTOS}")
    page.keyboard.press("End")
    expect(counter(page)).to_have_text(f"Foto {PHOTOS} von {PHOTOS}")

    for _ in range(6):  # focus stays inside the open lightbox
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('dialog') !== null")

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # Back where the visitor was: on the photo last shown.
    last = exhibition.url + f"foto/{PHOTOS}/"
    page.wait_for_function(
        f"document.activeElement.getAttribute('href') === '{last}'", timeout=2000
    )
    assert focused_href(page) == last


def test_without_javascript_the_photo_pages_do_the_same_job(
    visitor_without_javascript, live_server, exhibition
):
    page = visitor_without_javascript
    page.goto(live_server.url + exhibition.url)
    page.locator("a.gallery-grid__link").first.click()
    for n in range(1, PHOTOS + 1):
        assert page.url.endswith(f"foto/{n}/")
        assert page.locator("h1").inner_text() == f"Modell {n}"
        if n < PHOTOS:
            page.get_by_role("link", name="Nächstes Foto").click()
    assert page.get_by_role("link", name="Nächstes Foto").count() == 0
    page.get_by_role("link", name="Zurück zur Ausstellung").click()
    assert page.url == live_server.url + exhibition.url


def test_on_arabic_pages_the_arrow_keys_follow_the_reading_direction(
    visitor, live_server, exhibition
):
    arabic = Locale.objects.get(language_code="ar")
    arabic_index = publish_translation(exhibition.get_parent().specific, arabic)
    arabic_exhibition = publish_translation(exhibition, arabic, title="بولفيتس يصمّم")
    assert arabic_index.url.startswith("/ar/")
    page = visitor
    page.goto(live_server.url + arabic_exhibition.url)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator("a.gallery-grid__link").first.focus()
    page.keyboard.press("Enter")
    page.locator("dialog[data-lightbox-dialog]").wait_for(state="visible")
    first = counter(page).inner_text()
    assert "1" in first
    page.keyboard.press("ArrowLeft")  # forward, in a right-to-left page
    expect(counter(page)).to_have_text(first.replace("1", "2", 1))
    page.keyboard.press("ArrowRight")
    expect(counter(page)).to_have_text(first)
