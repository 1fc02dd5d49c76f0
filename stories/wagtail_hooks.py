from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
)
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from website.images import renditions
from website.images.choosing import ChosenMediaForm
from website.snippet_choosers import SnippetChooserViewSet

from . import admin_views, consent
from .models import Participant, Status, StoryIndexPage, StoryPage
from .sections import participants_offered_to
from .takedown_views import (
    ConfirmingImageEditView,
    ConfirmingParticipantEditView,
    GuardedMultipleImageEditView,
    ParticipantBulkDeleteAction,
    ParticipantDeleteView,
)

CONSENT_PERMISSION = "stories.change_consent"


class ParticipantForm(ChosenMediaForm):
    """Consent records are part of the form only for the consent team."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.for_user and admin_views.may_edit_consent(self.for_user)):
            # Without the formset, nothing posted about consents is read or saved.
            self.formsets.pop("consents", None)


class ConsentsPanel(InlinePanel):
    """The consent records, shown only where the form carries them."""

    class HiddenBoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return False

    def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
        if form is not None and self.relation_name not in form.formsets:
            return self.HiddenBoundPanel(
                panel=self, instance=instance, request=request, form=form, prefix=prefix
            )
        return super().get_bound_panel(instance, request, form, prefix)


class StatusPanel(Panel):
    """The website consent's state, read-only, for every editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            saved = self.instance is not None and self.instance.pk
            context["status"] = self.instance.status if saved else Status.NONE
            return context


class SignedForm:
    """How a stored form is shown in its field: a link to the consent team's download view."""

    def __init__(self, url):
        self.url = url

    def __str__(self):
        return str(_("signed form"))


class ConsentFormInput(forms.ClearableFileInput):
    def format_value(self, value):
        consent = getattr(value, "instance", None)
        if value and consent is not None and consent.pk:
            return SignedForm(reverse("stories_consent_form", args=[consent.pk]))
        return super().format_value(value)


participant_panels = [
    FieldPanel("pseudonym"),
    StatusPanel(heading=_("Consent status")),
    FieldPanel("languages"),
    FieldPanel("sub_project"),
    FieldPanel("portrait"),
    MultiFieldPanel(
        [
            FieldPanel("real_name", permission=CONSENT_PERMISSION),
            FieldPanel("contact", permission=CONSENT_PERMISSION),
        ],
        heading=_("Internal"),
    ),
    ConsentsPanel(
        "consents",
        heading=_("Consents"),
        label=_("Consent"),
        panels=[
            FieldPanel("scope"),
            FieldRowPanel([FieldPanel("face"), FieldPanel("name_shown")]),
            FieldRowPanel(
                [FieldPanel("given_on"), FieldPanel("expires_on"), FieldPanel("withdrawn_on")]
            ),
            FieldPanel("form", widget=ConsentFormInput),
            FieldPanel("notes"),
        ],
    ),
]


class ParticipantFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Consent status"), choices=Status.choices, method="filter_status"
    )
    sub_project = django_filters.ModelChoiceFilter(
        label=_("Sub-project"),
        queryset=lambda request: (
            Participant._meta.get_field("sub_project")
            .related_model.objects.filter(locale__language_code="de")
            .order_by("title")
        ),
    )

    class Meta:
        model = Participant
        fields = []

    def filter_status(self, queryset, name, value):
        # The status depends on dates and several records: computed as on the list itself.
        matching = [p.pk for p in queryset.prefetch_related("consents") if p.status == value]
        return queryset.filter(pk__in=matching)


class OfferedParticipants:
    """A chooser view with the participants the editor may choose (stories.sections)."""

    def get_object_list(self):
        return participants_offered_to(self.request.user)

    def get_object(self, pk):
        return self.get_object_list().get(pk=pk)

    def get_objects(self, pks):
        return self.get_object_list().filter(pk__in=pks)


