"""Renditions are made ahead of time, in a background task, from one decode of the original.

Templates ask only for the named sets below; the task makes a whole set at once. A page view
never decodes an original: a rendition not made yet is shown as a placeholder and queued.
"""

import hashlib
import io
import logging
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from wagtail.images.image_operations import (
    AvifQualityOperation,
    DoNothingOperation,
    FormatOperation,
    JPEGQualityOperation,
    WebPQualityOperation,
)
from wagtail.images.models import Filter

from PIL import Image

from . import icc
from .blocking import is_blocked
from .uploads import on_white

logger = logging.getLogger(__name__)

# The AVIF encoder's speed (0 slowest … 10 fastest). `make bench` measures what it costs.
AVIF_SPEED = 8
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF"}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp", "avif": "avif"}
# Operations the pipeline runs itself; a spec with any other goes through Wagtail's Willow.
OWN_FILTER_OPERATIONS = (
    AvifQualityOperation,
    DoNothingOperation,
    FormatOperation,
    JPEGQualityOperation,
    WebPQualityOperation,
)
QUEUE_SECONDS = 10 * 60


@dataclass(frozen=True)
class RenditionSet:
    """One image at several widths, in the formats browsers pick from (best first)."""

    widths: tuple
    formats: tuple = ("avif", "webp", "jpeg")
    aspect: tuple | None = None  # (width, height) to crop to, around the focal point

    def spec(self, width, image_format):
        if self.aspect:
            height = round(width * self.aspect[1] / self.aspect[0])
            return f"fill-{width}x{height}|format-{image_format}"
        return f"width-{width}|format-{image_format}"

    @property
    def specs(self):
        return [self.spec(width, f) for f in self.formats for width in self.widths]


SETS = {
    "photo": RenditionSet(widths=(800, 1600)),
    "card": RenditionSet(widths=(400, 800), aspect=(16, 10)),
    # Grid tiles of about 256 px: 400 px on ordinary screens, the photo set's 800 px on 2x ones.
    "thumb": RenditionSet(widths=(400, 800)),
    "share": RenditionSet(widths=(1200,), formats=("jpeg",), aspect=(1200, 630)),
    # Logos keep their shape and their transparency.
    "logo": RenditionSet(widths=(160, 320), formats=("webp", "png")),
}
ADMIN_THUMBNAIL = "max-165x165"
# Made when an image is uploaded; when a page is published, the sets it shows the image in.
UPLOAD_SPECS = [*SETS["photo"].specs, ADMIN_THUMBNAIL]
# Each spec once: the thumbnail set shares its 2x width with the photo set.
PUBLISH_SPECS = list(dict.fromkeys(spec for s in SETS.values() for spec in s.specs))
# Where a page shows an image (the first part of its reference's content path) → the sets.
SETS_BY_FIELD = {
    "listing_image": ("card", "share"),
    "lead_image": ("photo", "card", "share"),
    "image": ("photo", "card", "share"),
    "portrait": ("photo", "card", "share"),
    "social_image": ("share",),
    "gallery_photos": ("photo", "thumb"),
}


def specs_for_use(field_name):
    """Each spec once: sets may share one (the thumbnails' 2x width is the photo's 1x)."""
    names = SETS_BY_FIELD.get(field_name, ("photo",))
    return list(dict.fromkeys(spec for name in names for spec in SETS[name].specs))


def prefetch(images, *set_names):
    """Fetch the renditions of sets for many images in one query (templates then ask none)."""
    images = [image for image in images if image is not None]
    if images:
        rendition_model = images[0].get_rendition_model()
        specs = {spec for name in set_names for spec in SETS[name].specs}
        renditions = rendition_model.objects.filter(filter_spec__in=specs)
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )


def queue(image, specs):
    """Ask the task worker for these renditions, once per image and set while it works."""
    from .tasks import make_renditions

    specs = sorted(set(specs))
    digest = hashlib.sha1("|".join(specs).encode(), usedforsecurity=False).hexdigest()
    if cache.add(f"renditions-queued:{image.pk}:{digest}", True, QUEUE_SECONDS):
        transaction.on_commit(lambda: make_renditions.enqueue(image.pk, specs))


@dataclass
class Plan:
    filter: Filter
    box: tuple  # the region of the original, in its pixels
    size: tuple
    image_format: str
    quality: int | None


def plan(image, filter):
    """How the pipeline makes this rendition itself, or None where Wagtail's Willow must."""
    if not all(isinstance(op, OWN_FILTER_OPERATIONS) for op in filter.filter_operations):
        return None
    env = {}
    for operation in filter.filter_operations:
        operation.run(None, image, env)
    transform = filter.get_transform(image)
    rect = transform.get_rect()
    original_format = os.path.splitext(image.file.name)[1].lstrip(".").lower()
    image_format = env.get("output-format") or {"jpg": "jpeg"}.get(original_format, original_format)
    if image_format not in PILLOW_FORMATS:
        return None
    return Plan(
        filter=filter,
        box=(rect.left, rect.top, rect.right, rect.bottom),
        size=transform.size,
        image_format=image_format,
        quality=env.get(f"{image_format}-quality"),
    )


