"""Edit and delete views that ask before a change takes something down (consent/dry_run.py).

A save that would take down live pages or photos re-renders the form with the editor's input
and a confirmation listing them; only a second submit carrying CONFIRM_FIELD saves. Cancel is a
link to the unchanged edit form. After saving, the message names what was taken down and links
each participant's history.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.admin import messages
from wagtail.images.views.images import EditView as ImageEditView
from wagtail.images.views.multiple import EditView as MultipleImageEditView
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import EditView as SnippetEditView

from .consent.dry_run import would_take_down
from .models import Consent, Participant

CONFIRM_FIELD = "confirm_takedown"


def with_takedown_summary(message, takedown):
    """The success message, followed by what was taken down."""
    if not takedown:
        return message
    pages, images = takedown.pages, takedown.images
    parts = []
    if pages:
        titles = ", ".join(f"{page.title} ({page.locale.language_code})" for page in pages)
        parts.append(
            ngettext(
                "%(count)d live page (%(titles)s)",
                "%(count)d live pages (%(titles)s)",
                len(pages),
            )
            % {"count": len(pages), "titles": titles}
        )
    if images:
        parts.append(
            ngettext("%(count)d photo", "%(count)d photos", len(images)) % {"count": len(images)}
        )
    taken_down = _("Taken down: %(what)s.") % {"what": "; ".join(parts)}
    return f"{message} {taken_down}"


def photo_change(image, faces_unrecognisable, participants):
    """A change of whom a photo shows and how (to be rolled back), and whom it concerns."""

    def change():
        type(image).objects.filter(pk=image.pk).update(faces_unrecognisable=faces_unrecognisable)
        image.participants.set(participants)

    return change, [participant.pk for participant in participants]


class ConfirmTakedownMixin:
    takedown = None

    def takedown_change(self, form):
        """A function making the form's change (to be rolled back), and whom it concerns."""
        raise NotImplementedError

    def form_valid(self, form):
        self.takedown = would_take_down(*self.takedown_change(form))
        if self.takedown and CONFIRM_FIELD not in self.request.POST:
            self.form = form
            return self.render_to_response(self.get_context_data(form=form, takedown=self.takedown))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["confirm_field"] = CONFIRM_FIELD
        context["cancel_url"] = self.request.path
        return context

    def get_success_message(self):
        return with_takedown_summary(super().get_success_message(), self.takedown)

    def get_success_buttons(self):
        buttons = super().get_success_buttons()
        for participant in self.takedown.participants if self.takedown else []:
            url = reverse("wagtailsnippets_stories_participant:history", args=[participant.pk])
            label = _("History of %(participant)s") % {"participant": participant}
            buttons.append(messages.button(url, label))
        return buttons


class ConfirmingImageEditView(ConfirmTakedownMixin, ImageEditView):
    template_name = "stories/admin/image_edit.html"

    def takedown_change(self, form):
        image = form.instance  # carries the posted values, not yet saved
        participants = form.cleaned_data.get("participants")
        if participants is None:
            participants = Participant.objects.filter(images=image)
        return photo_change(image, image.faces_unrecognisable, participants)


class ConfirmingParticipantEditView(ConfirmTakedownMixin, SnippetEditView):
    template_name = "stories/admin/participant_edit.html"

    def takedown_change(self, form):
        # A second form on a fresh copy: saving changes the first form's objects (new pks,
        # deleted consents) in memory. Without the files, no upload is stored by the dry run.
        kwargs = self.get_form_kwargs()
        kwargs.update(instance=Participant.objects.get(pk=self.object.pk), files=None)
        dry_form = self.get_form_class()(**kwargs)

        def change():
            if dry_form.is_valid():
                dry_form.save()

        return change, [self.object.pk]


def would_take_down_on_deleting(participant_ids):
    """What deleting these records takes down: without its record, a person counts as having
    no consent at all (consent/receivers.py)."""
    consents = Consent.objects.filter(participant_id__in=participant_ids)
    return would_take_down(consents.delete, participant_ids)


class ListsDeletionTakedown:
    """A deletion of participant records whose confirmation lists what it takes down, and
    whose message says what went."""

    takedown = None

    def deleted_participant_ids(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        takedown = would_take_down_on_deleting(self.deleted_participant_ids())
        return {**super().get_context_data(**kwargs), "takedown": takedown}

    def form_valid(self, form):
        self.takedown = would_take_down_on_deleting(self.deleted_participant_ids())
        return super().form_valid(form)

    def get_success_message(self, *args):  # the bulk action's is given the counts
        return with_takedown_summary(super().get_success_message(*args), self.takedown)


class ParticipantDeleteView(ListsDeletionTakedown, SnippetDeleteView):
    template_name = "stories/admin/participant_delete.html"

    def deleted_participant_ids(self):
        return [self.object.pk]


class RefuseTakedownForm:
    """An image form that cannot show a confirmation refuses a change that takes something
    down, and sends the editor to the photo's own form, which lists it and asks."""

    def clean(self):
        cleaned_data = super().clean()
        image = self.instance
        shown = list(image.participants.all())
        faces = cleaned_data.get("faces_unrecognisable", image.faces_unrecognisable)
        if shown and would_take_down(*photo_change(image, faces, shown)):
            raise ValidationError(
                _(
                    "Saving this would take down live pages or photos showing someone in this "
                    "photo. Change it on the photo's own page, which lists them and asks first."
                )
            )
        return cleaned_data


class GuardedMultipleImageEditView(MultipleImageEditView):
    """The form of each photo after a multiple upload answers in JSON and cannot ask first."""

    def get_edit_form_class(self):
        form_class = super().get_edit_form_class()
        return type(form_class.__name__, (RefuseTakedownForm, form_class), {})


class ParticipantBulkDeleteAction(ListsDeletionTakedown, DeleteBulkAction):
    """Deleting several records from the listing lists what that takes down, as one does."""

    models = [Participant]
    template_name = "stories/admin/participant_bulk_delete.html"

    def deleted_participant_ids(self):
        participants, _without_access = self.get_actionable_objects()
        return [participant.pk for participant in participants]