class ConsentColumn:
    """Each person's consent beside their name, where an editor chooses them."""

    def get_object_list(self):
        return super().get_object_list().prefetch_related("consents")

    @property
    def columns(self):
        return [*super().columns, Column("consent_summary", label=_("Consent status"))]


class ParticipantChooseView(ConsentColumn, OfferedParticipants, ChooseView):
    pass


class ParticipantChooseResultsView(ConsentColumn, OfferedParticipants, ChooseResultsView):
    pass


class ParticipantChosenView(OfferedParticipants, SnippetChosenView):
    pass


class ParticipantChosenMultipleView(OfferedParticipants, SnippetChosenMultipleView):
    pass


class ParticipantChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ParticipantChooseView
    choose_results_view_class = ParticipantChooseResultsView
    chosen_view_class = ParticipantChosenView
    chosen_multiple_view_class = ParticipantChosenMultipleView


class ParticipantViewSet(SnippetViewSet):
    model = Participant
    icon = "user"
    # Their own menu item, after Documents, for whoever may open the records (Wagtail checks
    # the participant permissions); their URLs stay those of a snippet.
    add_to_admin_menu = True
    menu_order = 450
    menu_label = _("Participants")
    list_display = [
        "pseudonym",
        "sub_project",
        Column("status_label", label=_("Consent status")),
    ]
    filterset_class = ParticipantFilterSet
    # No search_fields: the model's own index (the pseudonym, nothing else) is searched.
    edit_handler = ObjectList(participant_panels, base_form_class=ParticipantForm)
    chooser_viewset_class = ParticipantChooserViewSet
    edit_view_class = ConfirmingParticipantEditView
    edit_template_name = ConfirmingParticipantEditView.template_name
    delete_view_class = ParticipantDeleteView
    delete_template_name = ParticipantDeleteView.template_name

    def get_queryset(self, request):
        return Participant.objects.select_related("sub_project").prefetch_related("consents")


register_snippet(ParticipantViewSet)
# After Wagtail's own delete action for every snippet, which it replaces for participants.
hooks.register("register_bulk_action", ParticipantBulkDeleteAction, order=1)


class ConsentMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_consent(request.user)


@hooks.register("register_reports_menu_item")
def register_expiring_consents_menu_item():
    return ConsentMenuItem(
        _("Consents expiring soon"),
        reverse("stories_expiring_consents"),
        name="expiring-consents",
        icon_name="warning",
        order=1000,
    )


@hooks.register("register_admin_urls", order=-1)
def ask_before_an_image_save_takes_something_down():
    # Ahead of Wagtail's own image edit views, under their URLs.
    return [
        path(
            "images/<int:image_id>/",
            ConfirmingImageEditView.as_view(),
            name="stories_image_edit",
        ),
        path(
            "images/multiple/<int:image_id>/",
            GuardedMultipleImageEditView.as_view(),
            name="stories_image_edit_multiple",
        ),
    ]


@hooks.register("register_admin_urls")
def register_consent_urls():
    return [
        path(
            "geschichten/einwilligungen/<int:consent_id>/formular/",
            admin_views.consent_form,
            name="stories_consent_form",
        ),
        path(
            "geschichten/einwilligungen/bald-ablaufend/",
            admin_views.ExpiringConsentsView.as_view(),
            name="stories_expiring_consents",
        ),
        path(
            "geschichten/einwilligungen/bald-ablaufend/ergebnisse/",
            admin_views.ExpiringConsentsView.as_view(results_only=True),
            name="stories_expiring_consents_results",
        ),
    ]


@hooks.register("before_publish_page")
def refuse_publishing_without_consent(request, page):
    """Publishing (or scheduling) is refused while the page shows someone without consent.

    The edit view has saved the draft revision already; only publishing is stopped.
    """
    found = consent.problems(page)
    if found:
        messages.error(request, consent.refusal_message(found))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_consent(request, action_type, objects, action_class_instance):
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    for page in objects:
        found = consent.problems(page.specific.get_latest_revision_as_object())
        if found:
            messages.error(
                request, f"{page.get_admin_display_title()}: {consent.refusal_message(found)}"
            )
            return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))
    return None