def decode(image, plans):
    """The original decoded once, as small as the largest rendition allows (JPEG draft mode)."""
    with image.open_file() as file:
        source = Image.open(file)
        # Each rendition needs the original's pixels at no less than its own scale.
        scale = min(
            min((box[2] - box[0]) / size[0], (box[3] - box[1]) / size[1])
            for box, size in ((p.box, p.size) for p in plans)
        )
        requested = (max(1, int(source.width / scale)), max(1, int(source.height / scale)))
        if source.format == "JPEG":
            source.draft("RGB" if source.mode != "L" else "L", requested)
        source.load()
        factor = image.width / source.width  # how far draft mode scaled the decode down
        stored_profile = source.info.get("icc_profile")
        if stored_profile and stored_profile[16:20] != b"RGB ":
            # Renditions are RGB, which a grey or CMYK profile cannot describe: applied here.
            source, icc_profile = icc.in_srgb(source, stored_profile)
        else:  # rebuilt again, for originals stored before profiles were rebuilt
            source, icc_profile = icc.clean(source, stored_profile)
        return displayable(source), factor, icc_profile


def displayable(source):
    """The pixels as the encoders take them, 8-bit RGB, RGBA or L, any transparency as alpha."""
    if source.mode == "I;16":  # 16-bit grey: scaled to 8 bits, not clipped
        # Pillow maps 32-bit pixels to 8 bits through a table of every 16-bit value.
        wide, key = source.convert("I"), source.info.get("transparency")
        source = wide.point([round(value / 257) for value in range(65536)], "L")
        if key is not None:
            source.putalpha(wide.point([0 if v == key else 255 for v in range(65536)], "L"))
    if source.mode in ("RGB", "RGBA", "L") and "transparency" not in source.info:
        return source
    return source.convert("RGBA" if source.has_transparency_data else "RGB")


def encode(pixels, image_format, quality, icc_profile):
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "jpeg":
        if pixels.mode == "RGBA":
            pixels = on_white(pixels)
        options.update(
            quality=quality or settings.WAGTAILIMAGES_JPEG_QUALITY, optimize=True, progressive=True
        )
    elif image_format == "webp":
        options.update(quality=quality or settings.WAGTAILIMAGES_WEBP_QUALITY)
    elif image_format == "avif":
        options.update(quality=quality or settings.WAGTAILIMAGES_AVIF_QUALITY, speed=AVIF_SPEED)
    elif image_format == "png":
        options.update(compress_level=6)
    output = io.BytesIO()
    pixels.save(output, PILLOW_FORMATS[image_format], **options)
    return output.getvalue()


def rendition_name(image, filter, image_format):
    # Wagtail's naming: the original's (random) name, the spec, the focal point key.
    stem = os.path.splitext(os.path.basename(image.file.name))[0]
    suffix = filter.spec.replace("|", ".") + "." + EXTENSIONS[image_format]
    if key := filter.get_cache_key(image):
        suffix = f"{key}.{suffix}"
    return f"{stem[: 59 - len(suffix)]}.{suffix}"


def generate(image, specs):
    """Make the renditions of `specs` the image lacks; return how many were made.

    None of a photo taken down (blocking.py): its renditions are gone for good.
    """
    from wagtail.images.models import AbstractImage

    if is_blocked(image):
        return 0
    filters = [Filter(spec=spec) for spec in dict.fromkeys(specs)]
    existing = set(image.renditions.values_list("filter_spec", "focal_point_key"))
    missing = [f for f in filters if (f.spec, f.get_cache_key(image)) not in existing]
    if not missing:
        return 0

    plans = []
    for filter in missing:
        if own := plan(image, filter):
            plans.append(own)
        else:
            AbstractImage.create_rendition(image, filter)  # Willow, from the clean original
    if not plans:
        return len(missing)

    source, factor, icc_profile = decode(image, plans)
    Rendition = image.get_rendition_model()
    created = []
    for item in plans:
        box = tuple(coordinate / factor for coordinate in item.box)
        pixels = source.resize(item.size, Image.Resampling.LANCZOS, box=box)
        content = encode(pixels, item.image_format, item.quality, icc_profile)
        rendition = Rendition(
            image=image,
            filter_spec=item.filter.spec,
            focal_point_key=item.filter.get_cache_key(image),
        )
        rendition.file.save(
            rendition_name(image, item.filter, item.image_format),
            ContentFile(content),
            save=False,
        )
        # Saving the file reads its size back, which Django cannot do for AVIF.
        rendition.width, rendition.height = pixels.size
        created.append(rendition)
    Rendition.objects.bulk_create(created, ignore_conflicts=True)
    # Another worker may have made the same rendition meanwhile: drop our spare file.
    kept = set(image.renditions.values_list("file", flat=True))
    for rendition in created:
        if rendition.file.name not in kept:
            rendition.file.storage.delete(rendition.file.name)
    return len(missing)
