from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website.snippet_choosers import OriginalsChooserViewSet

from .models import PartnerOrganisation, Person


# Each is translated through simple_translation's "Translate" action in the listing; the
# choosers offer the originals in the first language only (see website.translatable).
# Listings and choosers search the models' own index (their AutocompleteFields). No
# search_fields here: SQLite's index has no column per field, so naming fields fails there.
class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "kind", "town", "since_year"]
    list_filter = ["kind", "since_year"]
    chooser_viewset_class = OriginalsChooserViewSet


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    chooser_viewset_class = OriginalsChooserViewSet


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, PartnerOrganisationViewSet)
    menu_icon = "group"
    menu_label = _("People & partners")
    menu_name = "people"


register_snippet(PeopleViewSetGroup)


@hooks.register("is_image_public")
def is_partner_logo(image):
    return PartnerOrganisation.objects.filter(logo=image).exists()
