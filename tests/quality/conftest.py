"""The site's quality judges (axe-core, the Nu HTML checker, the keyboard) over the demo site."""

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client

import pytest

from tests.browser.conftest import browser, demo, orm_beside_playwright  # noqa: F401

CHECKOUT = Path(__file__).resolve().parents[2]
NODE_MODULES = CHECKOUT / "node_modules"
EXHIBITION = "/ausstellungen/beulwitz-designt/"
# Views a sitemap does not list: a photo's own page, search with and without results.
UNLISTED_VIEWS = [EXHIBITION + "foto/1/", "/suche/?q=Beulwitz", "/ar/suche/?q=nichts-gefunden"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def demo_server(demo, live_server):  # noqa: F811 (the fixture imported above)
    return live_server


def language_of(path):
    prefix = path.split("/")[1]
    return prefix if prefix in ("en", "ar") else "de"


def sitemap_paths():
    """Every page path the sitemap lists, German (unprefixed), English (/en/) and Arabic (/ar/)."""
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200, response.status_code
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    paths = [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    languages = {language_of(path) for path in paths}
    assert {"/", "/en/", "/ar/"} <= set(paths), paths
    assert languages == {"de", "en", "ar"}, paths
    # More than the three home pages in each language.
    for language in languages:
        assert sum(language_of(path) == language for path in paths) > 3, (language, paths)
    return paths


def pages_per_language(paths):
    counts = {"de": 0, "en": 0, "ar": 0}
    for path in paths:
        counts[language_of(path)] += 1
    return counts
