"""Uploads: what editors send, what the site keeps. Cases from ROBUSTNESS.md, Uploads."""

import io
import struct
import time
import zlib

from django.conf import settings
from django.db import DataError
from django.utils import timezone

import pytest
from PIL import Image

from tests.images.helpers import make_image
from tests.images.photos import EDITOR_METADATA, leaks, phone_photo, plain_jpeg, scene
from website.images import icc
from website.images.models import CustomImage

pytestmark = pytest.mark.django_db

PERSON_NAME = "Fatima_Al-Hassan"


def errors(response):
    assert response.status_code == 200, "the form should come back with an error"
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def read(image):
    with image.open_file() as file:
        return file.read()


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")]
)
def test_phone_photo_is_stored_without_metadata_upright_and_renamed(
    upload, stored_files, image_format, extension
):
    name = f"{PERSON_NAME}_GPS.{extension}"
    response = upload(phone_photo(image_format), name=name)
    assert response.status_code == 302
    image = CustomImage.objects.get()

    data = read(image)
    assert leaks(data) == []
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == image_format
        assert stored.size == (300, 400)  # turned upright by the EXIF orientation
        assert stored.getpixel((150, 10))[0] > 150  # red on top, as the phone showed it
        assert stored.getpixel((150, 390))[2] > 150
        assert stored.info["icc_profile"] == icc.SRGB  # the phone's sRGB profile, rebuilt

    # The uploader's file name is nowhere: not in the file name, the title or any URL.
    for text in (image.file.name, image.title, image.file.url):
        assert "Fatima" not in text and "Hassan" not in text and "GPS" not in text
    assert all("Fatima" not in str(path) for path in stored_files())


def test_metadata_editors_want_lands_in_fields(upload):
    upload(phone_photo("JPEG"))
    image = CustomImage.objects.get()
    assert image.creator == EDITOR_METADATA["creator"]
    assert image.caption == EDITOR_METADATA["caption"]
    assert image.copyright == EDITOR_METADATA["copyright"]
    assert timezone.localtime(image.date_taken).isoformat().startswith("2024-05-17T14:03:22")
    assert image.title == EDITOR_METADATA["caption"]  # not the file name


def test_a_title_the_editor_typed_is_kept(upload):
    upload(plain_jpeg(), name="IMG_0042.jpg", title="Eröffnung der Ausstellung")
    assert CustomImage.objects.get().title == "Eröffnung der Ausstellung"


def test_heic_is_converted_to_jpeg(upload):
    output = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 10)).save(output, "HEIF")
    assert upload(output.getvalue(), name="IMG_0001.heic").status_code == 302
    image = CustomImage.objects.get()
    assert image.file.name.endswith(".jpg")
    with Image.open(io.BytesIO(read(image))) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (64, 48)


def png_header_only(width, height):
    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", b"x") + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def jpeg_claiming(width, height):
    """A small real JPEG whose frame header claims another size."""
    data = bytearray(plain_jpeg(64, 48))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif():
    output = io.BytesIO()
    Image.new("P", (10, 10)).save(output, "GIF")
    return output.getvalue()


def tiff():
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "TIFF")
    return output.getvalue()


SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SVG_ENTITIES = (
    b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">'
    b"<text>&b;</text></svg>"
)

REJECTED = {
    # name: (file name, content, words of the message the editor sees)
    "truncated JPEG": ("foto.jpg", plain_jpeg(1200, 900)[:3000], "beschädigt"),
    "header-only JPEG": ("foto.jpg", plain_jpeg()[:200], "beschädigt"),
    "PNG header claiming 9000x9000": ("foto.png", png_header_only(9000, 9000), "81 Megapixel"),
    "empty file": ("foto.jpg", b"", "leer"),
    "random bytes named .jpg": ("foto.jpg", bytes(range(256)) * 40, "kein Foto"),
    "HTML named .jpg": ("foto.jpg", b"<html><script>alert(1)</script></html>", "kein Foto"),
    "PNG named .jpg": ("foto.jpg", phone_photo("PNG"), "PNG-Bild, ihr Name endet aber auf „.jpg“"),
    "TIFF": ("foto.tiff", tiff(), "JPEG-, PNG-, WebP- oder HEIC"),
    "TIFF named .jpg": ("foto.jpg", tiff(), "kein Foto"),
    "GIF": ("foto.gif", gif(), "JPEG-, PNG-, WebP- oder HEIC"),
    "GIF named .png": ("foto.png", gif(), "kein Foto"),
    "SVG with a script": ("foto.svg", SVG_SCRIPT, "JPEG-, PNG-, WebP- oder HEIC"),
    "SVG with entity expansion": ("foto.svg", SVG_ENTITIES, "JPEG-, PNG-, WebP- oder HEIC"),
    "SVG named .jpg": ("foto.jpg", SVG_SCRIPT, "kein Foto"),
    "40000x40000 PNG": ("foto.png", png_header_only(40000, 40000), "zu viele Pixel"),
    "120 MP JPEG": ("foto.jpg", jpeg_claiming(12000, 10000), "120 Megapixel"),
}


@pytest.mark.parametrize("case", REJECTED, ids=list(REJECTED))
def test_bad_file_is_refused_with_a_message_and_nothing_stored(upload, stored_files, case):
    name, content, words = REJECTED[case]
    message = errors(upload(content, name=name))
    assert words.lower() in message.lower(), message
    assert not CustomImage.objects.exists()
    assert stored_files() == set()


