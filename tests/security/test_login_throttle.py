"""Repeated failed logins are refused for a while, with a clear message in the login form."""

import logging
import time

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import ngettext_lazy

from wagtail.admin.forms.auth import LoginForm

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-langes-passwort"  # noqa: S105


def admin_message(message, **params):
    """A message as the login page shows it: in German (the admin's language before login)."""
    with translation.override("de"):
        return escape(str(message) % params)


def throttled(minutes):
    return admin_message(
        ngettext_lazy(
            "Too many failed login attempts. Please wait %(minutes)d minute and try again.",
            "Too many failed login attempts. Please wait %(minutes)d minutes and try again.",
            "minutes",
        ),
        minutes=minutes,
    )


THROTTLED = throttled(15)
WRONG = admin_message(
    LoginForm.error_messages["invalid_login"],
    username_field=get_user_model()._meta.get_field("username").verbose_name,
)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redakteurin", password=PASSWORD)


def log_in(client, username, password, address="192.0.2.10"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, times, username="redakteurin", address="192.0.2.10"):
    for _ in range(times):
        response = log_in(client, username, "falsch", address)
        assert response.status_code == 200


def later(monkeypatch, seconds):
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + seconds)


def test_wrong_passwords_up_to_the_limit_then_refusal(client, editor):
    for _ in range(settings.LOGIN_THROTTLE_ATTEMPTS - 1):
        response = log_in(client, "redakteurin", "falsch")
        assert response.status_code == 200
        assert WRONG in response.text
    # The failure that reaches the limit already says so.
    response = log_in(client, "redakteurin", "falsch")
    assert response.status_code == 200
    assert THROTTLED in response.text
    assert WRONG not in response.text


def test_a_right_password_is_refused_after_five_wrong_ones(client, editor, caplog):
    fail(client, 5)
    with caplog.at_level(logging.WARNING, logger="website.security"):
        response = log_in(client, "redakteurin", PASSWORD)
    assert response.status_code == 200
    assert THROTTLED in response.text
    assert "_auth_user_id" not in client.session
    assert "redakteurin" in caplog.text
    assert "192.0.2.10" in caplog.text
    assert PASSWORD not in caplog.text


def test_the_password_is_not_even_checked_while_throttled(client, editor, monkeypatch):
    fail(client, 5)
    checked = []
    monkeypatch.setattr(
        type(editor), "check_password", lambda user, raw: checked.append(raw) or True
    )
    log_in(client, "redakteurin", PASSWORD)
    assert checked == []


def test_logins_work_again_once_the_window_has_passed(client, editor, monkeypatch):
    fail(client, 5)
    later(monkeypatch, settings.LOGIN_THROTTLE_SECONDS - 60)
    response = log_in(client, "redakteurin", PASSWORD)
    assert throttled(1) in response.text

    later(monkeypatch, settings.LOGIN_THROTTLE_SECONDS + 1)
    response = log_in(client, "redakteurin", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_the_window_is_not_extended_by_refused_attempts(client, editor, monkeypatch):
    fail(client, 5)
    later(monkeypatch, settings.LOGIN_THROTTLE_SECONDS - 10)
    fail(client, 3)
    later(monkeypatch, settings.LOGIN_THROTTLE_SECONDS + 1)
    assert log_in(client, "redakteurin", PASSWORD).status_code == 302


def test_other_people_from_other_addresses_are_unaffected(client, editor, django_user_model):
    colleague = django_user_model.objects.create_superuser("kollege", password=PASSWORD)
    fail(client, 10)
    response = log_in(client, "kollege", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_an_address_trying_many_usernames_is_throttled(client, editor):
    for n in range(5):
        fail(client, 1, username=f"rate-{n}", address="203.0.113.5")
    response = log_in(client, "redakteurin", PASSWORD, address="203.0.113.5")
    assert THROTTLED in response.text
    assert log_in(client, "redakteurin", PASSWORD, address="192.0.2.10").status_code == 302


def test_a_successful_login_clears_the_username_count(client, editor):
    fail(client, 4)
    assert log_in(client, "redakteurin", PASSWORD, address="198.51.100.7").status_code == 302
    client.logout()
    fail(client, 4, address="198.51.100.8")
    assert log_in(client, "redakteurin", PASSWORD, address="198.51.100.9").status_code == 302


def test_usernames_count_whatever_their_case(client, editor):
    fail(client, 5, username="Redakteurin")
    assert THROTTLED in log_in(client, "redakteurin", PASSWORD, address="198.51.100.7").text


@override_settings(LOGIN_THROTTLE_CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_behind_a_proxy_the_address_comes_from_its_header(editor):
    requests = RequestFactory()
    for n in range(5):
        request = requests.post("/admin/login/", HTTP_X_REAL_IP="203.0.113.5")
        assert authenticate(request, username=f"rate-{n}", password="falsch") is None
    behind_proxy = requests.post("/admin/login/", HTTP_X_REAL_IP="198.51.100.7")
    assert authenticate(behind_proxy, username="redakteurin", password=PASSWORD) == editor
    same_visitor = requests.post("/admin/login/", HTTP_X_REAL_IP="203.0.113.5")
    assert authenticate(same_visitor, username="redakteurin", password=PASSWORD) is None
