"""The admin's multiple upload of images and documents, as a section editor and as an admin."""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from wagtail.documents import get_document_model
from wagtail.models import UploadedFile

import pytest
from bs4 import BeautifulSoup

from tests.images.photos import phone_photo
from website.images.models import CustomImage
from website.images.multiple_upload import DocumentAddView, ImageAddView

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["admin", "section editor"])
def uploader(request, client, sections, admin_user):
    """An admin (German admin) or the editor of one section (English admin), logged in."""
    client.force_login(admin_user if request.param == "admin" else sections.editor)
    client.language = "de" if request.param == "admin" else "en"
    return client


def test_the_multiple_image_upload_page_opens_with_our_limits(uploader):
    response = uploader.get(reverse("wagtailimages:add_multiple"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    file_input = page.select_one("input#fileupload")
    assert file_input["data-max-file-size"] == str(40 * 1024 * 1024)
    assert file_input["data-accept-file-types"] == r"/\.(jpg|jpeg|png|webp|heic)$/i"
    help_text = page.select_one(".drop-zone").get_text(" ", strip=True).replace("\xa0", " ")
    assert "JPG, JPEG, PNG, WEBP, HEIC" in help_text
    assert {"de": "40,0 MB", "en": "40.0 MB"}[uploader.language] in help_text


def test_the_multiple_document_upload_page_opens(uploader):
    response = uploader.get(reverse("wagtaildocs:add_multiple"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("input#fileupload")["data-url"] == reverse("wagtaildocs:add_multiple")


def files_in_storage():
    """Every file in the public and the private storage."""
    roots = (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
    return {path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def new_files():
    before = files_in_storage()
    return lambda: files_in_storage() - before


def test_our_views_answer_the_multiple_upload_addresses():
    assert resolve("/admin/images/multiple/add/").func.view_class is ImageAddView
    assert resolve("/admin/documents/multiple/add/").func.view_class is DocumentAddView


UPLOADS = {
    "image": ("wagtailimages:add_multiple", "Fatima_Al-Hassan.jpg", phone_photo("JPEG")),
    "document": ("wagtaildocs:add_multiple", "Fatima_Al-Hassan.txt", b"Fatima, Saalfeld"),
}
FAILING_FIELDS = {
    # name: (the form's fields, apart from the file, and what the editor reads)
    "a title of 300 characters": (
        lambda collections: {"title": "T" * 300, "collection": collections["Ausstellungen"].pk},
        "“Title” is not valid: Ensure this value has at most 255 characters (it has 300).",
    ),
    "a collection that does not exist": (
        lambda collections: {"title": "Foto", "collection": 999999},
        "“Collection” is not valid: Select a valid choice.",
    ),
    "the other section's collection": (
        lambda collections: {"title": "Foto", "collection": collections["Aktuelles"].pk},
        "“Collection” is not valid: Select a valid choice.",
    ),
}


def post_upload(client, kind, fields):
    url_name, name, content = UPLOADS[kind]
    files = {"files[]": SimpleUploadedFile(name, content)}
    response = client.post(reverse(url_name), {**fields, **files})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("kind", UPLOADS)
@pytest.mark.parametrize("case", FAILING_FIELDS)
def test_an_upload_whose_other_field_fails_is_refused_and_nothing_is_stored(
    editor_client, sections, new_files, kind, case
):
    # With a second collection to choose from, the editor's form has a collection field.
    sections.collections["Ausstellungen"].add_child(name="Eröffnung")
    fields, message = FAILING_FIELDS[case]
    images, documents = CustomImage.objects.count(), get_document_model().objects.count()

    result = post_upload(editor_client, kind, fields(sections.collections))

    assert result["success"] is False
    assert "The file was not stored, because " + message in result["error_message"]
    assert not UploadedFile.objects.exists()
    assert new_files() == set()
    assert CustomImage.objects.count() == images
    assert get_document_model().objects.count() == documents


def test_the_refusal_is_in_the_editors_language(client, admin_user, sections, new_files):
    client.force_login(admin_user)  # no language chosen: the site's German
    collection = sections.collections["Ausstellungen"]
    result = post_upload(client, "image", {"title": "T" * 300, "collection": collection.pk})
    assert "Die Datei wurde nicht gespeichert, weil „Titel“ ungültig ist" in result["error_message"]
    assert new_files() == set()


@pytest.mark.parametrize("kind", UPLOADS)
def test_an_upload_with_valid_fields_is_stored(editor_client, sections, kind):
    collection = sections.collections["Ausstellungen"]
    result = post_upload(editor_client, kind, {"title": "Foto", "collection": collection.pk})
    assert result["success"] is True
    assert not UploadedFile.objects.exists()
    model = CustomImage if kind == "image" else get_document_model()
    assert model.objects.filter(collection=collection, title="Foto").exists()


def test_raw_uploads_left_from_before_are_removed(admin_user, new_files):
    left = UploadedFile.objects.create(
        file=ContentFile(phone_photo("JPEG"), name="Fatima_Al-Hassan.jpg"),
        for_content_type=ContentType.objects.get_for_model(CustomImage),
        uploaded_by_user=admin_user,
    )
    assert Path(left.file.path) in new_files()
    migration = import_module("website.images.migrations.0003_remove_raw_uploads")
    migration.remove_raw_uploads(apps, schema_editor=None)
    assert not UploadedFile.objects.exists()
    assert new_files() == set()
