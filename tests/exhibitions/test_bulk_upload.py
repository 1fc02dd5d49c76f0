"""Many photos at once into a gallery: files and ZIP archives, each photo validated alone."""

import io
import struct
import zipfile
from unittest import mock

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation

from wagtail.models import Collection
from wagtail.users.models import UserProfile

import pytest

from exhibitions.bulk import MAX_ZIP_BYTES, MAX_ZIP_MEMBERS, ZIP_DAMAGED
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


def packed_data(archive, name):
    """Where a member's packed data starts in the archive, and its length."""
    with zipfile.ZipFile(io.BytesIO(archive)) as unpacked:
        info = unpacked.getinfo(name)
    name_length, extra_length = struct.unpack_from("<HH", archive, info.header_offset + 26)
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def scrambled(archive, name):
    """The archive with bytes in the middle of one member's packed data overwritten."""
    start, length = packed_data(archive, name)
    middle = start + length // 2
    return archive[:middle] + b"\xff\x00" * 8 + archive[middle + 16 :]


# Offsets of header fields in a local file header and in a central directory entry.
HEADER_FIELDS = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "crc": (14, 16, "<I")}


def with_header(archive, name, field, value):
    """The archive with one field of a member's local and central headers set to value."""
    local, central, layout = HEADER_FIELDS[field]
    data = bytearray(archive)
    with zipfile.ZipFile(io.BytesIO(archive)) as unpacked:
        position = unpacked.start_dir
        for info in unpacked.infolist():
            if info.filename == name:
                struct.pack_into(layout, data, info.header_offset + local, value)
                struct.pack_into(layout, data, position + central, value)
            lengths = struct.unpack_from("<HHH", data, position + 28)
            position += 46 + sum(lengths)
    return bytes(data)


def photos_zip(compression=zipfile.ZIP_DEFLATED):
    return zip_of({"eins.jpg": plain_jpeg(), "zwei.jpg": plain_jpeg(300, 200)}, compression)


def broken_central_directory():
    archive = photos_zip()
    with zipfile.ZipFile(io.BytesIO(archive)) as unpacked:
        start = unpacked.start_dir
    return archive[:start] + b"PK\x00\x00" + archive[start + 4 :]


DAMAGED = "beschädigt oder unvollständig"
METHOD = "Kompressionsverfahren"


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        pytest.param(lambda: scrambled(photos_zip(), "zwei.jpg"), DAMAGED, id="deflate"),
        pytest.param(
            lambda: scrambled(photos_zip(zipfile.ZIP_LZMA), "zwei.jpg"), DAMAGED, id="lzma"
        ),
        pytest.param(
            lambda: scrambled(photos_zip(zipfile.ZIP_BZIP2), "zwei.jpg"), METHOD, id="bzip2"
        ),
        pytest.param(broken_central_directory, DAMAGED, id="central-directory"),
        pytest.param(
            lambda: with_header(photos_zip(), "zwei.jpg", "crc", 0), DAMAGED, id="checksum"
        ),
        pytest.param(lambda: photos_zip()[:-100], DAMAGED, id="truncated-end"),
        pytest.param(lambda: photos_zip()[: len(photos_zip()) // 2], DAMAGED, id="truncated-half"),
        pytest.param(
            lambda: with_header(photos_zip(zipfile.ZIP_STORED), "zwei.jpg", "method", 9),
            METHOD,
            id="deflate64",
        ),
        pytest.param(
            lambda: with_header(photos_zip(), "zwei.jpg", "flags", 1), "Passwort", id="encrypted"
        ),
        pytest.param(lambda: b"PK\x05\x06" + bytes(18), "keine Dateien", id="empty"),
    ],
)
def test_a_damaged_zip_is_one_error_and_nothing_from_it_is_kept(
    post, make_exhibition, new_private_files, archive, message
):
    exhibition = make_exhibition()
    outcome = results(post(exhibition, ("fotos.zip", archive()), ("gut.jpg", plain_jpeg())))
    assert set(outcome) == {"fotos.zip", "gut.jpg"}
    assert message in outcome["fotos.zip"] and outcome["gut.jpg"] == ""
    # The other upload of the request is added; nothing from the archive is.
    [photo] = draft_gallery(exhibition)
    image = CustomImage.objects.get()
    assert photo.image == image
    own_files = {image.file.path, *(rendition.file.path for rendition in image.renditions.all())}
    assert {str(path) for path in new_private_files()} == own_files


