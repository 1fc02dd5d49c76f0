"""Every image file enters the site through `sanitise()`.

It decodes the whole file (a damaged one fails here, not in a visitor's request), reads the
metadata editors want (date taken, creator, caption, copyright), and writes a new file of only
the pixels, upright, and their colour profile rebuilt (`icc`), under a random name. An upright
JPEG is rebuilt without re-encoding (`jpeg`).
"""

import io
import os
import re
import secrets
import warnings
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import pillow_heif
from PIL import (
    ExifTags,
    Image,
    ImageOps,
    IptcImagePlugin,
    PngImagePlugin,
    UnidentifiedImageError,
)

from website.file_names import CONTROL_CHARACTERS

from . import icc
from .jpeg import rebuilt_jpeg

pillow_heif.register_heif_opener()

# Pillow's format name → the format we store. HEIC becomes JPEG; MPO is a phone's JPEG.
STORED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "HEIF": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
NAME_EXTENSIONS = {
    "JPEG": {"jpg", "jpeg"},
    "MPO": {"jpg", "jpeg"},
    "HEIF": {"heic", "heif"},
    "PNG": {"png"},
    "WEBP": {"webp"},
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ORIGINAL_QUALITY = 92

MESSAGES = {
    "unsupported": _("This file is not a JPEG, PNG, WebP or HEIC photo."),
    "damaged": _("This file is damaged or incomplete and cannot be read as an image."),
    "mismatch": _(
        "This file is a %(format)s image, but its name ends in “.%(extension)s”. "
        "Please upload photos with their original name ending."
    ),
    "too_many_pixels": _(
        "This image has too many pixels (%(megapixels)s megapixels); "
        "at most %(limit)s megapixels are allowed."
    ),
}


class SanitisedImageFile(ContentFile):
    """An image file that went through `sanitise()`, with the metadata read from it."""

    def __init__(self, content, name, metadata):
        super().__init__(content, name=name)
        self.metadata = metadata


def max_pixels():
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def sanitise(uploaded, check_extension=False):
    """The uploaded file as a clean image, or a ValidationError that says what is wrong.

    With `check_extension`, a file whose name ends in another format's extension is refused.
    """
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns of large images; the pixel limit below is the site's own.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(uploaded)
        with image:
            source_format = image.format
            if source_format not in STORED_FORMATS:
                raise ValidationError(MESSAGES["unsupported"], code="unsupported")
            if check_extension:
                check_name(uploaded.name, source_format)
            check_pixels(image.width * image.height)
            metadata = read_metadata(image)
            stored_format = STORED_FORMATS[source_format]
            source_profile = image.info.get("icc_profile")
            icc_profile = icc.rebuilt(source_profile, image.mode) if source_profile else None
            content = None
            if (
                stored_format == source_format == "JPEG"
                and upright(image)
                and (icc_profile or not source_profile)
            ):
                uploaded.seek(0)
                content = rebuilt_jpeg(uploaded.read(), icc_profile)
            if content:
                with Image.open(io.BytesIO(content)) as rebuilt:
                    # Every byte decoded at an eighth of the size: damage shows, memory stays small.
                    rebuilt.draft(rebuilt.mode, (rebuilt.width // 8, rebuilt.height // 8))
                    rebuilt.load()
            else:
                image.load()  # the whole file: truncated or corrupt data fails here
                ImageOps.exif_transpose(image, in_place=True)
                if source_profile and not icc_profile:
                    image, icc_profile = icc.in_srgb(image, source_profile)
                content = encode_original(image, stored_format, icc_profile)
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        # Pillow refuses files past twice the limit at once; its message has the count.
        counted = re.search(r"\((\d+) pixels\)", str(error))
        raise too_many_pixels(int(counted.group(1)) if counted else 2 * max_pixels()) from None
    except UnidentifiedImageError:
        raise ValidationError(MESSAGES["unsupported"], code="unsupported") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
        raise ValidationError(MESSAGES["damaged"], code="damaged") from None

    name = f"{secrets.token_hex(16)}.{EXTENSIONS[stored_format]}"
    return SanitisedImageFile(content, name=name, metadata=metadata)


def check_name(name, source_format):
    extension = os.path.splitext(name or "")[1].lstrip(".").lower()
    if extension not in NAME_EXTENSIONS[source_format]:
        raise ValidationError(
            MESSAGES["mismatch"],
            code="mismatch",
            params={"format": source_format.replace("MPO", "JPEG"), "extension": extension},
        )


def check_pixels(pixels):
    if pixels > max_pixels():
        raise too_many_pixels(pixels)


def too_many_pixels(pixels):
    return ValidationError(
        MESSAGES["too_many_pixels"],
        code="too_many_pixels",
        params={"megapixels": round(pixels / 1e6), "limit": round(max_pixels() / 1e6)},
    )


def upright(image):
    return image.getexif().get(ExifTags.Base.Orientation, 1) == 1


def encode_original(image, stored_format, icc_profile):
    # Of the source's info only its transparency travels along, rebuilt from the parsed value.
    transparency = image.info.get("transparency")
    image.info = {}
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if stored_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = on_white(image)
        # Baseline, not progressive: encoded as it streams, without a second full-size buffer.
        options.update(quality=ORIGINAL_QUALITY)
    elif stored_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        options.update(quality=ORIGINAL_QUALITY, method=4)
    else:
        if image.mode == "P":
            image, transparency = used_colours_only(image, transparency)
        if transparency is not None:
            options["transparency"] = transparency
        options.update(compress_level=6)
    output = io.BytesIO()
    image.save(output, stored_format, **options)
    return output.getvalue()


def used_colours_only(image, transparency):
    """A palette image with only the palette entries its pixels use: the others could carry
    anything. `transparency` is a transparent entry, or one alpha value per entry."""
    used = sorted(index for _, index in image.getcolors(256))
    image = image.remap_palette(used)
    if isinstance(transparency, bytes):
        transparency = bytes(transparency[i] if i < len(transparency) else 255 for i in used)
    elif transparency is not None:
        transparency = used.index(transparency) if transparency in used else None
    return image, transparency


def on_white(image):
    """RGB pixels, whatever was transparent laid on white."""
    if not image.has_transparency_data:
        return image.convert("RGB")
    image = image.convert("RGBA")
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


# Metadata editors want, read before it is removed, as it was written.

EXIF_IFD = 0x8769
TAGS = ExifTags.Base
# Each field from EXIF's standard text tag first, then from the tags Windows writes.
EXIF_TEXTS = {
    "creator": (TAGS.Artist, TAGS.XPAuthor),
    "caption": (TAGS.ImageDescription, TAGS.XPTitle, TAGS.XPSubject, TAGS.XPComment),
    "copyright": (TAGS.Copyright,),
}
WINDOWS_TAGS = {TAGS.XPAuthor, TAGS.XPTitle, TAGS.XPSubject, TAGS.XPComment}  # UTF-16LE
IPTC = {"creator": (2, 80), "caption": (2, 120), "copyright": (2, 116)}
IPTC_CHARACTER_SET = (1, 90)
# ISO 2022 designations of an ISO 8859 part (its final byte) that IPTC's 1:90 may declare.
ISO_8859 = {
    b"A": "iso8859_1",
    b"B": "iso8859_2",
    b"C": "iso8859_3",
    b"D": "iso8859_4",
    b"F": "iso8859_7",
    b"G": "iso8859_6",
    b"H": "iso8859_8",
    b"L": "iso8859_5",
    b"M": "iso8859_9",
    b"b": "iso8859_15",
}


def read_metadata(image):
    exif = image.getexif()
    exif_ifd = exif.get_ifd(EXIF_IFD)
    exif_texts = read_exif_texts(exif)
    xmp = read_xmp(image)
    iptc = read_iptc(image)
    png_text = read_png_text(image)
    found = {
        "creator": exif_texts.get("creator")
        or xmp.get("creator")
        or iptc.get("creator")
        or png_text.get("author"),
        "caption": exif_texts.get("caption")
        or xmp.get("description")
        or iptc.get("caption")
        or png_text.get("description"),
        "copyright": exif_texts.get("copyright")
        or xmp.get("rights")
        or iptc.get("copyright")
        or png_text.get("copyright"),
        "date_taken": parse_exif_date(
            exif_ifd.get(TAGS.DateTimeOriginal) or exif.get(TAGS.DateTime),
            exif_ifd.get(TAGS.OffsetTimeOriginal),
        )
        or parse_iso_date(xmp.get("date")),
    }
    return {
        key: clean_text(value) if key != "date_taken" else value
        for key, value in found.items()
        if value
    }


def clean_text(value, limit=255):
    if isinstance(value, bytes):
        value = decoded(value)
    return CONTROL_CHARACTERS.sub("", str(value)).strip()[:limit]


def decoded(data, encoding=None):
    """Text from bytes in the declared encoding, or else in the likeliest: UTF-8, which phones
    and current software write, then the Windows code page of Western Europe."""
    data = data.rstrip(b"\x00")
    if encoding:
        return data.decode(encoding, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def as_written(text):
    """A text Pillow read as Latin-1 (EXIF's ASCII tags, PNG's tEXt), decoded as it was
    written: cameras, phones and many programs put UTF-8 there."""
    try:
        return decoded(text.encode("latin-1"))
    except UnicodeEncodeError:  # not Latin-1 as read: already decoded as written
        return text


def read_exif_texts(exif):
    found = {}
    for key, tags in EXIF_TEXTS.items():
        text = next(filter(None, (exif_text(tag, exif.get(tag)) for tag in tags)), None)
        if text:
            found[key] = text
    return found


def exif_text(tag, value):
    if isinstance(value, bytes):
        windows = tag in WINDOWS_TAGS
        value = value.decode("utf-16-le", errors="replace") if windows else decoded(value)
    elif isinstance(value, str):
        value = as_written(value)
    else:
        return ""
    return clean_text(value)


def read_png_text(image):
    """PNG's text chunks by their lowercased key; iTXt is UTF-8 and Pillow reads it so."""
    return {
        key.lower(): value if isinstance(value, PngImagePlugin.iTXt) else as_written(value)
        for key, value in image.info.items()
        if isinstance(value, str)
    }


def read_xmp(image):
    try:
        xmp = image.getxmp()
    except Exception:  # noqa: BLE001 (a broken XMP packet is no reason to refuse a photo)
        return {}
    descriptions = xmp.get("xmpmeta", {}).get("RDF", {}).get("Description", [])
    if isinstance(descriptions, dict):
        descriptions = [descriptions]
    found = {}
    for description in descriptions:
        for key, name in (
            ("creator", "creator"),
            ("description", "description"),
            ("rights", "rights"),
            ("date", "DateCreated"),
            ("date", "CreateDate"),
        ):
            text = first_text(description.get(name))
            if text and key not in found:
                found[key] = text
    return found


def first_text(value):
    """The first text in XMP's nesting of Seq, Alt, Bag and li."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if "text" in value:
            return value["text"]
        return next(filter(None, map(first_text, value.values())), None)
    if isinstance(value, list):
        return next(filter(None, map(first_text, value)), None)
    return None


def read_iptc(image):
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # noqa: BLE001 (a broken IPTC block is no reason to refuse a photo)
        return {}
    encoding = iptc_encoding(first_value(info.get(IPTC_CHARACTER_SET)) or b"")
    found = {}
    for key, tag in IPTC.items():
        value = first_value(info.get(tag))
        if value:
            found[key] = decoded(value, encoding)
    return found


def first_value(value):
    return (value[0] if value else None) if isinstance(value, list) else value


def iptc_encoding(declared):
    """The encoding IPTC's CodedCharacterSet declares in ISO 2022 escape sequences, if known."""
    if b"\x1b%G" in declared:
        return "utf-8"
    part = re.search(rb"\x1b[-.](.)", declared)
    return ISO_8859.get(part.group(1)) if part else None


def parse_exif_date(value, offset=None):
    if not value:
        return None
    try:
        taken = datetime.strptime(clean_text(value)[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if offset:
        parsed = parse_iso_date(f"{taken.isoformat()}{clean_text(offset)}")
        if parsed:
            return parsed
    return timezone.make_aware(taken)


def parse_iso_date(value):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(clean_text(value))
    except ValueError:
        return None
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
