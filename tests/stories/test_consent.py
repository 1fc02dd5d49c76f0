"""Publishing is refused while a page shows someone without valid website consent."""

import datetime

from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.fields import StreamField
from wagtail.models import PageLogEntry

import pytest

from stories.consent import REFUSED, problems
from stories.models import Consent, Status

from .consent_helpers import DAY, TODAY, exhibition_with, make_participant, photo_of, story_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    from tests.factories import build_site

    return build_site()["de"]


def publish_in_admin(client, page):
    """Press "Publish" on the page's edit form, as it stands."""
    from .consent_helpers import form_data

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url), form_id="page-edit-form")
    # StreamFields are drawn by the admin's scripts; the pages here have empty ones.
    for field in page.specific._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def error_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def gallery_images(page):
    return [photo.image_id for photo in page.gallery_photos.all()]


def test_exhibition_with_a_photo_of_someone_without_consent_is_not_published(admin_client, home):
    amal = make_participant("Amal", consent=False)
    photo = photo_of(amal)
    exhibition = exhibition_with(home, photo, live=False, title="Neue Wege")

    response = publish_in_admin(admin_client, exhibition)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[exhibition.pk])
    [message] = error_messages(response)
    assert "Amal" in message
    assert "keine gültige Einwilligung für die Website" in message
    assert "(keine Einwilligung)" in message
    exhibition.refresh_from_db()
    assert not exhibition.live
    # The draft is kept, the photo still in it.
    assert gallery_images(exhibition.get_latest_revision_as_object()) == [photo.pk]


def test_withdrawn_consent_is_named_in_the_message(admin_client, home):
    amal = make_participant("Amal", withdrawn_on=TODAY - DAY)
    exhibition = exhibition_with(home, photo_of(amal), live=False)

    [message] = error_messages(publish_in_admin(admin_client, exhibition))

    assert "Amal" in message
    assert str(Status.WITHDRAWN.label) in message


def test_exhibition_is_published_when_everyone_shown_has_consent(admin_client, home):
    amal = make_participant("Amal")
    exhibition = exhibition_with(home, photo_of(amal), live=False)

    response = publish_in_admin(admin_client, exhibition)

    assert error_messages(response) == []
    exhibition.refresh_from_db()
    assert exhibition.live


def test_expired_consent_and_consent_for_print_only_do_not_count(home):
    print_only = make_participant("Nour", consent=False)
    print_only.consents.create(scope=Consent.Scope.PRINT, given_on=TODAY - 10 * DAY)
    expired = make_participant("Dara", expires_on=TODAY - DAY)
    future = make_participant("Lin", given_on=TODAY + DAY)
    exhibition = exhibition_with(home, photo_of(print_only, expired, future), live=False)

    found = {p.participant.pseudonym for p in problems(exhibition)}

    assert found == {"Nour", "Dara", "Lin"}


def test_photo_under_face_only_consent_must_be_marked(admin_client, home):
    amal = make_participant("Amal", face=Consent.Face.UNRECOGNISABLE)
    photo = photo_of(amal, title="Werkstatt")
    exhibition = exhibition_with(home, photo, live=False)

    [message] = error_messages(publish_in_admin(admin_client, exhibition))

    assert "Werkstatt" in message and "Amal" in message
    assert "„Gesichter unkenntlich gemacht“" in message
    exhibition.refresh_from_db()
    assert not exhibition.live

    photo.faces_unrecognisable = True
    photo.save()
    assert error_messages(publish_in_admin(admin_client, exhibition)) == []
    exhibition.refresh_from_db()
    assert exhibition.live


def test_story_of_someone_without_consent_is_not_published(admin_client, home):
    amal = make_participant("Amal", expires_on=TODAY - 3 * DAY)
    story = story_of(home, amal, live=False, title="Amals Weg")

    [message] = error_messages(publish_in_admin(admin_client, story))

    assert "Amal" in message and str(Status.EXPIRED.label) in message
    story.refresh_from_db()
    assert not story.live
    assert story.get_latest_revision().content["title"] == "Amals Weg"


def test_scheduled_publishing_is_refused_when_consent_ended_in_between(home):
    amal = make_participant("Amal")
    photo = photo_of(amal)
    exhibition = exhibition_with(home, photo, live=False)
    revision = exhibition.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(1))
    Consent.objects.filter(participant=amal).update(withdrawn_on=TODAY)

    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115

    exhibition.refresh_from_db()
    assert not exhibition.live
    assert exhibition.latest_revision_id == revision.pk
    assert gallery_images(exhibition.get_latest_revision_as_object()) == [photo.pk]
    entry = PageLogEntry.objects.get(page=exhibition, action=REFUSED)
    assert "Amal" in " ".join(entry.data["problems"])


def test_publishing_from_code_falls_back_to_the_last_version_with_consent(home):
    amal = make_participant("Amal", consent=False)
    anna = make_participant("Anna")
    allowed = photo_of(anna)
    exhibition = exhibition_with(home, allowed)
    draft = exhibition.get_latest_revision_as_object()
    draft.gallery_photos.add(
        draft.gallery_photos.model(image=photo_of(amal), caption="Amal", alt_text="Amal")
    )
    refused = draft.save_revision()

    refused.publish()

    exhibition = exhibition.specific_class.objects.get(pk=exhibition.pk)
    assert exhibition.live
    assert gallery_images(exhibition) == [allowed.pk]
    assert exhibition.latest_revision_id == refused.pk
    assert exhibition.has_unpublished_changes


def test_bulk_publishing_is_refused_too(admin_client, home):
    amal = make_participant("Amal", consent=False)
    exhibition = exhibition_with(home, photo_of(amal), live=False)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = admin_client.post(f"{url}?id={exhibition.pk}", {"include_descendants": ""})

    assert response.status_code == 302
    assert any("Amal" in message for message in error_messages(response))
    exhibition.refresh_from_db()
    assert not exhibition.live
