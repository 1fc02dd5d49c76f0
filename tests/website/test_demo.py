from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Page, Revision, Site

import pytest

from website.core.demo.seed import read_sections
from website.core.models import FooterText, HomePage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(
            Page.objects.values_list(
                "path", "title", "live", "last_published_at", "latest_revision_id"
            )
        ),
        "revisions": Revision.objects.count(),
        "footers": sorted(FooterText.objects.values_list("locale__language_code", "text")),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id")),
    }


def test_load_demo_twice_changes_nothing_the_second_time():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first


def test_demo_home_page_shows_the_seed_introduction(client, html):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    intro = read_sections()["Connecting Humans"].paragraphs
    doc = html(client.get("/"))
    text = doc.select_one(".intro").get_text()
    assert all(paragraph in text for paragraph in intro)
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    # The placeholder page of a fresh Wagtail install is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    for path in ("/en/", "/ar/", "/ueber-das-projekt/ausgangslage/"):
        assert client.get(path).status_code == 200


def test_demo_admin_exists_only_in_development():
    with pytest.raises(CommandError):
        call_command("ensure_demo_admin")


@override_settings(DEBUG=True)
def test_demo_admin_is_created_then_reset(client, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "ein-demo-passwort")
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.login(username="admin", password="ein-demo-passwort")
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "ein-anderes-passwort")
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.login(username="admin", password="ein-anderes-passwort")
    assert client.get("/admin/").status_code == 200


def test_the_demo_exhibition_is_reached_from_the_home_page(client, html):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    home = html(client.get("/"))
    index_url = home.select_one('nav.main-nav a[href="/ausstellungen/"]')["href"]
    index = html(client.get(index_url))
    exhibition_url = index.find("a", string="Beulwitz designt")["href"]
    exhibition = html(client.get(exhibition_url))
    links = exhibition.select("a.gallery-grid__link")
    assert len(links) == 24
    assert all(img["alt"] for img in exhibition.select("a.gallery-grid__link img"))
    last = html(client.get(links[-1]["href"]))
    assert last.select_one('a[rel="prev"]') and not last.select_one('a[rel="next"]')
