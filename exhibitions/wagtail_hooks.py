from django.urls import path

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .models import Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "address"]
    # No search_fields: the model's index (name and address) is searched, as in the chooser.


register_snippet(VenueViewSet)


@hooks.register("register_admin_urls")
def register_bulk_upload_url():
    return [
        path(
            "ausstellungen/<int:page_id>/fotos/",
            views.add_photos,
            name="exhibitions_add_photos",
        )
    ]
