from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.images.alt_text import missing_alt_text_message

from . import alt_text_gate
from .models import FooterText


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "list-ul"
    menu_label = _("Footer")
    add_to_settings_menu = True


register_snippet(FooterTextViewSet)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_alt_text(request, action_type, objects, action_class_instance):
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    for page in objects:
        count = alt_text_gate.photos_lacking_alt_text(page.specific.get_latest_revision_as_object())
        if count:
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            messages.error(
                request,
                f"{page.get_admin_display_title()}: {missing_alt_text_message(count)}",
                buttons=[messages.button(edit_url, _("Edit"))],
            )
            return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))
    return None


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(alt_text_gate.REFUSED)
    class RefusedFormatter(LogFormatter):
        label = _("Publishing refused (alternative text)")

        def format_message(self, log_entry):
            return missing_alt_text_message((log_entry.data or {}).get("count", 0))
