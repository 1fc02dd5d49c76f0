"""The admin's multiple upload of images and documents, without Wagtail's raw fallback.

When a file is fine but another field of the upload form fails (a title too long, a collection
the editor may not use), Wagtail keeps the file as it was sent, metadata and file name included,
in the public default storage (`wagtail_uploads/`) and asks for the other fields later. Our
image and document models have no further field to ask for: such an upload is refused, with
what failed, and nothing is stored.
"""

from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.documents.views import multiple as document_views
from wagtail.images.views import multiple as image_views


class AllOrNothingUploadForm:
    """Mixed into an upload form: an error in any field refuses the file too."""

    def full_clean(self):
        super().full_clean()
        if self.errors and "file" not in self.errors:
            self.add_error("file", self.problems())

    def problems(self):
        found = []
        for name, messages in self.errors.items():
            field = self.fields.get(name)
            for message in messages:
                if field is None:
                    found.append(message)
                else:
                    found.append(
                        _("The file was not stored, because “%(field)s” is not valid: %(error)s")
                        % {"field": field.label, "error": message}
                    )
        return found


class AllOrNothingAddView:
    """For Wagtail's multiple upload views: a file is stored with all its fields, or not at all."""

    def get_upload_form_class(self):
        form_class = super().get_upload_form_class()
        return type(form_class.__name__, (AllOrNothingUploadForm, form_class), {})

    def get_invalid_response_data(self, form):
        data = super().get_invalid_response_data(form)
        # The admin's script inserts the message as HTML.
        data["error_message"] = escape(data["error_message"])
        return data


class ImageAddView(AllOrNothingAddView, image_views.AddView):
    pass


class DocumentAddView(AllOrNothingAddView, document_views.AddView):
    pass
