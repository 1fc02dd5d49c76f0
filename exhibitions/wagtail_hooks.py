from django.urls import path

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.images import renditions

from . import views
from .models import ExhibitionPage, Venue, with_first_photos


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


@hooks.register("construct_project_page_context")
def add_project_exhibitions(page, context):
    exhibitions = list(page.related(ExhibitionPage).order_by("-start_date"))
    with_first_photos(exhibitions)
    renditions.prefetch([item.card_image for item in exhibitions], "card")
    context["exhibitions"] = exhibitions
