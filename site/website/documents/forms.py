from wagtail.documents.forms import BaseDocumentForm

from website.file_names import NeutralTitleMixin

from .models import neutral_title


class DocumentForm(NeutralTitleMixin, BaseDocumentForm):
    """Wagtail's document form. The admin's upload scripts copy the file name into the title;
    file names often carry a person's name, so such a title is replaced."""

    def clean(self):
        cleaned_data = super().clean()
        if self.title_from_file_name:
            cleaned_data["title"] = neutral_title()
        return cleaned_data
