"""The chooser of a translated snippet lists the originals only: pages point at those and show
their translation in the page's language (see `website.translatable`)."""

from wagtail.models import Locale
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)


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
