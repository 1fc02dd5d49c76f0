"""Documents keep nothing of the uploader's file name: not in the stored name, the title, the
address or the name of the download."""

import re
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from tests.factories import StandardPageFactory, build_site

pytestmark = pytest.mark.django_db

FILE_NAME = "Fatima_Hassan_Teilnehmerliste.pdf"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RANDOM_NAME = re.compile(r"documents/[0-9a-f]{32}\.(pdf|txt)")


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return {str(path) for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.fixture
def upload(admin_client):
    """Uploads one document through the admin's single form or its multiple uploader."""

    def post(uploader, name, title, content=PDF):
        data = {"title": title, "collection": Collection.get_first_root_node().pk}
        if uploader == "single":
            response = admin_client.post(
                reverse("wagtaildocs:add"), {**data, "file": SimpleUploadedFile(name, content)}
            )
            assert response.status_code == 302
        else:
            response = admin_client.post(
                reverse("wagtaildocs:add_multiple"),
                {**data, "files[]": SimpleUploadedFile(name, content)},
            )
            assert response.json()["success"] is True
        return get_document_model().objects.latest("pk")

    return post


@pytest.mark.parametrize("uploader", ["single", "multiple"])
@pytest.mark.parametrize(
    "title", [FILE_NAME, "Fatima_Hassan_Teilnehmerliste", "fatima hassan teilnehmerliste", ""]
)
def test_a_title_that_is_the_file_name_becomes_a_neutral_one(upload, client, uploader, title):
    document = upload(uploader, FILE_NAME, title)
    assert document.title.startswith("Dokument vom ")
    assert RANDOM_NAME.fullmatch(document.file.name)
    assert re.fullmatch(rf"/documents/{document.pk}/dokument-vom-[\d-]+\.pdf", document.url)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert not any("Fatima" in name for name in stored_files())


def test_the_download_is_named_after_the_title(upload, client):
    document = upload("single", "Fatima_Ablauf.TXT", "Ablauf des Sommerfests", b"Ablauf")
    assert document.title == "Ablauf des Sommerfests"
    assert RANDOM_NAME.fullmatch(document.file.name)  # the extension in lower case
    assert document.url == f"/documents/{document.pk}/ablauf-des-sommerfests.txt"
    response = client.get(document.url)
    assert 'filename="ablauf-des-sommerfests.txt"' in response["Content-Disposition"]
    assert "Fatima" not in response["Content-Disposition"]


def test_a_document_made_in_code_gets_a_random_name_too():
    document = get_document_model().objects.create(
        title="Arbeitsblatt", file=ContentFile(b"Text", name="Fatima Hassan.txt")
    )
    assert RANDOM_NAME.fullmatch(document.file.name)
    assert document.filename == "arbeitsblatt.txt"


def test_an_extension_the_site_does_not_accept_is_not_kept():
    document = get_document_model().objects.create(
        title="Notiz", file=ContentFile(b"Text", name="notiz.Fatima")
    )
    assert re.fullmatch(r"documents/[0-9a-f]{32}", document.file.name)


def test_a_storage_without_local_paths_still_sends_the_titled_download(upload, client):
    """Object storage (S3) has no local paths; Wagtail would redirect to the stored name."""
    document = upload("single", "Fatima_Ablauf.txt", "Ablauf", b"Ablauf")
    no_path = mock.PropertyMock(side_effect=NotImplementedError)
    with mock.patch.object(FieldFile, "path", new_callable=lambda: no_path):
        response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Ablauf"
    assert "filename=ablauf.txt" in response["Content-Disposition"]


def test_pages_show_a_renamed_documents_new_address_at_once(client):
    """Visitors get pages from a cache: a new title must not leave them the old address."""
    document = get_document_model().objects.create(
        title="Ablaufplan", file=ContentFile(b"Plan", name="plan.txt")
    )
    StandardPageFactory(
        parent=build_site()["de"],
        slug="ausgangslage",
        body=[{"type": "document", "value": {"document": document.pk, "label": ""}}],
    ).save_revision().publish()
    client.get("/")  # the site's settings are made on the first visit: content changes
    assert document.url in client.get("/ausgangslage/").text
    document.title = "Ablaufplan 2025"
    document.save()
    assert document.url in client.get("/ausgangslage/").text
    assert client.get(document.url).status_code == 200
