"""Text in a photo's metadata arrives as it was written, whatever the upload's way in."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest

from exhibitions.models import ExhibitionPage
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.photos import IPTC_CYRILLIC, IPTC_UTF8, WESTERN, WRITTEN, photo_with_texts
from website.images.models import CustomImage

pytestmark = pytest.mark.django_db

CYRILLIC = {
    "creator": "Юлия Смирнова",
    "caption": "Швейная машина на улице",
    "copyright": "Юлия Смирнова, 2024",
}
WINDOWS = {key: WRITTEN[key] for key in ("creator", "caption")}  # XP tags know no copyright

CASES = {
    # name: (format, where the texts are written, the texts, their encoding, IPTC's declaration)
    "JPEG, EXIF in UTF-8": ("JPEG", "exif", WRITTEN, "utf-8", None),
    "PNG, EXIF in UTF-8": ("PNG", "exif", WRITTEN, "utf-8", None),
    "WebP, EXIF in UTF-8": ("WEBP", "exif", WRITTEN, "utf-8", None),
    "JPEG, EXIF in CP1252": ("JPEG", "exif", WESTERN, "cp1252", None),
    "JPEG, EXIF's Windows tags": ("JPEG", "windows", WINDOWS, "utf-16-le", None),
    "PNG, EXIF's Windows tags": ("PNG", "windows", WINDOWS, "utf-16-le", None),
    "WebP, EXIF's Windows tags": ("WEBP", "windows", WINDOWS, "utf-16-le", None),
    "JPEG, IPTC declared UTF-8": ("JPEG", "iptc", WRITTEN, "utf-8", IPTC_UTF8),
    "JPEG, IPTC in UTF-8 undeclared": ("JPEG", "iptc", WRITTEN, "utf-8", None),
    "JPEG, IPTC in CP1252 undeclared": ("JPEG", "iptc", WESTERN, "cp1252", None),
    "JPEG, IPTC declared ISO 8859-5": ("JPEG", "iptc", CYRILLIC, "iso8859_5", IPTC_CYRILLIC),
    "JPEG, XMP": ("JPEG", "xmp", WRITTEN, "utf-8", None),
    "PNG, XMP": ("PNG", "xmp", WRITTEN, "utf-8", None),
    "WebP, XMP": ("WEBP", "xmp", WRITTEN, "utf-8", None),
    "PNG, text chunks in UTF-8": ("PNG", "png", WRITTEN, "utf-8", None),
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@pytest.fixture(params=["single upload", "multiple upload", "Fotos hinzufügen"])
def send(request, admin_client, django_capture_on_commit_callbacks):
    """Sends one photo the way an editor does; returns the stored image and, when added to an
    exhibition, its gallery photo."""
    way = request.param
    exhibition = None
    if way == "Fotos hinzufügen":
        index = ExhibitionIndexPageFactory(parent=build_site()["de"])
        exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")

    def post(data, name):
        file = SimpleUploadedFile(name, data)
        root = Collection.get_first_root_node().pk
        with django_capture_on_commit_callbacks(execute=True):
            if way == "single upload":
                response = admin_client.post(
                    reverse("wagtailimages:add"), {"title": name, "file": file, "collection": root}
                )
                assert response.status_code == 302
            elif way == "multiple upload":
                response = admin_client.post(
                    reverse("wagtailimages:add_multiple"),
                    {"files[]": file, "title": name, "collection": root},
                )
                assert response.json()["success"]
            else:
                response = admin_client.post(
                    reverse("exhibitions_add_photos", args=[exhibition.pk]), {"files": [file]}
                )
                assert response.status_code == 200
        if exhibition is None:
            return CustomImage.objects.get(), None
        draft = ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision_as_object()
        photo = draft.gallery_photos.get()
        return photo.image, photo

    return post


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_metadata_text_arrives_as_it_was_written(send, case):
    image_format, where, texts, encoding, declared = CASES[case]
    data = photo_with_texts(image_format, where, texts, encoding, declared)
    image, photo = send(data, f"foto.{EXTENSIONS[image_format]}")
    assert {key: getattr(image, key) for key in texts} == texts
    assert image.title == texts["caption"]
    if photo:
        assert (photo.caption, photo.photographer) == (texts["caption"], texts["creator"])
