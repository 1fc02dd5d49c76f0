"""A page with photos lacking alternative text goes live by no path: bulk, scheduled, code."""

import datetime

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry

import pytest

from website.core.alt_text_gate import REFUSED

pytestmark = pytest.mark.django_db


def draft_lacking_alt_text(exhibition, lacking=2):
    """A draft revision of the exhibition whose last `lacking` photos lost their alt text."""
    draft = exhibition.get_latest_revision_as_object()
    photos = list(draft.gallery_photos.all())
    for photo in photos[-lacking:]:
        photo.alt_text = ""
    draft.gallery_photos.set(photos)
    return draft.save_revision()


def described(page):
    return [photo.alt_text for photo in page.gallery_photos.all()]


def test_publishing_from_code_falls_back_to_the_described_version(make_exhibition):
    exhibition = make_exhibition(photos=3)
    refused = draft_lacking_alt_text(exhibition)

    refused.publish()

    exhibition = exhibition.specific_class.objects.get(pk=exhibition.pk)
    assert exhibition.live
    assert all(described(exhibition))
    assert exhibition.latest_revision_id == refused.pk
    assert exhibition.has_unpublished_changes
    entry = PageLogEntry.objects.get(page=exhibition, action=REFUSED)
    assert entry.data == {"count": 2}


def test_a_new_page_without_alt_text_stays_unpublished(make_exhibition):
    exhibition = make_exhibition(photos=3)
    exhibition.unpublish()
    revision = draft_lacking_alt_text(exhibition, lacking=1)
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(days=1)
    revision.save()

    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    exhibition.refresh_from_db()
    assert not exhibition.live
    assert exhibition.latest_revision_id == revision.pk
    assert PageLogEntry.objects.filter(page=exhibition, action=REFUSED).exists()


def test_bulk_publishing_is_refused_with_the_count(admin_client, make_exhibition):
    exhibition = make_exhibition(photos=3)
    live_revision = exhibition.live_revision_id
    draft_lacking_alt_text(exhibition)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = admin_client.post(f"{url}?id={exhibition.pk}", {"include_descendants": ""})

    assert response.status_code == 302
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert any("2 Fotos haben noch keinen Alternativtext" in error for error in errors)
    exhibition.refresh_from_db()
    assert exhibition.live_revision_id == live_revision
