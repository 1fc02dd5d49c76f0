"""Many photos at once into an exhibition's gallery: files or ZIP archives of them.

Every photo passes exactly the validation and sanitising of a single upload; one bad file is
reported and the others are kept. A damaged archive is one bad file: nothing from it is kept.
"""

import contextlib
import functools
import lzma
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Collection

from website.file_names import CONTROL_CHARACTERS
from website.images.forms import ImageUploadField, neutral_title
from website.images.models import CustomImage

from .models import ExhibitionPage, GalleryPhoto

MAX_ZIP_MEMBERS = 200
MAX_ZIP_BYTES = 1024**3
# A ZIP starts with its first member's local header, or is an empty archive's end record.
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
# bzip2 is left out: zipfile unpacks it without a bound, and a few bytes can fill the memory.
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA}
# Small steps keep memory low even where a member unpacks to more than its stated size.
CHUNK = 16 * 1024
# What zipfile raises for a damaged archive, from its directory to the last member's checksum.
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    OverflowError,
    RuntimeError,
    NotImplementedError,
    struct.error,
)

ZIP_EMPTY = gettext_lazy("This ZIP archive holds no files.")
ZIP_ENCRYPTED = gettext_lazy(
    "This ZIP archive is protected by a password. Please upload it without one; nothing from "
    "it was added."
)
ZIP_METHOD = gettext_lazy(
    "This ZIP archive uses a compression method the site cannot unpack. Please pack the photos "
    "again with your computer's own ZIP function; nothing from it was added."
)
ZIP_DAMAGED = gettext_lazy(
    "This ZIP archive is damaged or incomplete and cannot be unpacked; nothing from it was added."
)


@dataclass
class Outcome:
    name: str
    error: str = ""


def display_name(name):
    """A file name fit to show back to the editor: no folders, no control characters."""
    return CONTROL_CHARACTERS.sub("", os.path.basename(name.replace("\\", "/")))[:120]


def is_zip(upload):
    """A ZIP by its structure from the first byte: a photo with an archive behind it is a
    photo, and the sanitiser keeps only the image."""
    upload.seek(0)
    start = upload.read(len(ZIP_SIGNATURES[0]))
    upload.seek(0)
    return start in ZIP_SIGNATURES


def photo_files(uploads):
    """(name, file or error message) for every photo in the uploads, ZIP archives unpacked."""
    for upload in uploads:
        if is_zip(upload):
            yield from archive_files(upload)
        else:
            yield display_name(upload.name), upload


def archive_files(upload):
    try:
        archive = zipfile.ZipFile(upload)
    except ARCHIVE_ERRORS:
        yield display_name(upload.name), str(ZIP_DAMAGED)
        return
    with archive:
        members = [member for member in archive.infolist() if not member.is_dir()]
        problem = zip_problem(archive, members)
        if problem:
            yield display_name(upload.name), problem
            return
        for member in members:
            name = display_name(member.filename)
            if member.file_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
                yield name, too_big(member.file_size)
                continue
            yield name, ContentFile(b"".join(chunks(archive, member)), name=name)


def zip_problem(archive, members):
    """What keeps the whole archive out, checked before any photo of it is stored."""
    if not members:
        return str(ZIP_EMPTY)
    if len(members) > MAX_ZIP_MEMBERS:
        return _("This ZIP archive holds %(count)s files; at most %(limit)s are allowed.") % {
            "count": len(members),
            "limit": MAX_ZIP_MEMBERS,
        }
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_ZIP_BYTES:
        return _("This ZIP archive unpacks to %(size)s; at most %(limit)s are allowed.") % {
            "size": filesizeformat(unpacked),
            "limit": filesizeformat(MAX_ZIP_BYTES),
        }
    if any(member.flag_bits & 0x1 for member in members):
        return str(ZIP_ENCRYPTED)
    if any(member.compress_type not in READABLE_METHODS for member in members):
        return str(ZIP_METHOD)
    try:
        for member in members:
            for _chunk in chunks(archive, member):  # to the end, where the checksum is checked
                pass
    except ARCHIVE_ERRORS:
        return str(ZIP_DAMAGED)
    return ""


