from django.urls import path
from django.utils import timezone
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.images import renditions
from website.snippet_choosers import OriginalsChooserViewSet

from . import views
from .models import ExhibitionIndexPage, ExhibitionPage, Venue, with_first_photos


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "address"]
    # Translated through the listing's "Translate"; pages choose the originals only.
    chooser_viewset_class = OriginalsChooserViewSet
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


@hooks.register("after_edit_page")
def say_which_photos_were_kept(request, page):
    kept = getattr(page, "photos_kept_from_elsewhere", 0)
    if kept:
        messages.info(
            request,
            ngettext(
                "%(count)s photo added in another window since you opened this page was kept "
                "at the end of the gallery.",
                "%(count)s photos added in another window since you opened this page were kept "
                "at the end of the gallery.",
                kept,
            )
            % {"count": kept},
        )


@hooks.register("construct_project_page_context")
def add_project_exhibitions(page, context):
    exhibitions = list(page.related(ExhibitionPage).order_by("-start_date"))
    with_first_photos(exhibitions)
    renditions.prefetch([item.card_image for item in exhibitions], "card")
    context["exhibitions"] = exhibitions


@hooks.register("construct_home_page_context")
def add_home_exhibitions(page, context):
    """What is on now (else what comes next), with images; the first one's photo opens the home
    page when the editor chose no key visual of their own."""
    today = timezone.localdate()
    published = ExhibitionPage.objects.live().public().filter(locale_id=page.locale_id)
    published = published.select_related("venue", "listing_image")
    current = published.filter(start_date__lte=today).exclude(end_date__lt=today)
    upcoming = published.filter(start_date__gt=today)
    exhibitions = [*current.order_by("-start_date"), *upcoming.order_by("start_date")][:3]
    with_first_photos(exhibitions)
    renditions.prefetch([item.card_image for item in exhibitions], "card", "photo")
    context["home_exhibitions"] = exhibitions
    context["exhibition_index"] = (
        ExhibitionIndexPage.objects.live().public().filter(locale_id=page.locale_id).first()
    )
    if context.get("key_visual") is None and exhibitions:
        context["key_visual"] = exhibitions[0].card_image
        context["key_visual_page"] = exhibitions[0]
