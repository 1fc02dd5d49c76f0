"""Anonymous visitors get pages from the shared cache; every change shows on the next request."""

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory, override_settings
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from stories.models import Consent
from tests.factories import StandardPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.stories.consent_helpers import make_participant
from website import generation
from website.page_cache import HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    homes = build_site()
    page = StandardPageFactory(parent=homes["de"], title="Ausgangslage", slug="ausgangslage")
    client.get("/")  # the site's settings are made on the first visit: content changes
    return page


def visit(client, path="/ausgangslage/", **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200
    return response


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_second_visit_comes_from_the_cache(client, page):
    first = visit(client)
    second = visit(client)
    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "public" in second["Cache-Control"]


def test_the_web_server_gets_stored_pages_without_django_making_a_request(page):
    from website.wsgi import application

    def get():
        answer = {}
        environ = RequestFactory().get("/ausgangslage/").environ
        body = b"".join(application(environ, lambda status, headers: answer.update(headers)))
        return answer, body

    requests = []

    def count(**kwargs):
        requests.append(kwargs)

    # As Django's test client does: the test's open transaction must outlive each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    request_started.connect(count)
    try:
        first_headers, first_body = get()
        hit_headers, hit_body = get()
    finally:
        request_started.disconnect(count)
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    assert len(requests) == 1
    assert (first_headers[HEADER], hit_headers[HEADER]) == ("miss", "hit")
    assert hit_body == first_body
    assert hit_headers["X-Frame-Options"] == first_headers["X-Frame-Options"] == "DENY"


def test_publishing_shows_on_the_very_next_request(client, page):
    visit(client)
    publish(page, title="Neue Ausgangslage")
    response = visit(client)
    assert response[HEADER] == "miss"
    assert "Neue Ausgangslage" in response.text


def test_unpublishing_moving_and_deleting_take_the_page_away_at_once(client, page):
    other = StandardPageFactory(parent=page.get_parent(), title="Ziel", slug="ziel")
    visit(client)
    page.unpublish()
    assert client.get("/ausgangslage/").status_code == 404

    publish(page)
    visit(client)
    page.move(other, pos="last-child")
    moved = client.get("/ausgangslage/")
    assert moved.status_code == 301  # Wagtail's automatic redirect to the new address
    assert moved["Location"].endswith("/ziel/ausgangslage/")
    visit(client, "/ziel/ausgangslage/")

    page.refresh_from_db()
    page.delete()
    assert client.get("/ziel/ausgangslage/").status_code == 404


def test_a_consent_change_makes_every_page_stale(client, page):
    participant = make_participant("Amal")
    visit(client)
    consent = participant.consents.get()
    consent.scope = Consent.Scope.WEBSITE
    consent.save()
    assert visit(client)[HEADER] == "miss"


def test_logged_in_editors_never_get_or_leave_cached_html(client, page, admin_user):
    visit(client)  # stored for visitors
    client.force_login(admin_user)
    response = visit(client)
    assert HEADER not in response
    assert "private" in response["Cache-Control"]

    cache.clear()
    visit(client)  # seen by the editor first: nothing may be kept
    client.logout()
    assert visit(client)[HEADER] == "miss"


def test_previews_are_never_cached(client, page, admin_user):
    client.force_login(admin_user)
    page.title = "Entwurf"
    page.save_revision()
    for _ in range(2):
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert HEADER not in response
        assert "Entwurf" in response.text


def test_private_pages_are_not_kept(client, page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    client.get("/ausgangslage/")
    assert HEADER not in client.get("/ausgangslage/")


def test_search_results_and_long_query_strings_are_not_kept(client, page):
    for _ in range(2):
        assert HEADER not in client.get("/suche/", {"q": "Ausgangslage"})
        assert HEADER not in client.get("/ausgangslage/", {"x": "y" * 200})


def test_a_page_with_a_photo_still_being_made_is_not_kept(client, page, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    image = make_image(plain_jpeg(40, 30), title="Foto")
    publish(page, social_image=image)
    response = visit(client)
    assert HEADER not in response
    assert "s-maxage=0" in response["Cache-Control"]
    assert HEADER not in visit(client)


def test_a_failing_page_cache_costs_speed_not_the_page(client, page, monkeypatch):
    set_other = cache.set

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    def set_but_pages(key, *args, **kwargs):
        return broken() if key.startswith("page:") else set_other(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", broken)
    monkeypatch.setattr(cache, "set", set_but_pages)
    assert visit(client).status_code == 200
    assert HEADER not in visit(client)


@override_settings(ALLOWED_HOSTS=["testserver", "other.example"])
def test_hosts_and_schemes_are_kept_apart(client, page):
    visit(client)
    assert visit(client, HTTP_HOST="other.example")[HEADER] == "miss"
    assert visit(client, secure=True)[HEADER] == "miss"


def test_the_generation_key_names_the_code_version():
    assert generation.KEY.startswith("content-generation:")
    assert len(generation.KEY.split(":")[1]) == 12


def test_a_configured_cdn_forgets_the_page_and_its_listings(page, cdn):
    child = StandardPageFactory(parent=page, title="Detail", slug="detail")
    cdn.clear()
    publish(child, title="Neues Detail")
    assert sorted(cdn) == [
        "http://localhost/",
        "http://localhost/ausgangslage/",
        "http://localhost/ausgangslage/detail/",
    ]
