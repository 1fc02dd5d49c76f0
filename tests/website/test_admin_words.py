"""Words of Wagtail's admin that its German catalogue leaves in English, in ours."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from tests.factories import build_site

pytestmark = pytest.mark.django_db


def words(response):
    return BeautifulSoup(response.content, "html.parser").body.get_text(" ").split()


def test_the_german_account_settings_name_the_language_setting(admin_client):
    shown = words(admin_client.get(reverse("wagtailadmin_account")))
    assert "Sprache" in shown
    assert "Locale" not in shown
    assert "Password" not in shown


def test_submitting_for_approval_reads_german_in_the_german_admin(admin_client):
    home = build_site()["de"]
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["core", "standardpage", home.pk])
    )
    content = response.content.decode()
    assert "Zur Freigabe durch die Redaktion einreichen" in content
    assert "Moderators" not in content
