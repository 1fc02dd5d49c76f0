"""Many photos at once into a gallery: files and ZIP archives, each photo validated alone."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from exhibitions.bulk import MAX_ZIP_BYTES, MAX_ZIP_MEMBERS
from exhibitions.models import ExhibitionPage
from tests.images.photos import leaks, phone_photo, plain_jpeg
from website.images.models import CustomImage

pytestmark = pytest.mark.django_db


def zip_of(members, compression=zipfile.ZIP_DEFLATED):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


@pytest.fixture
def post(admin_client, django_capture_on_commit_callbacks):
    def send(exhibition, *files):
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(
                reverse("exhibitions_add_photos", args=[exhibition.pk]),
                {"files": [SimpleUploadedFile(name, data) for name, data in files]},
            )

    return send


def draft_gallery(exhibition):
    return list(
        ExhibitionPage.objects.get(pk=exhibition.pk)
        .get_latest_revision_as_object()
        .gallery_photos.all()
    )


def results(response):
    assert response.status_code == 200
    return {outcome.name: outcome.error for outcome in response.context["outcomes"]}


def test_photos_join_the_end_of_the_gallery_draft_with_their_metadata(post, make_exhibition):
    exhibition = make_exhibition(photos=2)
    response = post(exhibition, ("a.jpg", phone_photo("JPEG")), ("b.png", phone_photo("PNG")))
    assert results(response) == {"a.jpg": "", "b.png": ""}
    gallery = draft_gallery(exhibition)
    assert [photo.number for photo in gallery] == [1, 2, 3, 4]
    new = gallery[2]
    assert new.caption == "Modenschau im Schloss"
    assert new.photographer == "Anna Fotografin"
    assert new.image.collection.name == exhibition.title
    assert new.image.collection.get_parent().name == "Ausstellungen"
    with new.image.open_file() as file:
        assert leaks(file.read()) == []
    # The published exhibition is unchanged until the editor publishes the draft.
    assert ExhibitionPage.objects.get(pk=exhibition.pk).gallery_photos.count() == 2


def test_a_zip_with_one_broken_member_keeps_the_others(post, make_exhibition):
    exhibition = make_exhibition()
    archive = zip_of(
        {
            "eins.jpg": plain_jpeg(),
            "kaputt.jpg": plain_jpeg(600, 400)[:900],
            "zwei.jpg": plain_jpeg(),
        }
    )
    outcome = results(post(exhibition, ("fotos.zip", archive)))
    assert outcome["eins.jpg"] == "" and outcome["zwei.jpg"] == ""
    assert "beschädigt" in outcome["kaputt.jpg"]
    assert len(draft_gallery(exhibition)) == 2


def test_a_zip_with_too_many_members_is_refused_whole(post, make_exhibition):
    exhibition = make_exhibition()
    archive = zip_of({f"{n}.jpg": b"x" for n in range(MAX_ZIP_MEMBERS + 1)}, zipfile.ZIP_STORED)
    outcome = results(post(exhibition, ("viele.zip", archive)))
    assert "201 Dateien" in outcome["viele.zip"]
    assert not CustomImage.objects.exists()


def test_a_zip_that_unpacks_past_one_gigabyte_is_refused_before_unpacking(post, make_exhibition):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        chunk = bytes(1024 * 1024)
        for name in ("a.jpg", "b.jpg"):
            with archive.open(name, "w", force_zip64=True) as member:
                for _ in range(MAX_ZIP_BYTES // len(chunk) // 2 + 1):
                    member.write(chunk)
    outcome = results(post(make_exhibition(), ("gross.zip", output.getvalue())))
    assert "höchstens 1,0\xa0GB" in outcome["gross.zip"]
    assert not CustomImage.objects.exists()


def test_path_traversal_names_in_a_zip_go_nowhere(post, make_exhibition, settings):
    exhibition = make_exhibition()
    archive = zip_of({"../../../etc/evil.jpg": plain_jpeg(), "/absolute/Fatima.jpg": plain_jpeg()})
    outcome = results(post(exhibition, ("fotos.zip", archive)))
    assert outcome == {"evil.jpg": "", "Fatima.jpg": ""}
    for image in CustomImage.objects.all():
        assert image.file.name.startswith("originals/")
        assert "evil" not in image.file.name and "Fatima" not in image.title


def test_only_editors_of_the_exhibition_may_add_photos(client, django_user_model, make_exhibition):
    exhibition = make_exhibition()
    url = reverse("exhibitions_add_photos", args=[exhibition.pk])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(django_user_model.objects.create_user("gast", password="x", is_staff=True))
    assert client.get(url).status_code in (302, 403)


def test_the_editor_finds_the_way_from_the_exhibition(admin_client, make_exhibition):
    exhibition = make_exhibition()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[exhibition.pk]))
    assert reverse("exhibitions_add_photos", args=[exhibition.pk]) in edit.content.decode()
