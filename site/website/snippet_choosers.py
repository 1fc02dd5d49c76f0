"""Wagtail's snippet chooser, worded in the language of the editor who reads it; for translated
snippets, listing the originals only: pages point at those and show their translation in the
page's language (see `website.translatable`)."""

from django.utils.functional import lazy
from django.utils.translation import gettext

from wagtail.models import Locale
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView
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


class OriginalsOnly:
    # No language filter or column: every record offered is in the first language.
    i18n_enabled = False

    def get_object_list(self):
        # By the locale itself: a search filters on the fields its index holds.
        return super().get_object_list().filter(locale=Locale.get_default())


class OriginalsChooseView(OriginalsOnly, ChooseView):
    pass


class OriginalsChooseResultsView(OriginalsOnly, ChooseResultsView):
    pass


class OriginalsChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OriginalsChooseView
    choose_results_view_class = OriginalsChooseResultsView
