"""Many photos at once into an exhibition's gallery: files or ZIP archives of them.

Every photo passes exactly the validation and sanitising of a single upload; one bad file is
reported and the others are kept.
"""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from wagtail.models import Collection

from website.images.forms import ImageUploadField, neutral_title
from website.images.models import CustomImage
from website.images.uploads import CONTROL_CHARACTERS

from .models import GalleryPhoto

MAX_ZIP_MEMBERS = 200
MAX_ZIP_BYTES = 1024**3


@dataclass
class Outcome:
    name: str
    error: str = ""


def display_name(name):
    """A file name fit to show back to the editor: no folders, no control characters."""
    return CONTROL_CHARACTERS.sub("", os.path.basename(name.replace("\\", "/")))[:120]


def photo_files(uploads):
    """(name, file or error message) for every photo in the uploads, ZIP archives unpacked."""
    for upload in uploads:
        if not zipfile.is_zipfile(upload):
            upload.seek(0)
            yield display_name(upload.name), upload
            continue
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            members = [member for member in archive.infolist() if not member.is_dir()]
            problem = zip_problem(members)
            if problem:
                yield display_name(upload.name), problem
                continue
            for member in members:
                name = display_name(member.filename)
                if member.file_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
                    yield name, too_big(member.file_size)
                    continue
                try:
                    data = archive.read(member)
                except (zipfile.BadZipFile, OSError, EOFError, RuntimeError):
                    yield name, _("This file in the ZIP archive is damaged.")
                    continue
                yield name, ContentFile(data, name=name)


def zip_problem(members):
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
    return ""


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


def add_to_gallery(page, uploads, user):
    """Adds every valid photo to the end of the gallery, in a new draft revision."""
    draft = page.get_latest_revision_as_object()
    collection = exhibition_collection(page)
    field = ImageUploadField()
    photos = list(draft.gallery_photos.all())
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
            title=neutral_title(metadata),
            file=sanitised,
            collection=collection,
            uploaded_by_user=user,
            **{key: value for key, value in metadata.items() if key != "date_taken"},
            date_taken=metadata.get("date_taken"),
        )
        try:
            image.save()
        except ValidationError as error:  # the storage is full or read-only
            outcomes.append(Outcome(name, " ".join(error.messages)))
            continue
        photos.append(
            GalleryPhoto(
                image=image,
                caption=metadata.get("caption", "")[:300],
                photographer=metadata.get("creator", "")[:200],
            )
        )
        outcomes.append(Outcome(name))
    if any(not outcome.error for outcome in outcomes):
        for position, photo in enumerate(photos):
            photo.sort_order = position
        draft.gallery_photos.set(photos)
        draft.save_revision(user=user, log_action=True)
    return outcomes
