"""Data hidden in the parts of a photo that are kept (the colour profile, Adobe's segment, DNL)
reaches neither the stored original nor any rendition, and the colours stay right."""

import io
import struct

import pytest
from PIL import Image, ImageCms

from tests.images import profiles
from tests.images.helpers import make_image
from website.images import icc
from website.images.renditions import generate

pytestmark = pytest.mark.django_db

FORMATS = ["jpeg", "webp", "avif", "png"]
COLOUR = (40, 180, 90)  # a green that Display P3 and Adobe RGB show far more saturated
PROFILES = {
    "Display P3": profiles.display_p3,
    "Adobe RGB-like": profiles.adobe_rgb,
    "Adobe RGB-like in two JPEG segments": lambda: profiles.adobe_rgb(sampled=True),
}


def read(file):
    with file.open("rb") as opened:
        return opened.read()


def stored_files(image):
    """The original, then a rendition in each format, as (name, bytes)."""
    generate(image, [f"width-32|format-{image_format}" for image_format in FORMATS])
    renditions = image.renditions.filter(filter_spec__startswith="width-32|")
    assert renditions.count() == len(FORMATS)
    return [("original", read(image.file))] + [(r.filter_spec, read(r.file)) for r in renditions]


def hidden_in(data):
    """What of the hidden data is in a file, or in its profile as Pillow reads it (PNG's is
    compressed)."""
    with Image.open(io.BytesIO(data)) as picture:
        data += picture.info.get("icc_profile") or b""
    found = [
        name
        for name, hidden in profiles.HIDDEN.items()
        if hidden in data or hidden.decode().encode("utf-16-be") in data  # ICC 4's text
    ]
    return found + [marker.decode() for marker in (b"SECRET", b"PAYLOAD") if marker in data]


def seen_in_srgb(data):
    """The middle pixel as a browser shows it: through the file's own profile, in sRGB."""
    with Image.open(io.BytesIO(data)) as picture:
        pixels = picture.convert("RGB")
        if profile := picture.info.get("icc_profile"):
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            pixels = ImageCms.profileToProfile(pixels, source, icc.SRGB_PROFILE, outputMode="RGB")
        return pixels.getpixel((pixels.width // 2, pixels.height // 2))


def close(actual, expected, tolerance):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def photo(image_format, profile, colour=COLOUR, **options):
    output = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(output, image_format, icc_profile=profile, **options)
    return output.getvalue()


UPLOADS = {
    # name: (file name, format Pillow writes, options, how far lossy coding may move a colour)
    "JPEG, kept without re-encoding": ("foto.jpg", "JPEG", {"quality": 95}, 3),
    "PNG": ("foto.png", "PNG", {}, 1),
    "WebP": ("foto.webp", "WEBP", {"quality": 95}, 4),
    "HEIC, converted to JPEG": ("foto.heic", "HEIF", {"quality": 95}, 5),
}


@pytest.mark.parametrize("upload", UPLOADS)
@pytest.mark.parametrize("profile_name", PROFILES)
def test_a_colour_profile_is_rebuilt_without_what_was_hidden_in_it(upload, profile_name):
    name, image_format, options, tolerance = UPLOADS[upload]
    profile = PROFILES[profile_name]()
    sent = photo(image_format, profile, **options)
    assert set(profiles.HIDDEN) <= set(hidden_in(sent))
    expected = seen_in_srgb(sent)
    assert not close(expected, COLOUR, 10)  # the profile matters for these colours

    image = make_image(sent, name=name)

    for file_name, data in stored_files(image):
        assert hidden_in(data) == [], file_name
        # Lossy renditions, from a lossy original: a little more room.
        room = tolerance if file_name == "original" else tolerance + 6
        assert close(seen_in_srgb(data), expected, room), file_name
    with Image.open(io.BytesIO(read(image.file))) as original:
        kept = original.info["icc_profile"]
    description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(kept)))
    assert description.strip() == "Colour profile"
    if upload.startswith("JPEG"):
        with (
            Image.open(io.BytesIO(sent)) as before,
            Image.open(io.BytesIO(read(image.file))) as after,
        ):
            assert after.tobytes() == before.tobytes()  # not a single pixel changed


