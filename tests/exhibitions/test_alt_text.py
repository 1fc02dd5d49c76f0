"""Drafts always save; alternative text (or "decorative") is needed only to publish."""

from django.contrib.messages import get_messages
from django.urls import reverse

from wagtail.fields import StreamField

import pytest
from bs4 import BeautifulSoup

from tests.stories.consent_helpers import form_data

pytestmark = pytest.mark.django_db

DESCRIBED = 7
PHOTOS = 15


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def described_only_some(client, exhibition, described=DESCRIBED):
    """The edit form as a volunteer leaves it: the first `described` photos have alt text."""
    data = form_data(client.get(edit_url(exhibition)), form_id="page-edit-form")
    for field in exhibition._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    for row in range(described, int(data["gallery_photos-TOTAL_FORMS"])):
        data[f"gallery_photos-{row}-alt_text"] = ""
    return data


def lacking_in_revision(page):
    page.refresh_from_db()
    photos = page.get_latest_revision_as_object().gallery_photos.all()
    return sum(1 for photo in photos if not photo.alt_text and not photo.decorative)


def messages_of(response, level_tag):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == level_tag]


@pytest.fixture
def exhibition(make_exhibition):
    return make_exhibition(photos=PHOTOS)


def test_a_draft_with_7_of_15_photos_described_is_saved(admin_client, exhibition):
    data = described_only_some(admin_client, exhibition)

    response = admin_client.post(edit_url(exhibition), data)

    assert response.status_code == 302
    assert messages_of(response, "error") == []
    assert lacking_in_revision(exhibition) == PHOTOS - DESCRIBED
    # The live page keeps its described photos.
    exhibition.refresh_from_db()
    assert all(photo.alt_text for photo in exhibition.gallery_photos.all())


def test_autosave_keeps_a_draft_with_photos_not_yet_described(admin_client, exhibition):
    data = described_only_some(admin_client, exhibition)

    response = admin_client.post(edit_url(exhibition), data, headers={"Accept": "application/json"})

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert lacking_in_revision(exhibition) == PHOTOS - DESCRIBED


def test_publishing_is_refused_with_the_count_and_a_link_to_the_first(admin_client, exhibition):
    live_revision = exhibition.live_revision_id
    data = described_only_some(admin_client, exhibition)
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url(exhibition), data)

    assert response.status_code == 200
    [message] = messages_of(response, "error")
    assert "8 Fotos haben noch keinen Alternativtext" in message
    exhibition.refresh_from_db()
    assert exhibition.live_revision_id == live_revision
    assert lacking_in_revision(exhibition) == 0

    doc = BeautifulSoup(response.content, "html.parser")
    notice = doc.select_one("[data-alt-text-missing]")
    assert notice["data-alt-text-missing"] == "8"
    link = notice.find("a")
    assert link["href"] == "#id_gallery_photos-7-alt_text"
    assert doc.select_one(link["href"]) is not None
    # Each photo lacking it says so at its own field; the editor's text is still there.
    assert doc.select_one("#id_gallery_photos-0-alt_text")["value"] == "Beschreibung 1"
    errors = doc.select(".gallery-row__field--alt_text .error-message")
    assert sum("Beschreiben Sie das Foto" in error.get_text() for error in errors) == 8
    # Rows with errors open, so the editor sees them.
    assert len(doc.select(".gallery-row__fields:not([hidden]) .error-message")) >= 8


def test_the_form_shows_how_many_lack_alt_text_after_the_draft_is_saved(admin_client, exhibition):
    admin_client.post(edit_url(exhibition), described_only_some(admin_client, exhibition))

    doc = BeautifulSoup(admin_client.get(edit_url(exhibition)).content, "html.parser")

    notice = doc.select_one("[data-alt-text-missing]")
    assert notice["data-alt-text-missing"] == "8"
    assert notice.find("a")["href"] == "#id_gallery_photos-7-alt_text"


def test_described_or_decorative_photos_publish(admin_client, exhibition):
    data = described_only_some(admin_client, exhibition)
    for row in range(DESCRIBED, PHOTOS):
        data[f"gallery_photos-{row}-decorative"] = "on"
    data["action-publish"] = "action-publish"

    response = admin_client.post(edit_url(exhibition), data)

    assert response.status_code == 302
    assert messages_of(response, "error") == []
    exhibition.refresh_from_db()
    assert exhibition.live_revision_id == exhibition.latest_revision_id
    assert b"data-alt-text-missing" not in admin_client.get(edit_url(exhibition)).content


def test_submitting_for_moderation_needs_alt_text_too(admin_client, exhibition):
    data = described_only_some(admin_client, exhibition)
    data["action-submit"] = "action-submit"

    response = admin_client.post(edit_url(exhibition), data)

    assert response.status_code == 200
    assert messages_of(response, "error")