@pytest.mark.parametrize("case", REJECTED, ids=list(REJECTED))
def test_bad_file_in_multiple_upload_is_refused_with_a_message(upload_many, stored_files, case):
    name, content, words = REJECTED[case]
    result = upload_many(content, name=name)
    assert result["success"] is False
    assert words.lower() in result["error_message"].lower(), result
    assert not CustomImage.objects.exists()
    assert stored_files() == set()


def test_pixel_bombs_are_refused_before_any_decoding(upload, monkeypatch):
    def no_decoding(self):
        raise AssertionError("a pixel bomb was decoded")

    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    for name, content in (
        ("bombe.png", png_header_only(40000, 40000)),
        ("bombe.jpg", jpeg_claiming(12000, 10000)),
    ):
        started = time.monotonic()
        assert "zu viele Pixel" in errors(upload(content, name=name))
        assert time.monotonic() - started < 2


def padded_jpeg(size):
    data = plain_jpeg()
    return data + b"\0" * (size - len(data))


@pytest.mark.parametrize("size", [settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1, 120 * 1024 * 1024])
def test_too_big_files_are_refused(upload, size):
    assert "zu groß" in errors(upload(padded_jpeg(size)))
    assert not CustomImage.objects.exists()


HOSTILE_NAMES = [
    "../../../etc/passwd.jpg",
    f"{PERSON_NAME}.jpg",
    "ص" * 300 + ".jpg",
    "foto\u202egpj.jpg",
    "foto\x00.jpg",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_names_leave_no_trace(upload, stored_files, name):
    response = upload(plain_jpeg(), name=name)
    assert response.status_code == 302
    image = CustomImage.objects.get()
    stem = name.rsplit(".", 1)[0].replace("\x00", "")
    for text in (image.title, image.file.name, image.file.url, image.description):
        assert stem[:8] not in text
    assert all(str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT)) for path in stored_files())


def test_a_batch_with_one_bad_file_keeps_the_others(upload_many):
    results = [upload_many(plain_jpeg(), name=f"foto-{n}.jpg") for n in range(29)]
    bad = upload_many(b"<html></html>", name="kaputt.jpg")
    assert all(result["success"] for result in results)
    assert bad["success"] is False and bad["error_message"]
    assert CustomImage.objects.count() == 29


def test_an_upright_jpeg_loses_its_metadata_but_not_a_single_pixel(upload):
    sent = phone_photo("JPEG", orientation=1) + b"<script>alert('polyglot')</script>"
    assert upload(sent, name="foto.jpg").status_code == 302
    data = read(CustomImage.objects.get())
    assert leaks(data) == []
    assert b"polyglot" not in data
    with Image.open(io.BytesIO(sent)) as original, Image.open(io.BytesIO(data)) as stored:
        assert stored.tobytes() == original.tobytes()
        assert stored.info["icc_profile"] == icc.SRGB  # the phone's sRGB profile, rebuilt


def test_a_truncated_upright_jpeg_is_still_refused(upload):
    sent = plain_jpeg(1200, 900)
    assert "beschädigt" in errors(upload(sent[: len(sent) * 2 // 3], name="foto.jpg"))


def test_editing_an_image_keeps_its_file_and_replacing_it_sanitises_the_new_one(
    admin_client, upload
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from wagtail.models import Collection

    upload(plain_jpeg(), name="foto.jpg", title="Vorher")
    image = CustomImage.objects.get()
    first_file = image.file.name
    edit_url = reverse("wagtailimages:edit", args=[image.pk])
    assert admin_client.get(edit_url).status_code == 200
    fields = {"title": "Nachher", "collection": Collection.get_first_root_node().pk}
    assert admin_client.post(edit_url, fields).status_code == 302
    image.refresh_from_db()
    assert (image.title, image.file.name) == ("Nachher", first_file)

    replacement = SimpleUploadedFile("Fatima_Al-Hassan.jpg", phone_photo("JPEG"))
    assert admin_client.post(edit_url, {**fields, "file": replacement}).status_code == 302
    image.refresh_from_db()
    assert image.file.name != first_file
    assert image.title == "Nachher"  # the editor's title, not the new file's name
    assert leaks(read(image)) == []


def test_a_stored_photo_whose_row_cannot_be_saved_leaves_no_file(upload, stored_files, monkeypatch):
    def refused(*args, **kwargs):
        raise DataError("value too long for type character varying(255)")

    monkeypatch.setattr(CustomImage, "save_base", refused)
    with pytest.raises(DataError):
        upload(plain_jpeg())
    assert not CustomImage.objects.exists()
    assert stored_files() == set()


JPEG_KINDS = {
    "baseline": ("RGB", {}),
    "progressive": ("RGB", {"progressive": True, "optimize": True}),
    "with restart markers": ("RGB", {"restart_marker_blocks": 4}),
    "unsubsampled": ("RGB", {"subsampling": 0}),
    "grey, progressive": ("L", {"progressive": True}),
    "CMYK, progressive": ("CMYK", {"progressive": True}),
}


@pytest.mark.parametrize("kind", JPEG_KINDS)
def test_every_kind_of_upright_jpeg_is_kept_without_a_pixel_changed(kind):
    mode, options = JPEG_KINDS[kind]
    output = io.BytesIO()
    scene(401, 299).convert(mode).save(output, "JPEG", quality=85, **options)
    sent = output.getvalue()
    data = read(make_image(sent))
    assert len(data) <= len(sent)
    with Image.open(io.BytesIO(sent)) as original, Image.open(io.BytesIO(data)) as stored:
        assert (stored.mode, stored.size) == (original.mode, original.size)
        assert stored.tobytes() == original.tobytes()