def test_a_profile_littlecms_reads_but_that_cannot_be_rebuilt_is_applied_to_the_pixels():
    profile = bytearray(profiles.display_p3())
    profile[8] = 3  # an ICC version that does not exist: littleCMS reads it anyway
    sent = photo("JPEG", bytes(profile), quality=95)
    expected = seen_in_srgb(sent)

    image = make_image(sent, name="foto.jpg")

    for file_name, data in stored_files(image):
        assert hidden_in(data) == [], file_name
        assert close(seen_in_srgb(data), expected, 4 if file_name == "original" else 10), file_name
    with Image.open(io.BytesIO(read(image.file))) as original:
        assert original.info["icc_profile"] == icc.SRGB


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_a_profile_littlecms_cannot_read_is_replaced_by_srgb(image_format):
    sent = photo(image_format, b"SECRET-PAYLOAD, not a colour profile" * 8)
    image = make_image(sent, name=f"foto.{image_format.lower()}")

    for file_name, data in stored_files(image):
        assert hidden_in(data) == [], file_name
        assert close(seen_in_srgb(data), COLOUR, 3 if file_name == "original" else 8), file_name
    with Image.open(io.BytesIO(read(image.file))) as original:
        assert original.info["icc_profile"] == icc.SRGB


def with_segment_after(data, marker, segment):
    """The JPEG with a segment inserted after the first segment with this marker."""
    start = data.index(marker)
    end = start + 2 + struct.unpack(">H", data[start + 2 : start + 4])[0]
    return data[:end] + segment + data[end:]


def adobe_segment(transform, tail):
    payload = b"Adobe" + struct.pack(">HHHB", 100, 0x8000, 0, transform) + tail
    return b"\xff\xee" + struct.pack(">H", len(payload) + 2) + payload


def dnl_segment(lines, tail):
    return b"\xff\xdc" + struct.pack(">HH", 4 + len(tail), lines) + tail


def adobe_jpeg(mode):
    """A JPEG whose Adobe segment carries text after its 12 bytes, with a DNL segment too."""
    colour = (30, 200, 90, 10) if mode == "CMYK" else COLOUR
    output = io.BytesIO()
    Image.new(mode, (64, 48), colour).save(output, "JPEG", quality=95)
    data = output.getvalue()
    if mode == "CMYK":  # libjpeg wrote an Adobe segment: lengthened by a payload
        start = data.index(b"Adobe") - 4
        length = struct.unpack(">H", data[start + 2 : start + 4])[0]
        transform = data[start + 4 + 11]
        old = data[start : start + 2 + length]
        data = data.replace(old, adobe_segment(transform, b"SECRET-APP14-PAYLOAD"))
    else:
        data = with_segment_after(data, b"\xff\xe0", adobe_segment(1, b"SECRET-APP14-PAYLOAD"))
    scan_end = data.rindex(b"\xff\xd9")
    return data[:scan_end] + dnl_segment(48, b"SECRET-DNL-PAYLOAD") + data[scan_end:]


@pytest.mark.parametrize("mode", ["CMYK", "RGB"])
def test_adobe_segment_is_written_anew_and_dnl_dropped_with_the_colours_kept(mode):
    sent = adobe_jpeg(mode)
    with Image.open(io.BytesIO(sent)) as before:
        before.load()  # what Pillow decodes of the file as sent
        sent_pixels, seen = before.tobytes(), before.convert("RGB").getpixel((32, 24))

    image = make_image(sent, name="foto.jpg")

    for file_name, data in stored_files(image):
        assert hidden_in(data) == [], file_name
        assert b"\xff\xdc" not in data.split(b"\xff\xda")[0], file_name  # no DNL before the scan
        assert close(seen_in_srgb(data), seen, 2 if file_name == "original" else 8), file_name
    original = read(image.file)
    start = original.index(b"Adobe") - 4
    assert original[start : start + 4] == b"\xff\xee" + struct.pack(">H", 2 + 12)  # 12 bytes
    assert b"\xff\xdc" not in original
    with Image.open(io.BytesIO(original)) as after:
        assert after.mode == mode
        assert after.tobytes() == sent_pixels  # not a single pixel changed
