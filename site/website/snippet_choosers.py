"""Wagtail's snippet chooser, its words in the language of the editor who reads them."""

from django.utils.functional import lazy
from django.utils.translation import gettext

from wagtail.snippets.views.chooser import SnippetChooserViewSet as WagtailSnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def naming(message, name):
    """Wagtail's message about the snippet, translated when it is shown."""
    return lazy(lambda: gettext(message) % {"object": name}, str)()


class SnippetChooser(AdminSnippetChooser):
    """A snippet's form is made once, when the admin's URLs load, and Wagtail's chooser words its
    buttons right then: an English editor read "Partnerorganisation auswählen" on a person's
    form. These words wait for the request."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model=model, **kwargs)
        name = self.model._meta.verbose_name
        self.choose_one_text = naming("Choose %(object)s", name)
        self.choose_another_text = naming("Choose another %(object)s", name)
        self.link_to_chosen_text = naming("Edit this %(object)s", name)


class SnippetChooserViewSet(WagtailSnippetChooserViewSet):
    base_widget_class = SnippetChooser
