"""Photos added with "Add photos" while the edit form is open in another tab are never lost.

The editor opens the exhibition, adds photos in a second tab, then saves the first tab (through
Wagtail's "saved a new version in another window" dialog or without it): the photos stay, at
the end of the gallery, and the message says so.
"""

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from exhibitions.models import ExhibitionPage
from tests.images.photos import plain_jpeg
from tests.stories.consent_helpers import form_data

pytestmark = pytest.mark.django_db

GALLERY_SIZE = 135


def edit_url(exhibition):
    return reverse("wagtailadmin_pages:edit", args=[exhibition.pk])


def edit_form_data(admin_client, exhibition):
    """The edit form as the browser posts it; the empty body is drawn by script."""
    return {**form_data(admin_client.get(edit_url(exhibition))), "body-count": "0"}


def add_photos_in_another_tab(admin_client, exhibition, count):
    files = [SimpleUploadedFile(f"neu-{n}.jpg", plain_jpeg(40, 30)) for n in range(count)]
    response = admin_client.post(
        reverse("exhibitions_add_photos", args=[exhibition.pk]), {"files": files}
    )
    assert response.status_code == 200


def draft_photos(exhibition):
    draft = ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision_as_object()
    return list(draft.gallery_photos.all())


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def stale_form(admin_client, make_exhibition):
    """A full-size gallery's edit form as loaded, then three photos added in another tab."""
    exhibition = make_exhibition(photos=GALLERY_SIZE, title="Beulwitz designt")
    data = edit_form_data(admin_client, exhibition)
    add_photos_in_another_tab(admin_client, exhibition, 3)
    added = [photo.image_id for photo in draft_photos(exhibition)[GALLERY_SIZE:]]
    assert len(added) == 3
    return exhibition, data, added


def test_saving_a_stale_form_keeps_the_photos_added_meanwhile(admin_client, stale_form):
    exhibition, data, added = stale_form
    data["title"] = "Beulwitz designt – Mode aus Saalfeld"

    response = admin_client.post(edit_url(exhibition), data, follow=True)

    draft = ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision_as_object()
    assert draft.title == "Beulwitz designt – Mode aus Saalfeld"
    photos = list(draft.gallery_photos.all())
    assert [photo.caption for photo in photos[:GALLERY_SIZE]] == [
        f"Bild {n}" for n in range(1, GALLERY_SIZE + 1)
    ]
    assert [photo.image_id for photo in photos[GALLERY_SIZE:]] == added
    assert any("3 Fotos, die seit dem Öffnen" in text for text in messages_of(response))


def upload_one_file(admin_client, exhibition, revision=""):
    """As the page's script sends a file: the next file extends the draft it answered with."""
    response = admin_client.post(
        reverse("exhibitions_add_photos", args=[exhibition.pk]),
        {"files": SimpleUploadedFile("neu.jpg", plain_jpeg(40, 30)), "revision": revision},
        headers={"accept": "application/json"},
    )
    return response.json()["revision"]


def test_a_form_opened_while_an_upload_extended_its_draft_keeps_the_later_files(
    admin_client, make_exhibition
):
    exhibition = make_exhibition(photos=3)
    draft = upload_one_file(admin_client, exhibition)
    data = edit_form_data(admin_client, exhibition)
    assert upload_one_file(admin_client, exhibition, revision=draft) == draft  # extended

    response = admin_client.post(edit_url(exhibition), data, follow=True)

    assert len(draft_photos(exhibition)) == 5
    assert any("1 Foto, das seit dem Öffnen" in text for text in messages_of(response))


def test_photos_removed_in_the_stale_form_stay_removed(admin_client, stale_form):
    exhibition, data, added = stale_form
    data["gallery_photos-0-DELETE"] = "1"

    admin_client.post(edit_url(exhibition), data)

    photos = draft_photos(exhibition)
    assert "Bild 1" not in [photo.caption for photo in photos]
    assert len(photos) == GALLERY_SIZE - 1 + 3
    assert [photo.image_id for photo in photos[-3:]] == added


def test_a_form_that_is_up_to_date_saves_as_it_is(admin_client, make_exhibition):
    exhibition = make_exhibition(photos=3)
    add_photos_in_another_tab(admin_client, exhibition, 2)
    data = edit_form_data(admin_client, exhibition)
    data["gallery_photos-4-DELETE"] = "1"

    response = admin_client.post(edit_url(exhibition), data, follow=True)

    assert len(draft_photos(exhibition)) == 4
    assert not any("anderen Fenster" in text for text in messages_of(response))
