"""Alternative text is needed to publish a photo, never to save a draft.

A volunteer describes a gallery photo by photo: the draft keeps whatever is done so far,
and the form says how many photos still need a description and leads to the first.
"""

from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from website.panels import NounChooserPanel

from .models import ImageUse


def lacks_alt_text(alt_text, decorative):
    return not decorative and not (alt_text or "").strip()


def row_lacks_alt_text(form):
    """Whether a photo row, as the editor left it, is kept and neither described nor decorative."""

    def value(name):
        return form.fields[name].to_python(form[name].value())

    if "DELETE" in form.fields and value("DELETE"):
        return False
    return lacks_alt_text(value("alt_text"), value("decorative"))


def rows_lacking_alt_text(page_form):
    """The photo rows of every image-use formset of the page form that lack alt text."""
    return [
        form
        for formset in page_form.formsets.values()
        if issubclass(formset.model, ImageUse)
        for form in formset.forms
        if row_lacks_alt_text(form)
    ]


def missing_alt_text_message(count):
    return ngettext(
        "%(count)s photo has no alternative text yet. Describe it, or mark it as "
        "decorative, to publish.",
        "%(count)s photos have no alternative text yet. Describe each one, or mark it as "
        "decorative, to publish.",
        count,
    ) % {"count": count}


class PhotoRowsPanel(NounChooserPanel):
    """Photo rows that say, above them, how many still lack alt text, with a link to the first."""

    class BoundPanel(NounChooserPanel.BoundPanel):
        def render_html(self, parent_context=None):
            html = super().render_html(parent_context)
            if self.form is None:
                return html
            lacking = [form for form in self.formset.forms if row_lacks_alt_text(form)]
            if not lacking:
                return html
            notice = format_html(
                '<p class="help-block help-warning" data-alt-text-missing="{}">{} '
                '<a href="#{}">{}</a></p>',
                len(lacking),
                missing_alt_text_message(len(lacking)),
                lacking[0]["alt_text"].id_for_label,
                gettext("Go to the first photo without alternative text"),
            )
            return format_html("{}{}", notice, html)