def chunks(archive, member):
    with archive.open(member) as source:
        yield from iter(functools.partial(source.read, CHUNK), b"")


def too_big(size):
    return _("This file is too big (%(size)s); at most %(limit)s are allowed.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE),
    }


def exhibition_collection(page):
    """The exhibition's own collection, below a collection for all exhibitions."""
    root = Collection.get_first_root_node()
    section = root.get_children().filter(name="Ausstellungen").first() or root.add_child(
        name="Ausstellungen"
    )
    title = page.title[:255]
    return section.get_children().filter(name=title).first() or section.add_child(name=title)


def add_to_gallery(page, uploads, user, extend=None):
    """Adds every valid photo to the end of the gallery draft; returns an outcome for every
    file and the draft's revision (None when no photo was added).

    The photos are checked and their files stored first, outside any transaction, so SQLite's
    write lock is not held while they are sanitised; then the images, the gallery and the draft
    are saved in one transaction. If anything fails, no image is left that is in no gallery:
    the transaction rolls back and the files stored so far are deleted.

    `extend` is the id of the revision an earlier request of the same upload returned: that
    draft is extended in place, where that hides nothing (see `revision_to_extend`), so an
    upload of many files one by one leaves one revision, not one per file.
    """
    stored = []
    revision = None
    try:
        images, outcomes = store_photos(uploads, user, stored)
        if images:
            with transaction.atomic():
                revision = add_images(page, images, user, extend)
    except BaseException:
        for file in stored:
            with contextlib.suppress(OSError):
                file.storage.delete(file.name)
        raise
    return outcomes, revision


def store_photos(uploads, user, stored):
    """The valid photos as unsaved images whose files are stored (and listed in `stored`),
    and an outcome for every file."""
    field = ImageUploadField()
    images = []
    outcomes = []
    for name, file in photo_files(uploads):
        if isinstance(file, str):
            outcomes.append(Outcome(name, file))
            continue
        try:
            sanitised = field.clean(file)
        except ValidationError as error:
            outcomes.append(Outcome(name, " ".join(error.messages)))
            continue
        metadata = sanitised.metadata
        image = CustomImage(
            file=sanitised,
            uploaded_by_user=user,
            **{**metadata, "title": neutral_title(metadata)},
        )
        try:
            image.store_file()
        except ValidationError as error:  # the storage is full or read-only
            outcomes.append(Outcome(name, " ".join(error.messages)))
            continue
        stored.append(image.file)
        images.append(image)
        outcomes.append(Outcome(name))
    return images, outcomes


def revision_to_extend(page, revision_id, user):
    """The revision to overwrite with the extended draft, if that loses nothing: still the
    page's latest, made by this user, neither live nor scheduled nor in moderation."""
    revision = page.latest_revision
    if (
        revision is None
        or str(revision.pk) != str(revision_id)
        or revision.user_id != user.pk
        or revision.pk == page.live_revision_id
        or revision.approved_go_live_at is not None
        or page.workflow_in_progress
    ):
        return None
    return revision


def add_images(page, images, user, extend=None):
    # Read again, locked: another upload may have saved a draft since this request began.
    page = ExhibitionPage.objects.select_for_update().get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    collection = exhibition_collection(page)
    photos = list(draft.gallery_photos.all())
    for image in images:
        image.collection = collection
        image.save()
        photos.append(
            GalleryPhoto(
                image=image,
                caption=image.caption[:300],
                photographer=image.creator[:200],
            )
        )
    for position, photo in enumerate(photos):
        photo.sort_order = position
    draft.gallery_photos.set(photos)
    overwrite = revision_to_extend(page, extend, user) if extend else None
    return draft.save_revision(user=user, log_action=True, overwrite_revision=overwrite)
