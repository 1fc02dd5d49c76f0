import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import StandardPageFactory, build_site, publish_translation

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    return {loc.text.removeprefix("http://localhost") for loc in root.findall("sm:url/sm:loc", NS)}


def test_sitemap_lists_every_public_page_of_every_locale(client):
    homes = build_site()
    about = StandardPageFactory(parent=homes["de"], slug="ueber-das-projekt")
    publish_translation(about, homes["ar"].locale, slug="an-almashrue")
    publish_translation(about, homes["en"].locale, slug="about")
    assert sitemap_paths(client) == {
        "/",
        "/ueber-das-projekt/",
        "/en/",
        "/en/about/",
        "/ar/",
        "/ar/an-almashrue/",
    }


def test_sitemap_leaves_out_drafts_and_restricted_pages(client):
    homes = build_site()
    StandardPageFactory(parent=homes["de"], slug="entwurf", live=False)
    private = StandardPageFactory(parent=homes["de"], slug="intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    arabic_draft = StandardPageFactory(parent=homes["ar"], slug="musawwada", live=False)
    paths = sitemap_paths(client)
    assert "/entwurf/" not in paths
    assert "/intern/" not in paths
    assert arabic_draft.url not in paths
    assert paths == {"/", "/en/", "/ar/"}


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
