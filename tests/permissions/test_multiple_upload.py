"""The admin's multiple upload of images and documents, as a section editor and as an admin."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

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
