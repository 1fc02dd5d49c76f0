from wagtail.admin.panels import MultipleChooserPanel


class NounChooserPanel(MultipleChooserPanel):
    """A multiple chooser panel whose add button keeps its label as written ("Foto
    hinzufügen"): Wagtail's own lowers it, and German nouns are capitalised. Labels are given in
    lower case where the language wants it ("Add photo")."""

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        template_name = "core/admin/noun_chooser_panel.html"
