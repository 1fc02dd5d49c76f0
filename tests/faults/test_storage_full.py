"""Storage full or read-only during an upload: a form error, no Image row, no stray file.

ROBUSTNESS.md, Faults. The storage's write is made to fail as a full (ENOSPC) or read-only
(EROFS) disk does; Wagtail's stock views answer 500.
"""

import errno
import os
from unittest import mock

from django.core.files.storage import filesystem
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wagtail.models import Collection

import pytest

from exhibitions.models import ExhibitionPage
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.images.models import STORAGE_FAULTS, CustomImage

pytestmark = pytest.mark.django_db

FAULTS = [
    pytest.param(errno.ENOSPC, "full", id="full"),
    pytest.param(errno.EROFS, "read-only", id="read-only"),
]


def storage():
    return CustomImage._meta.get_field("file").storage


def failing_storage(code):
    """Every write to the private storage fails as a full or read-only disk does."""
    return mock.patch.object(
        storage(), "_save", side_effect=OSError(code, os.strerror(code), "originals/x.jpg")
    )


def expected_message(code):
    # The editor's admin language is German here (the site's default).
    with translation.override("de"):
        return str(STORAGE_FAULTS[code])


@pytest.fixture
def post(admin_client, django_capture_on_commit_callbacks):
    def send(view, data, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(reverse(view, args=args), data)

    return send


def single_upload(post):
    return post(
        "wagtailimages:add",
        {
            "title": "Eröffnung",
            "file": SimpleUploadedFile("foto.jpg", plain_jpeg()),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(("code", "word"), FAULTS)
def test_single_upload_shows_a_form_error_and_stores_nothing(post, new_private_files, code, word):
    with failing_storage(code):
        response = single_upload(post)
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [expected_message(code)]
    assert expected_message(code) in response.content.decode()
    with translation.override("en"):
        assert word in str(STORAGE_FAULTS[code])
    assert not CustomImage.objects.exists()
    assert new_private_files() == set()

    # Once the disk has room again, the same upload works.
    assert single_upload(post).status_code == 302
    assert CustomImage.objects.count() == 1


@pytest.mark.parametrize(("code", "word"), FAULTS)
def test_multiple_upload_answers_the_file_with_an_error(post, new_private_files, code, word):
    with failing_storage(code):
        response = post(
            "wagtailimages:add_multiple",
            {
                "files[]": SimpleUploadedFile("foto.jpg", plain_jpeg()),
                "title": "foto",
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": expected_message(code)}
    assert not CustomImage.objects.exists()
    assert new_private_files() == set()


def test_replacing_a_file_on_a_read_only_disk_keeps_the_old_one(post, new_private_files):
    image = make_image(plain_jpeg(), title="Alt")
    with image.open_file() as file:
        old_bytes = file.read()
    with failing_storage(errno.EROFS):
        response = post(
            "wagtailimages:edit",
            {
                "title": "Neu",
                "file": SimpleUploadedFile("neu.jpg", plain_jpeg(200, 100)),
                "collection": image.collection_id,
            },
            image.pk,
        )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [expected_message(errno.EROFS)]
    image.refresh_from_db()
    assert image.title == "Alt"
    with image.open_file() as file:
        assert file.read() == old_bytes


def test_bulk_add_photos_reports_every_file_and_keeps_the_gallery(post, new_private_files):
    exhibition = ExhibitionPageFactory(parent=ExhibitionIndexPageFactory(parent=build_site()["de"]))
    exhibition.save_revision().publish()
    revisions = exhibition.revisions.count()
    with failing_storage(errno.ENOSPC):
        response = post(
            "exhibitions_add_photos",
            {
                "files": [
                    SimpleUploadedFile("a.jpg", plain_jpeg()),
                    SimpleUploadedFile("b.jpg", plain_jpeg()),
                ]
            },
            exhibition.pk,
        )
    assert response.status_code == 200
    outcomes = {outcome.name: outcome.error for outcome in response.context["outcomes"]}
    assert outcomes == {name: expected_message(errno.ENOSPC) for name in ("a.jpg", "b.jpg")}
    assert not CustomImage.objects.exists()
    assert new_private_files() == set()
    # No new draft with an empty change: the gallery is as it was.
    assert ExhibitionPage.objects.get(pk=exhibition.pk).revisions.count() == revisions


def test_a_disk_that_fills_half_way_through_a_file_leaves_no_part_of_it(post, new_private_files):
    """The real write path: Django's storage writes chunks until the disk is full."""
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, mode):
            self.file = real_fdopen(fd, mode)

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            self.file.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def close(self):
            self.file.close()

    wrote = []

    def fdopen(fd, mode):
        wrote.append(fd)
        return FullDisk(fd, mode)

    with mock.patch.object(filesystem.os, "fdopen", fdopen):
        response = single_upload(post)
    assert wrote, "the storage's own write path was not used"
    assert response.context["form"].errors["file"] == [expected_message(errno.ENOSPC)]
    assert not CustomImage.objects.exists()
    assert new_private_files() == set()
