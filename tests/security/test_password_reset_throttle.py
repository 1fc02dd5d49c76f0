"""Password reset mails are limited per email address and per client address."""

import logging
import time

from django.conf import settings
from django.core import mail
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

EMAIL = "redakteurin@example.org"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("redakteurin", EMAIL, "altes-passwort-lang")


def ask(client, email=EMAIL, address="192.0.2.10"):
    response = client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )
    return response.status_code, response["Location"]


def test_many_requests_send_only_a_few_mails(client, editor):
    answers = {ask(client) for _ in range(15)}
    assert len(mail.outbox) == settings.PASSWORD_RESET_THROTTLE_ATTEMPTS
    assert all(message.to == [EMAIL] for message in mail.outbox)
    # Every request got the same answer, mail or not.
    assert answers == {(302, reverse("wagtailadmin_password_reset_done"))}


def test_the_answer_does_not_tell_whether_an_account_exists(client, editor):
    with_account = ask(client)
    without_account = ask(client, "niemand@example.org", address="198.51.100.1")
    assert with_account == without_account
    assert len(mail.outbox) == 1


def test_email_addresses_count_whatever_their_case(client, editor):
    for n, email in enumerate(["Redakteurin@Example.org", "REDAKTEURIN@EXAMPLE.ORG", EMAIL, EMAIL]):
        ask(client, email, address=f"198.51.100.{n}")
    assert len(mail.outbox) == 3


def test_an_address_asking_for_many_accounts_is_throttled(client, editor):
    for n in range(3):
        ask(client, f"unbekannt-{n}@example.org", address="203.0.113.5")
    ask(client, EMAIL, address="203.0.113.5")
    assert mail.outbox == []
    ask(client, EMAIL, address="192.0.2.77")
    assert len(mail.outbox) == 1


def test_a_refused_request_is_logged(client, editor, caplog):
    for _ in range(3):
        ask(client)
    with caplog.at_level(logging.WARNING, logger="website.security"):
        ask(client)
    assert EMAIL in caplog.text
    assert "192.0.2.10" in caplog.text


def test_mails_are_sent_again_once_the_window_has_passed(client, editor, monkeypatch):
    for _ in range(4):
        ask(client)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + settings.LOGIN_THROTTLE_SECONDS + 1)
    ask(client)
    assert len(mail.outbox) == 4
