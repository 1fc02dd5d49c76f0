"""`make demo` as visitors meet it: the site's own error pages, files served, the right port.

`make demo` serves with website.settings.demo; the tests take their values from that module.
"""

import importlib
import shutil
import subprocess

from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import clear_url_caches
from django.utils import translation
from django.views.defaults import server_error

from wagtail.models import PageViewRestriction, Site

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.factories import (
    ExhibitionIndexPageFactory,
    StandardPageFactory,
    build_site,
    locales,
    publish_translation,
)
from tests.tools import require
from website.core.models import HomePage

DEBUG_PAGE_MARKERS = ("Using the URLconf", "You’re seeing this error because", "Traceback")


def demo_settings(monkeypatch, **environ):
    """website.settings.demo as `make demo` reads it, in this environment."""
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    importlib.reload(importlib.import_module("website.settings.dev"))
    return importlib.reload(importlib.import_module("website.settings.demo"))


def test_make_demo_serves_with_the_demo_settings():
    require("make", "the README's commands run with make")
    # -n: the commands `make demo` would run, printed, none run.
    commands = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("make"), "-n", "demo", "PORT=8123"],
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "runserver --settings=website.settings.demo 127.0.0.1:8123" in commands
    # A task worker beside it, taking the tasks the demo's settings queue in the database.
    assert "db_worker --settings=website.settings.demo &" in commands


def test_the_demo_queues_tasks_for_its_worker(monkeypatch):
    assert (
        demo_settings(monkeypatch).TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    )


def test_debug_pages_are_opt_in(monkeypatch):
    assert demo_settings(monkeypatch).DEBUG is False
    assert demo_settings(monkeypatch, DJANGO_DEBUG="1").DEBUG is True


@pytest.fixture
def sections():
    """German sections: two in the menu, one not, one private; only the first translated."""
    homes = build_site()
    by_code = locales()
    exhibitions = ExhibitionIndexPageFactory(parent=homes["de"], show_in_menus=True)
    StandardPageFactory(parent=homes["de"], title="Neuigkeiten", slug="neu", show_in_menus=True)
    StandardPageFactory(parent=homes["de"], title="Impressum", slug="impressum")
    private = StandardPageFactory(
        parent=homes["de"], title="Intern", slug="intern", show_in_menus=True
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    publish_translation(exhibitions, by_code["en"], title="Exhibitions")
    publish_translation(exhibitions, by_code["ar"], title="المعارض")
    return homes


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "direction", "label", "links"),
    [
        (
            "/gibt-es-nicht/",
            "de",
            "ltr",
            "Website durchsuchen",
            [("/ausstellungen/", "Ausstellungen"), ("/neu/", "Neuigkeiten")],
        ),
        (
            "/en/no-such-page/",
            "en",
            "ltr",
            "Search the website",
            [("/en/ausstellungen/", "Exhibitions")],
        ),
        ("/ar/لا-توجد/", "ar", "rtl", "البحث في الموقع", [("/ar/ausstellungen/", "المعارض")]),
    ],
)
def test_the_demo_answers_a_missing_page_with_the_sites_own_help(
    monkeypatch, sections, path, lang, direction, label, links
):
    with override_settings(DEBUG=demo_settings(monkeypatch).DEBUG):
        response = Client().get(path)
    assert response.status_code == 404
    text = response.content.decode()
    assert not any(marker in text for marker in DEBUG_PAGE_MARKERS)
    doc = BeautifulSoup(text, "html.parser")
    assert (doc.html["lang"], doc.html["dir"]) == (lang, direction)
    main = doc.select_one("main")
    field = main.select_one('form[role="search"] input[type="search"][name="q"]')
    assert main.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == label
    assert main.select_one('form[role="search"]')["action"] == f"/{lang}/suche/".replace(
        "/de/", "/"
    )
    section_nav = main.select_one("nav.error-page__sections")
    assert [(a["href"], a.get_text(strip=True)) for a in section_nav.select("a")] == links


@pytest.mark.parametrize(
    ("code", "direction", "heading", "label"),
    [
        ("de", "ltr", "Ein Fehler ist aufgetreten", "Website durchsuchen"),
        ("en", "ltr", "Something went wrong", "Search the website"),
        ("ar", "rtl", "حدث خطأ", "البحث في الموقع"),
    ],
)
def test_the_server_error_page_helps_without_the_database(
    rf, django_db_blocker, code, direction, heading, label
):
    with django_db_blocker.block(), translation.override(code):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    doc = BeautifulSoup(response.content, "html.parser")
    assert (doc.html["lang"], doc.html["dir"]) == (code, direction)
    assert doc.h1.get_text(strip=True) == heading
    field = doc.select_one('main form[role="search"] input[type="search"][name="q"]')
    assert doc.select_one(f'label[for="{field["id"]}"]').get_text(strip=True) == label
    home = "/" if code == "de" else f"/{code}/"
    assert doc.select_one(f'main a[href="{home}"]')


@pytest.mark.django_db
def test_a_failing_page_shows_the_server_error_page_in_its_language(monkeypatch, sections):
    def fail(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(HomePage, "serve", fail)
    with override_settings(DEBUG=demo_settings(monkeypatch).DEBUG):
        response = Client(raise_request_exception=False).get("/ar/")
    assert response.status_code == 500
    text = response.content.decode()
    assert not any(marker in text for marker in DEBUG_PAGE_MARKERS)
    doc = BeautifulSoup(text, "html.parser")
    assert (doc.html["lang"], doc.html["dir"]) == ("ar", "rtl")
    assert doc.select_one('form[role="search"]')["action"] == "/ar/suche/"


@pytest.fixture
def demo_urls(monkeypatch, tmp_path):
    """The URLs and file settings of website.settings.demo."""
    demo = demo_settings(monkeypatch)
    overrides = override_settings(
        DEBUG=demo.DEBUG,
        SERVE_MEDIA_FILES=demo.SERVE_MEDIA_FILES,
        WHITENOISE_USE_FINDERS=demo.WHITENOISE_USE_FINDERS,
        MEDIA_ROOT=tmp_path,
    )
    urls = importlib.import_module("website.urls")
    with overrides:
        importlib.reload(urls)
        clear_url_caches()
        yield tmp_path
    importlib.reload(urls)
    clear_url_caches()


@pytest.mark.django_db
def test_the_demo_serves_static_and_uploaded_files_with_debug_off(demo_urls):
    (demo_urls / "avatar_images").mkdir()
    (demo_urls / "avatar_images" / "portrait.txt").write_text("ein Bild")
    client = Client()  # its WhiteNoise reads the demo's settings
    assert client.get("/static/css/site.css").status_code == 200
    response = client.get("/media/avatar_images/portrait.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"ein Bild"


@pytest.mark.django_db
def test_the_demo_site_follows_the_port_it_is_served_on(monkeypatch, client):
    for port in ("8000", "8080"):
        base_url = demo_settings(monkeypatch, PORT=port).WAGTAILADMIN_BASE_URL
        with override_settings(WAGTAILADMIN_BASE_URL=base_url):
            call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8080)
    response = client.get("/neuigkeiten/feed/rss/", HTTP_HOST="127.0.0.1:8080")
    feed = feedparser.parse(response.content)
    links = [feed.feed.link, *(entry.link for entry in feed.entries)]
    assert feed.entries and all(link.startswith("http://127.0.0.1:8080/") for link in links)