def test_a_damaged_zip_is_reported_in_the_editors_language(
    post, make_exhibition, admin_user, new_private_files
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ar"
    profile.save()
    outcome = results(post(make_exhibition(), ("fotos.zip", photos_zip()[:-100])))
    with translation.override("ar"):
        assert outcome == {"fotos.zip": str(ZIP_DAMAGED)}
    with translation.override("en"):
        assert outcome["fotos.zip"] != str(ZIP_DAMAGED)
    assert new_private_files() == set()


def test_a_photo_with_a_zip_appended_is_a_photo_without_it(post, make_exhibition):
    exhibition = make_exhibition()
    hidden = zip_of({"versteckt.jpg": plain_jpeg(), "auch.jpg": plain_jpeg()})
    outcome = results(post(exhibition, ("foto.jpg", plain_jpeg() + hidden)))
    assert outcome == {"foto.jpg": ""}
    [photo] = draft_gallery(exhibition)
    with photo.image.open_file() as file:
        stored = file.read()
    assert b"PK\x03\x04" not in stored and b"versteckt" not in stored


@pytest.fixture
def exhibition(make_exhibition):
    return make_exhibition(photos=1)


def test_a_failure_after_photos_were_stored_leaves_no_image_and_no_file(
    post, exhibition, new_private_files
):
    images = CustomImage.objects.count()
    failure = DatabaseError("disk I/O error")
    with (
        mock.patch.object(ExhibitionPage, "save_revision", side_effect=failure),
        pytest.raises(DatabaseError),
    ):
        post(exhibition, ("a.jpg", plain_jpeg()), ("fotos.zip", photos_zip()))
    assert CustomImage.objects.count() == images
    assert not Collection.objects.filter(name=exhibition.title).exists()
    assert new_private_files() == set()
    assert len(draft_gallery(exhibition)) == 1


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


@pytest.fixture
def send_one(client, django_capture_on_commit_callbacks):
    """What the page's script sends: one file per request, asking for JSON."""

    def send(exhibition, name, data, revision=""):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("exhibitions_add_photos", args=[exhibition.pk]),
                {"files": SimpleUploadedFile(name, data), "revision": revision},
                headers={"accept": "application/json"},
            )

    return send


@pytest.fixture
def editor(client, admin_user):
    client.force_login(admin_user)
    return admin_user


def test_one_file_is_answered_with_its_outcome_as_json(send_one, editor, make_exhibition, client):
    exhibition = make_exhibition(photos=1)
    response = send_one(exhibition, "a.jpg", phone_photo("JPEG"))
    assert response.status_code == 200
    answer = response.json()
    assert answer["outcomes"] == [{"name": "a.jpg", "error": ""}]
    page = ExhibitionPage.objects.get(pk=exhibition.pk)
    assert answer["revision"] == page.latest_revision_id
    assert [photo.caption for photo in draft_gallery(exhibition)] == [
        "Bild 1",
        "Modenschau im Schloss",
    ]
    # The page's own list shows the outcome: no message waits for the next page.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[exhibition.pk]))
    assert "Galerie-Entwurf" not in edit.content.decode()


def test_a_bad_file_is_its_own_error_and_saves_no_draft(send_one, editor, make_exhibition):
    exhibition = make_exhibition(photos=1)
    revisions = exhibition.revisions.count()
    answer = send_one(exhibition, "notiz.txt", b"Keine Fotos").json()
    assert answer == {
        "outcomes": [
            {
                "name": "notiz.txt",
                "error": "Fotos müssen JPEG-, PNG-, WebP- oder HEIC-Dateien sein.",
            }
        ],
        "revision": None,
    }
    assert exhibition.revisions.count() == revisions
    assert not CustomImage.objects.exclude(pk=draft_gallery(exhibition)[0].image_id).exists()


