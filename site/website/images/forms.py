import os

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from website.file_names import NeutralTitleMixin

from .uploads import sanitise

EDITOR_METADATA_FIELDS = ("creator", "caption", "copyright", "date_taken")
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/heic,.heic"


class ImageUploadField(WagtailImageField):
    """Validates an uploaded photo completely, then hands on its sanitised copy.

    Wagtail's own field reads only the header and lets Willow decode the file later, so a
    damaged photo turns into a server error (wagtail#1354); this one decodes the file once,
    here, and says what is wrong. Its limits and texts, which the admin's upload pages show,
    are Wagtail's, from the same settings.
    """

    default_error_messages = {
        "too_big": gettext_lazy("This file is too big (%(size)s); at most %(limit)s are allowed."),
        "extension": gettext_lazy("Photos must be JPEG, PNG, WebP or HEIC files."),
    }

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPTED_TYPES}

    def to_python(self, data):
        # Django's file checks only: Willow's header check would be a second, partial decode.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        if upload.size > self.max_upload_size:
            raise forms.ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": self.max_upload_size_text,
                },
            )
        extension = os.path.splitext(upload.name)[1].lstrip(".").lower()
        if extension not in self.allowed_image_extensions:
            raise forms.ValidationError(self.error_messages["extension"], code="extension")
        return sanitise(upload, check_extension=True)


def neutral_title(metadata):
    """A title that tells nothing the uploader's file name said: the photo's own title or
    caption, if its metadata has one."""
    named = metadata.get("title") or metadata.get("caption")
    if named:
        return named[:255]
    taken = metadata.get("date_taken") or timezone.now()
    return _("Photo of %(date)s") % {
        "date": formats.date_format(timezone.localtime(taken), "SHORT_DATE_FORMAT")
    }


def has_neutral_title(image):
    """Whether the image still has the title `neutral_title` gave it, in any of the site's
    languages: it came without caption and nobody has named it since."""
    taken = image.date_taken or image.created_at
    if not taken:
        return False
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            if image.title == neutral_title({"date_taken": taken}):
                return True
    return False


class ImageForm(NeutralTitleMixin, BaseImageForm):
    """Wagtail's image form, with every new file validated and sanitised before it is stored.

    The admin's upload scripts copy the file name into the title; file names often carry a
    person's name, so such a title is replaced. Other apps add to the form through two hooks:
    `construct_image_form`, a function of the form and the editor (stories: whom the photo
    shows, among those the editor may choose), and `save_image_form`, a function of the form
    called once the image is saved (stories: stores whom it shows).
    """

    def __init__(self, *args, **kwargs):
        user = kwargs.get("user")  # the editor, where the admin's view names one
        super().__init__(*args, **kwargs)
        for construct in hooks.get_hooks("construct_image_form"):
            construct(self, user)
        if "file" in self.fields:
            old = self.fields["file"]
            self.fields["file"] = ImageUploadField(
                label=old.label, required=old.required, widget=old.widget, help_text=old.help_text
            )

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if "file" not in self.changed_data or not hasattr(upload, "metadata"):
            return cleaned_data
        for name in EDITOR_METADATA_FIELDS:
            if name in self.fields and not cleaned_data.get(name) and name in upload.metadata:
                cleaned_data[name] = upload.metadata[name]
        if self.title_from_file_name:
            cleaned_data["title"] = neutral_title(upload.metadata)
        return cleaned_data

    def _save_m2m(self):
        super()._save_m2m()
        for save in hooks.get_hooks("save_image_form"):
            save(self)

    def _post_clean(self):
        super()._post_clean()
        if not self.errors and "file" in self.changed_data:
            # Stored now, while a full or read-only disk can still be a form error.
            try:
                self.instance.store_file()
            except forms.ValidationError as error:
                self.add_error(None, error)
