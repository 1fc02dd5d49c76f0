import errno
import functools
import os
import secrets

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Filter,
    Image,
    WagtailImageField,
    get_rendition_upload_to,
    get_upload_to,
)
from wagtail.search import index

from website import page_cache

from .storage import private_storage
from .uploads import SanitisedImageFile, sanitise

# Storage faults an editor can be told about: the disk (or quota) is full, or mounted read-only.
STORAGE_FULL = _(
    "The photo could not be stored: the storage is full. Nothing was saved; please tell the "
    "site administrator."
)
STORAGE_READ_ONLY = _(
    "The photo could not be stored: the storage is read-only. Nothing was saved; please tell "
    "the site administrator."
)
STORAGE_FAULTS = {
    errno.ENOSPC: STORAGE_FULL,
    errno.EDQUOT: STORAGE_FULL,
    errno.EROFS: STORAGE_READ_ONLY,
}


@functools.cache
def filter_for(spec):
    """One Filter per spec, its operations parsed once: galleries ask for hundreds."""
    return Filter(spec=spec)


def image_field(verbose_name, help_text=""):
    """A model's link to an image: optional, and emptied if the image is deleted."""
    return models.ForeignKey(
        "images.CustomImage",
        verbose_name=verbose_name,
        help_text=help_text,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def private_file_field(upload_to):
    return WagtailImageField(
        verbose_name=_("file"),
        upload_to=upload_to,
        width_field="width",
        height_field="height",
        storage=private_storage,
        db_index=True,  # the file view finds images and renditions by name
    )


class ImageUse(models.Model):
    """One use of an image in a page's inline list: its caption and alternative text there.

    A draft may lack the alternative text; the page form asks for it only to publish.
    """

    image = models.ForeignKey(
        "images.CustomImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the photo adds nothing; it then has no alternative text."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.caption or str(self.image)

    @property
    def alt(self):
        return "" if self.decorative else self.alt_text


class CustomImage(AbstractImage):
    """A photo with the credit, licence and the editor-useful metadata read from its file.

    The original is stored without metadata, under a random name, in private storage.
    """

    file = private_file_field(get_upload_to)

    credit = models.CharField(
        _("credit / photographer"),
        max_length=255,
        blank=True,
        help_text=_("Shown beside the photo, for example “Foto: Anna Beispiel”."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=255,
        blank=True,
        help_text=_("For example “CC BY 4.0” or “all rights reserved”."),
    )
    date_taken = models.DateTimeField(_("date taken"), null=True, blank=True)
    creator = models.CharField(_("creator"), max_length=255, blank=True)
    caption = models.TextField(_("caption"), blank=True)
    copyright = models.CharField(_("copyright"), max_length=255, blank=True)
    faces_unrecognisable = models.BooleanField(
        _("faces made unrecognisable"),
        default=False,
        help_text=_("Tick if the faces in this image were made unrecognisable (blurred, cropped)."),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "credit",
        "licence",
        "creator",
        "caption",
        "copyright",
        "date_taken",
        "faces_unrecognisable",
    )

    # The library's listing and chooser search these too: editors look for a photo by what
    # it shows and by who made it.
    search_fields = [
        *AbstractImage.search_fields,
        *(
            field
            for name in ("caption", "creator", "copyright", "credit")
            for field in (index.SearchField(name), index.AutocompleteField(name))
        ),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    def get_upload_to(self, filename):
        # Whatever the uploader called the file, no part of that name is kept.
        extension = os.path.splitext(filename)[1].lower()
        return f"originals/{secrets.token_hex(16)}{extension}"

    # True from the moment store_file() wrote a new file until the row is saved.
    file_stored_unsaved = False

    def store_file(self):
        """Writes a new file to storage before any row is, so a full or read-only disk is a
        ValidationError for the file (the editor's form shows it), not a server error.

        Nothing is left behind: the private storage removes a partly written file, and save()
        the file whose row then fails.
        """
        if not self.file or self.file._committed:
            return
        if not isinstance(self.file.file, SanitisedImageFile):
            # Files from code (imports, the demo) pass the same sanitiser as admin uploads.
            self.file = sanitise(self.file.file)
            for name, value in self.file.file.metadata.items():
                if not getattr(self, name):
                    setattr(self, name, value)
        try:
            self.file.save(self.file.name, self.file.file, save=False)
        except OSError as error:
            if error.errno not in STORAGE_FAULTS:
                raise
            raise ValidationError(
                {"file": STORAGE_FAULTS[error.errno]}, code="storage_fault"
            ) from error
        self.file_stored_unsaved = True

    def save(self, *args, **kwargs):
        from .renditions import UPLOAD_SPECS, queue

        update_fields = kwargs.get("update_fields")
        if update_fields is None or "file" in update_fields:
            self.store_file()
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
        except BaseException:
            if self.file_stored_unsaved:
                # No row will ever name the new file: it goes too.
                self.file_stored_unsaved = False
                self.file.storage.delete(self.file.name)
            raise
        if self.file_stored_unsaved:
            self.file_stored_unsaved = False
            queue(self, UPLOAD_SPECS)

    def get_rendition(self, filter):
        if isinstance(filter, str):
            filter = filter_for(filter)
        return self.get_renditions(filter)[filter.spec]

    def get_renditions(self, *filters):
        """Wagtail's lookup, except that a missing rendition is queued, never made here.

        Until the task worker has made it, a placeholder of the right size stands in.
        """
        from .renditions import queue

        Rendition = self.get_rendition_model()
        filters = list(dict.fromkeys(filter_for(f) if isinstance(f, str) else f for f in filters))
        found = self.find_existing_renditions(*filters)
        missing = [f for f in filters if f not in found]
        if missing:
            queue(self, [f.spec for f in missing])
            if self._get_prefetched_renditions() is None:
                # A task backend that runs at once (development) has made them by now.
                found.update(self.find_existing_renditions(*missing))
        new_in_cache = {
            Rendition.construct_cache_key(self, f.get_cache_key(self), f.spec): rendition
            for f, rendition in found.items()
            if not getattr(rendition, "_from_cache", False)
        }
        if new_in_cache:
            Rendition.cache_backend.set_many(new_in_cache)
        return {f.spec: found[f] if f in found else Rendition.placeholder(self, f) for f in filters}


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, related_name="renditions", on_delete=models.CASCADE)
    file = private_file_field(get_rendition_upload_to)

    is_placeholder = False

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    @classmethod
    def placeholder(cls, image, filter):
        """A stand-in of the rendition's size, while the task worker makes the real one."""
        width, height = filter.get_transform(image).size
        rendition = cls(
            image=image,
            filter_spec=filter.spec,
            focal_point_key=filter.get_cache_key(image),
            width=width,
            height=height,
        )
        rendition.is_placeholder = True
        page_cache.mark_incomplete()
        return rendition

    @property
    def url(self):
        if self.is_placeholder:
            return static("images/placeholder.svg")
        return super().url
