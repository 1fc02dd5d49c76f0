from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

from website.images.alt_text import missing_alt_text_message, rows_lacking_alt_text
from website.images.choosing import ChosenMediaFormMixin


class BasePageForm(ChosenMediaFormMixin, WagtailAdminPageForm):
    """The form of every page: the images it saves are ones the editor may choose.

    Photo rows need alternative text to publish, submit or approve; saving a draft
    (Wagtail defers required fields then, autosave included) keeps them as they are.
    """

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            lacking = rows_lacking_alt_text(self)
            for form in lacking:
                form.add_error("alt_text", _("Describe the photo, or mark it as decorative."))
            if lacking:
                self.add_error(None, missing_alt_text_message(len(lacking)))
        return cleaned_data


class SameLocaleChoicesPageForm(BasePageForm):
    """Offers, in the fields the page names, only pages of its own language.

    The pages of other languages are their translations; links between them follow
    `translation_key`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if not locale_id:
            return
        for name in self.instance.same_locale_choices:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale_id=locale_id).order_by("title")
