"""Documents under random file names: nothing of the name the uploader gave the file is kept."""

import os
import secrets

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.documents.models import AbstractDocument, Document


def document_path(instance, filename):
    """A random name, with the file's extension if it is one the site accepts."""
    extension = os.path.splitext(filename)[1].lower()
    if extension.lstrip(".") not in settings.WAGTAILDOCS_EXTENSIONS:
        extension = ""
    return f"documents/{secrets.token_hex(16)}{extension}"


def neutral_title(when=None):
    """A title that tells nothing the uploader's file name said."""
    return _("Document of %(date)s") % {
        "date": formats.date_format(timezone.localtime(when), "SHORT_DATE_FORMAT")
    }


class CustomDocument(AbstractDocument):
    """Wagtail's document, stored under a random name and found at an address made from its
    title. Who may add, change or choose documents is still set on Wagtail's own model."""

    file = models.FileField(gettext_lazy("file"), upload_to=document_path)

    admin_form_fields = Document.admin_form_fields

    @property
    def filename(self):
        """The name in the document's address and of its download: the title's, with the
        file's extension."""
        slug = slugify(self.title, allow_unicode=settings.WAGTAIL_ALLOW_UNICODE_SLUGS)
        return (slug[:100].strip("-") or "document") + os.path.splitext(self.file.name)[1]
