"""The gallery panel: one compact, foldable row per photo, reordered by number, drag or keys."""

import re

from django import forms

from wagtail.images.widgets import AdminImageChooser

from website.images.alt_text import PhotoRowsPanel


class GalleryImageChooser(AdminImageChooser):
    """The image chooser, its preview (the admin thumbnail made at upload) loaded lazily."""

    template_name = "exhibitions/admin/gallery_image_chooser.html"

    def render_html(self, name, value_data, attrs):
        # Once per photo: the indentation of Wagtail's templates would weigh 300 bytes each.
        return re.sub(r"\s*\n\s*", " ", super().render_html(name, value_data, attrs))


class GalleryPanel(PhotoRowsPanel):
    """Wagtail's multiple chooser panel with light rows: a 150-photo gallery stays usable.

    Each row is one line (thumbnail, number, caption, alt text status) that unfolds on demand;
    the fields are rendered without Wagtail's per-field furniture, whose comment buttons do
    nothing inside an inline panel anyway.
    """

    class BoundPanel(PhotoRowsPanel.BoundPanel):
        template_name = "exhibitions/admin/gallery_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            # Help texts are shown once, above the rows, and each row's field points to them.
            for child in [*self.children, self.empty_child]:
                for field in child.form.visible_fields():
                    if field.help_text:
                        field.field.widget.attrs["aria-describedby"] = self.help_id(field.name)

        def help_id(self, field_name):
            return f"{self.formset.prefix}-{field_name}-HELP"

        @property
        def field_help(self):
            return [
                (self.help_id(field.name), field.label, field.help_text)
                for field in self.empty_child.form.visible_fields()
                if field.help_text
            ]

        @property
        def media(self):
            return super().media + forms.Media(
                js=["js/gallery-panel.js"], css={"all": ["css/gallery-panel.css"]}
            )
