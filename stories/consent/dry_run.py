"""What a change would take down, found by making it and rolling it back.

The change runs inside a transaction that is always rolled back: the takedowns it schedules
(transaction.on_commit) are discarded with it, so nothing is deleted, purged or queued.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page

from ..models import Participant
from .showing import objects_showing
from .shown import problems


@dataclass
class Preview:
    """The live pages and the photos with renditions that saving would take down."""

    pages: list = field(default_factory=list)
    images: list = field(default_factory=list)
    participants: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.pages or self.images)


def _images_taken_down(participant, on):
    """The photos take_down() would take down for this participant (same rules)."""
    images = get_image_model().objects.filter(participants=participant)
    if not participant.has_valid_consent(on=on):
        return images, {participant.pk}
    if not participant.face_may_be_visible(on):
        return images.filter(faces_unrecognisable=False), set()
    return images.none(), set()


def would_take_down(change, participant_ids, on=None):
    """Run `change()`, then find what the takedowns of these participants would take down."""
    on = on or timezone.localdate()
    preview = Preview()
    rendition_model = get_image_model().get_rendition_model()
    with transaction.atomic():
        change()
        page_ids = set()
        for participant in Participant.objects.prefetch_related("consents").filter(
            pk__in=participant_ids
        ):
            images, shown_ids = _images_taken_down(participant, on)
            image_ids = set(images.values_list("pk", flat=True))
            pages, _records = objects_showing(image_ids, shown_ids)
            # The photos still shown somewhere: those with renditions to delete.
            rendered = rendition_model.objects.filter(image_id__in=image_ids)
            images = list(
                get_image_model().objects.filter(pk__in=rendered.values("image_id")).order_by("pk")
            )
            found = [
                page
                for page in Page.objects.live().filter(pk__in=pages - page_ids).specific()
                if problems(page, on)
            ]
            if found or images:
                preview.participants.append(participant)
            page_ids.update(page.pk for page in found)
            preview.pages.extend(found)
            preview.images.extend(i for i in images if i not in preview.images)
        transaction.set_rollback(True)
    preview.pages.sort(key=lambda page: (page.title, page.locale_id))
    return preview
