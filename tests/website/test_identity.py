"""The site's own typefaces, served from the site, and its print stylesheet."""

import re
from pathlib import Path
from urllib.parse import urljoin

from django.contrib.staticfiles import finders
from django.test import Client, override_settings

import pytest

from tests.factories import build_site

STATIC = Path(__file__).resolve().parents[2] / "site" / "static"
# Every face of every subset: what a visitor may download at most, whatever the page.
FONT_BYTES_BUDGET = 250_000


@pytest.fixture
def pages(db, client, html):
    """The home page in German, English and Arabic, parsed."""
    return {code: html(client.get(home.url)) for code, home in build_site().items()}


@pytest.fixture
def static_client():
    # As `make demo` serves them: WhiteNoise finds the files in site/static.
    with override_settings(WHITENOISE_USE_FINDERS=True):
        yield Client()


def font_urls(css):
    return re.findall(r'url\("?([^")]+)"?\)', css)


def test_the_font_faces_are_served_by_the_site(pages, static_client):
    href = pages["de"].select_one('link[rel="stylesheet"][href$="/fonts.css"]')["href"]
    response = static_client.get(href)
    assert response.status_code == 200
    css = b"".join(response.streaming_content).decode()
    urls = font_urls(css)
    families = set(re.findall(r'font-family: "([^"]+)"', css))
    assert families == {"Source Serif 4", "Source Sans 3", "IBM Plex Sans Arabic"}
    assert len(urls) == css.count("@font-face") == 8
    for url in urls:
        font = static_client.get(urljoin(href, url))
        assert font.status_code == 200, url
        assert font["Content-Type"] == "font/woff2"


def test_every_font_file_is_there_with_its_licence_and_small():
    css = (STATIC / "css" / "fonts.css").read_text()
    files = [Path(finders.find(url.removeprefix("../"))) for url in font_urls(css)]
    for file in files:
        assert file.read_bytes()[:4] == b"wOF2", file
        assert "SIL Open Font License" in (file.parent / "OFL.txt").read_text()
    # Nothing committed that fonts.css does not use.
    assert set(files) == set((STATIC / "fonts").glob("*/*.woff2"))
    assert sum(file.stat().st_size for file in files) < FONT_BYTES_BUDGET


def test_no_font_or_style_comes_from_another_host(pages):
    for doc in pages.values():
        links = doc.select('link[rel="stylesheet"], link[rel="preload"]')
        assert links
        assert all(link["href"].startswith("/static/") for link in links)
    for stylesheet in (STATIC / "css").glob("*.css"):
        css = stylesheet.read_text()
        assert "@import" not in css, stylesheet
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), stylesheet


def test_the_first_screen_s_faces_are_preloaded_in_the_page_s_script(pages):
    css = (STATIC / "css" / "fonts.css").read_text()
    for code, subset in [("de", "-latin-"), ("en", "-latin-"), ("ar", "-arabic-")]:
        preloads = pages[code].select('link[rel="preload"][as="font"]')
        assert 1 <= len(preloads) <= 2
        for preload in preloads:
            assert preload["type"] == "font/woff2"
            assert preload.has_attr("crossorigin")  # fonts are fetched in CORS mode
            assert subset in preload["href"]
            assert preload["href"].removeprefix("/static/") in css.replace("../", "")


def test_the_print_stylesheet_is_linked_for_print_only(pages, static_client):
    for doc in pages.values():
        (link,) = doc.select('link[rel="stylesheet"][href$="/print.css"]')
        assert link["media"] == "print"
        assert static_client.get(link["href"]).status_code == 200
