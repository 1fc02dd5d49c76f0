"""Passwords of protected pages and document collections: wrong ones are throttled like logins."""

import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from tests.factories import StandardPageFactory, build_site

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-und-lang"  # noqa: S105
WAIT = {
    "de": "Zu viele falsche Passwörter. Bitte warten Sie 15 Minuten",
    "en": "Too many wrong passwords. Please wait 15 minutes",
    "ar": "كلمات مرور خاطئة كثيرة جدًا. يُرجى الانتظار 15 دقيقة",
}
WRONG = "The password you have entered is not correct. Please try again."


def waiting(language):
    return escape(WAIT[language])


def wrong(language="de"):
    with translation.override(language):
        return escape(translation.gettext(WRONG))


@pytest.fixture
def homes():
    return build_site()


def protected_page(home, slug="intern"):
    page = StandardPageFactory(parent=home, title="Intern", slug=slug, intro="Nur für Gäste.")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


@pytest.fixture
def page(homes):
    return protected_page(homes["de"])


def action_url(page, restriction, language="de"):
    with translation.override(language):
        return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def try_password(client, page, restriction, password, address="192.0.2.10", language="de"):
    return client.post(
        action_url(page, restriction, language),
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def fail(client, page, restriction, times, address="192.0.2.10"):
    for _ in range(times):
        response = try_password(client, page, restriction, "falsch", address)
        assert response.status_code == 200


def let_in(response, page):
    return response.status_code == 302 and response["Location"] == page.url


def test_the_page_asks_for_its_password_and_a_right_one_lets_in(client, page):
    page, restriction = page
    response = client.get(page.url)
    assert action_url(page, restriction) in response.text
    assert "Nur für Gäste." not in response.text
    assert let_in(try_password(client, page, restriction, PASSWORD), page)
    assert "Nur für Gäste." in client.get(page.url).text


def test_a_right_password_is_refused_after_five_wrong_ones(client, page, caplog):
    page, restriction = page
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS - 1):
        response = try_password(client, page, restriction, "falsch")
        assert wrong() in response.text
    # The failure that reaches the limit already says how long to wait.
    assert waiting("de") in try_password(client, page, restriction, "falsch").text

    with caplog.at_level(logging.WARNING, logger="website.security"):
        response = try_password(client, page, restriction, PASSWORD)
    assert response.status_code == 200
    assert waiting("de") in response.text
    assert "Nur für Gäste." not in client.get(page.url).text
    assert "192.0.2.10" in caplog.text
    assert PASSWORD not in caplog.text


def test_the_password_is_not_even_checked_while_throttled(client, page, monkeypatch):
    page, restriction = page
    fail(client, page, restriction, 5)
    checked = []
    monkeypatch.setattr(
        "wagtail.forms.constant_time_compare", lambda given, right: checked.append(given) or True
    )
    try_password(client, page, restriction, PASSWORD)
    assert checked == []


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_wait_is_said_in_the_visitors_language(client, page, language):
    page, restriction = page
    fail(client, page, restriction, 5)
    response = try_password(client, page, restriction, PASSWORD, language=language)
    assert waiting(language) in response.text


def test_passwords_work_again_once_the_window_has_passed(client, page, monkeypatch):
    page, restriction = page
    fail(client, page, restriction, 5)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + settings.LOGIN_THROTTLE_SECONDS - 60)
    response = try_password(client, page, restriction, PASSWORD)
    assert "Bitte warten Sie 1 Minute und" in response.text
    monkeypatch.setattr(time, "time", lambda: now + settings.LOGIN_THROTTLE_SECONDS + 1)
    assert let_in(try_password(client, page, restriction, PASSWORD), page)


def test_guessing_from_many_addresses_locks_the_page(client, page):
    page, restriction = page
    for n in range(5):
        fail(client, page, restriction, 1, address=f"198.51.100.{n}")
    response = try_password(client, page, restriction, PASSWORD, address="203.0.113.9")
    assert waiting("de") in response.text


def test_an_address_guessing_at_many_pages_is_throttled(client, homes, page):
    page, restriction = page
    for n in range(5):
        other, other_restriction = protected_page(homes["de"], slug=f"intern-{n}")
        fail(client, other, other_restriction, 1, address="203.0.113.5")
    assert waiting("de") in try_password(client, page, restriction, PASSWORD, "203.0.113.5").text
    # Other visitors still get in.
    assert let_in(try_password(client, page, restriction, PASSWORD, "192.0.2.77"), page)


def test_another_page_id_in_the_address_does_not_reset_the_count(client, homes, page):
    page, restriction = page
    elsewhere = StandardPageFactory(parent=homes["de"], title="Offen", slug="offen")
    for n in range(5):
        fail(client, elsewhere, restriction, 1, address=f"198.51.100.{n}")
    assert waiting("de") in try_password(client, page, restriction, PASSWORD, "192.0.2.77").text


@pytest.fixture
def protected_document(homes):
    collection = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password=PASSWORD,
    )
    document = get_document_model().objects.create(
        title="Protokoll",
        file=ContentFile(b"Vertraulich", name="protokoll.txt"),
        collection=collection,
    )
    return document, restriction


def test_document_collection_passwords_are_throttled_too(client, protected_document):
    document, restriction = protected_document
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    assert url in client.get(document.url).text

    def post(password):
        return client.post(
            url, {"password": password, "return_url": document.url}, REMOTE_ADDR="192.0.2.10"
        )

    for _ in range(5):
        assert post("falsch").status_code == 200
    response = post(PASSWORD)
    assert response.status_code == 200
    assert waiting("de") in response.text
    assert b"Vertraulich" not in b"".join(client.get(document.url))