def test_a_zip_answers_for_each_of_its_photos(send_one, editor, make_exhibition):
    exhibition = make_exhibition()
    archive = zip_of(
        {"eins.jpg": plain_jpeg(), "kaputt.jpg": plain_jpeg()[:300], "zwei.png": phone_photo("PNG")}
    )
    answer = send_one(exhibition, "fotos.zip", archive).json()
    outcomes = {outcome["name"]: outcome["error"] for outcome in answer["outcomes"]}
    assert list(outcomes) == ["eins.jpg", "kaputt.jpg", "zwei.png"]
    assert outcomes["eins.jpg"] == outcomes["zwei.png"] == ""
    assert "beschädigt" in outcomes["kaputt.jpg"]
    assert len(draft_gallery(exhibition)) == 2


def test_a_request_without_a_file_is_answered_with_an_error(editor, make_exhibition, client):
    response = client.post(
        reverse("exhibitions_add_photos", args=[make_exhibition().pk]),
        {"revision": ""},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]


def test_the_files_of_one_upload_extend_one_draft(send_one, editor, make_exhibition):
    exhibition = make_exhibition(photos=1)
    revisions = exhibition.revisions.count()
    first = send_one(exhibition, "a.jpg", plain_jpeg()).json()["revision"]
    second = send_one(exhibition, "b.jpg", plain_jpeg(), revision=first).json()["revision"]
    assert second == first
    assert exhibition.revisions.count() == revisions + 1
    assert len(draft_gallery(exhibition)) == 3


def saved_by_someone_else(exhibition, django_user_model):
    other = django_user_model.objects.create_user("kollegin", password="x")
    ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision_as_object().save_revision(
        user=other
    )


def published(exhibition, django_user_model):
    # The upload's own draft goes live: a live revision must not change any more. (Not logged:
    # the log would call the alt text gate, which takes down photos without alternative text.)
    ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision().publish(log_action=False)


@pytest.mark.parametrize("meanwhile", [saved_by_someone_else, published])
def test_a_draft_that_is_no_longer_the_uploads_own_is_kept_as_it_was(
    send_one, editor, make_exhibition, django_user_model, meanwhile
):
    exhibition = make_exhibition(photos=1)
    first = send_one(exhibition, "a.jpg", plain_jpeg()).json()["revision"]
    meanwhile(exhibition, django_user_model)
    kept = ExhibitionPage.objects.get(pk=exhibition.pk).latest_revision
    content = kept.content
    second = send_one(exhibition, "b.jpg", plain_jpeg(), revision=first).json()["revision"]
    assert second != kept.pk
    kept.refresh_from_db()
    assert kept.content == content
    assert len(draft_gallery(exhibition)) == 3


def test_only_editors_of_the_exhibition_may_send_files_one_by_one(
    send_one, client, django_user_model, make_exhibition
):
    exhibition = make_exhibition()
    assert send_one(exhibition, "a.jpg", plain_jpeg()).status_code == 302  # to the login
    # In the admin, but without the right to edit the exhibition.
    guest = django_user_model.objects.create_user("gast", password="x")
    guest.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(guest)
    assert send_one(exhibition, "a.jpg", plain_jpeg()).status_code in (302, 403)
    assert not CustomImage.objects.exists()


def test_without_javascript_the_page_is_the_plain_form(admin_client, make_exhibition, html):
    page = html(admin_client.get(reverse("exhibitions_add_photos", args=[make_exhibition().pk])))
    form = page.select_one("form[enctype='multipart/form-data']")
    assert not form.has_attr("hidden")
    assert form.select_one("input[type=file][name=files][multiple]")
    # The drop zone waits for its script, which shows it and hides the form.
    assert page.select_one("[data-photo-upload]").has_attr("hidden")
    assert page.select_one("script[src$='js/photo-upload.js']")