def participant_with_consent(participant):
    return f"{participant} – {participant.consent_summary}"


@hooks.register("construct_image_form")
def offer_participants_of_own_sections(form, user):
    """The form that describes a photo asks whom it shows (before whether faces were made
    unrecognisable), offering the participants the editor may choose and those already ticked."""
    if not set(form.instance.admin_form_fields) <= set(form._meta.fields or ()):
        return  # a form changing a few fields only leaves whom the photo shows as it is
    chosen = (
        list(form.instance.participants.values_list("pk", flat=True)) if form.instance.pk else []
    )
    offered = participants_offered_to(user, chosen) if user is not None else Participant.objects
    field = forms.ModelMultipleChoiceField(
        offered.prefetch_related("consents"),
        required=False,
        label=_("participants shown"),
        help_text=_("Everyone in the photo who took part in the project."),
        # Pseudonyms to tick, rather than a list to ctrl-click through.
        widget=forms.CheckboxSelectMultiple,
    )
    field.label_from_instance = participant_with_consent
    form.initial.setdefault("participants", chosen)
    fields = list(form.fields.items())
    position = list(form.fields).index("faces_unrecognisable")
    form.fields = dict([*fields[:position], ("participants", field), *fields[position:]])


@hooks.register("save_image_form")
def save_participants_shown(form):
    if "participants" in form.cleaned_data:
        form.instance.participants.set(form.cleaned_data["participants"])


@hooks.register("is_image_blocked")
def shows_someone_without_consent(image):
    """A photo is taken down while it shows someone whose website consent is not valid, or
    shows a face that their consent allows only unrecognisable."""
    for participant in image.participants.prefetch_related("consents"):
        if not participant.has_valid_consent():
            return True
        if not image.faces_unrecognisable and not participant.face_may_be_visible():
            return True
    return False


@hooks.register("may_see_blocked_images")
def consent_team_sees_photos_taken_down(user):
    return admin_views.may_see_consent(user)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    @actions.register_action(consent.TAKEDOWN)
    class TakedownFormatter(LogFormatter):
        label = _("Taken down (consent)")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason")
            if reason:
                return _("Taken down: %(reason)s") % {"reason": consent.REASONS.get(reason, reason)}
            return _("Taken down because someone shown has no valid consent")

    @actions.register_action(consent.REFUSED)
    class RefusedFormatter(LogFormatter):
        label = _("Publishing refused (consent)")

        def format_message(self, log_entry):
            details = " ".join((log_entry.data or {}).get("problems", []))
            return _("Publishing refused: %(details)s") % {"details": details}


@hooks.register("construct_project_page_context")
def add_project_stories(page, context):
    """The newest published stories of this language told by participants of this project."""
    stories = list(
        StoryPage.objects.live()
        .public()
        .filter(
            locale_id=page.locale_id,
            participant__sub_project__translation_key=page.translation_key,
        )
        .select_related("listing_image", "portrait")
        .order_by("-first_published_at", "-pk")[:6]
    )
    renditions.prefetch([story.card_image for story in stories], "card")
    context["stories"] = stories
    context["story_index"] = (
        StoryIndexPage.objects.live().public().filter(locale_id=page.locale_id).first()
    )


@hooks.register("construct_home_page_context")
def add_home_stories(page, context):
    """The three newest published stories of the home page's language."""
    stories = list(
        StoryPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .select_related("participant", "listing_image", "portrait")
        .order_by("-first_published_at", "-pk")[:3]
    )
    renditions.prefetch([story.card_image for story in stories], "card")
    context["latest_stories"] = stories
    context["story_index"] = (
        StoryIndexPage.objects.live().public().filter(locale_id=page.locale_id).first()
    )
