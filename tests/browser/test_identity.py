"""The site's typefaces and German hyphenation, as Chromium renders a page."""

import pytest

from tests.factories import StandardPageFactory, build_site

PHONE = {"width": 320, "height": 640}
# The faces the browser has fetched and uses on the page (fonts.css loads only those in use).
LOADED_FACES = """document.fonts.ready.then(fonts => [...new Set([...fonts]
    .filter(face => face.status === "loaded").map(face => face.family.replaceAll('"', "")))])"""


@pytest.fixture
def homes(transactional_db):
    homes = build_site()
    StandardPageFactory(
        parent=homes["de"],
        title="Die Projektpartnerinnen",
        slug="projektpartnerinnen",
        intro="Zugehörigkeitskreise und Integrationsprojektpartnerinnen aus ganz Thüringen.",
    )
    return homes


def hyphens(page, selector):
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).hyphens")


def test_german_words_hyphenate_and_fit_a_320_px_phone(visitor, live_server, homes):
    visitor.set_viewport_size(PHONE)
    visitor.goto(live_server.url + "/projektpartnerinnen/")
    assert visitor.evaluate(LOADED_FACES) == ["Source Serif 4", "Source Sans 3"]
    assert hyphens(visitor, "h1") == "auto"
    assert hyphens(visitor, "main p") == "auto"
    # Wherever the browser has no German dictionary, long words still break inside the page.
    assert visitor.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def test_arabic_pages_use_the_arabic_face(visitor, live_server, homes):
    visitor.goto(live_server.url + homes["ar"].url)
    assert "IBM Plex Sans Arabic" in visitor.evaluate(LOADED_FACES)
    assert hyphens(visitor, "main") == "manual"  # German hyphenation stays with German
