"""Security headers on public pages, in every environment and with the production settings."""

import runpy
import secrets
import sys
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

import website.settings as settings_package
from tests.factories import StandardPageFactory, build_site

CHECKOUT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60)[:60],
    "ALLOWED_HOSTS": "example.org",
}
EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The settings of production.py that shape headers and cookies, taken from the file itself.
HARDENING_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_OPTIONS")

pytestmark = pytest.mark.django_db


def parse_policy(header):
    directives = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        assert name not in directives, f"{name} twice"
        directives[name] = sources
    return directives


@pytest.fixture
def production_settings(monkeypatch):
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    # base.py reads the environment on import: import it afresh, and put the old one back after.
    monkeypatch.setattr(settings_package, "base", settings_package.base)
    monkeypatch.delitem(sys.modules, "website.settings.base")
    production = runpy.run_module("website.settings.production")
    hardening = {
        name: value for name, value in production.items() if name.startswith(HARDENING_PREFIXES)
    }
    with override_settings(**hardening):
        yield production


@pytest.fixture
def home():
    return build_site()["de"]


def test_public_page_has_the_content_security_policy(client, home):
    response = client.get("/")
    assert response.status_code == 200
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy == EXPECTED_POLICY


def test_no_inline_or_eval_script_is_allowed(client, home):
    for path in ("/", "/en/", "/ar/", "/suche/?q=Foto", "/gibt-es-nicht/"):
        response = client.get(path)
        policy = parse_policy(response["Content-Security-Policy"])
        scripts = policy.get("script-src", policy["default-src"])
        assert scripts == ["'self'"], path
        for sources in policy.values():
            assert "'unsafe-inline'" not in sources
            assert "'unsafe-eval'" not in sources


def test_policy_is_sent_on_pages_from_the_page_cache(client, home):
    client.get("/")  # the site's settings are made on the first visit: content changes
    client.get("/")
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_is_exempt_from_the_policy(admin_client, home):
    for path in ("/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/edit/"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert "Content-Security-Policy" not in response, path


def test_previews_get_the_policy_and_may_be_framed_by_the_admin(admin_client, home):
    page = StandardPageFactory(parent=home, title="Vorschau")
    page.save_revision()
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    edit_form = {"title": page.title, "slug": page.slug, "body": streamfield([])}
    assert admin_client.post(preview_url, nested_form_data(edit_form)).json()["is_valid"]
    framed = {**EXPECTED_POLICY, "frame-ancestors": ["'self'"]}
    for url in (
        preview_url + "?in_preview_panel=true",  # the edit view's preview panel frames this
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, page.latest_revision_id]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "<h1>Vorschau</h1>" in response.text, url
        assert parse_policy(response["Content-Security-Policy"]) == framed, url
        assert response["X-Frame-Options"] == "SAMEORIGIN", url
    # The page itself stays unframeable.
    assert parse_policy(admin_client.get("/")["Content-Security-Policy"]) == EXPECTED_POLICY


def test_files_that_are_not_html_have_no_policy(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_production_headers_on_a_public_page(client, home, production_settings):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert parse_policy(response["Content-Security-Policy"]) == EXPECTED_POLICY


def test_production_sends_plain_http_to_https(client, home, production_settings):
    response = client.get("/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    assert "Strict-Transport-Security" not in response  # only meaningful over HTTPS


def test_production_cookies_are_secure_and_hidden_from_scripts(
    client, home, production_settings, django_user_model
):
    django_user_model.objects.create_superuser("redakteurin", password="richtig-langes-passwort")
    login = client.get("/admin/login/", secure=True)
    csrf_cookie = login.cookies["csrftoken"]
    assert csrf_cookie["secure"]

    response = client.post(
        "/admin/login/",
        {
            "username": "redakteurin",
            "password": "richtig-langes-passwort",
            "csrfmiddlewaretoken": csrf_cookie.value,
        },
        secure=True,
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
