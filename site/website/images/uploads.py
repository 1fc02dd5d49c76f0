"""Every image file enters the site through `sanitise()`.

It decodes the whole file (a damaged one fails here, not in a visitor's request), reads the
metadata editors want (`metadata`), and writes a new file of only the pixels, upright, and
their colour profile rebuilt (`icc`), under a random name. An upright JPEG is rebuilt without
re-encoding (`jpeg`).
"""

import io
import os
import re
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

import pillow_heif
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from . import icc
from .jpeg import rebuilt_jpeg
from .metadata import read_metadata

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
