"""Taking down what shows someone beyond what their consent allows.

What shows the person is removed from every live page, which is republished; a page that still
shows them afterwards (their own story, a block that cannot be cut out) is unpublished. The
photos' renditions are deleted. Nothing is ever put back automatically.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page

from website.core import frontend_cache

from ..models import Participant, Status
from .actions import TAKEDOWN
from .report import Report
from .scrub import scrub
from .showing import objects_showing
from .shown import problems, shown_in

logger = logging.getLogger(__name__)


def take_down_page(page, on=None, action=TAKEDOWN):
    """Make a live page show no one without consent. Returns "cleaned", "unpublished" or None."""
    on = on or timezone.localdate()
    page = page.specific_class.objects.get(pk=page.pk)
    if not page.live:
        return None
    found = problems(page, on)
    if not found:
        return None
    image_ids = {p.image.pk for p in found if p.image is not None}
    participant_ids = {p.participant.pk for p in found if p.image is None}
    if page.alias_of_id is None:
        draft = None
        if page.has_unpublished_changes and page.latest_revision_id != page.live_revision_id:
            draft = page.get_latest_revision_as_object()
        if scrub(page, image_ids, participant_ids) and not problems(page, on):
            revision = page.save_revision(log_action=False, clean=False)
            revision.publish(log_action=action, skip_permission_checks=True)
            if draft is not None:
                # The editor's newer draft stays the draft, without what was taken down.
                scrub(draft, image_ids, participant_ids)
                draft.save_revision(log_action=False, clean=False)
            return "cleaned"
    # Unpublished as it was, without the half-done removals.
    page.specific_class.objects.get(pk=page.pk).unpublish(log_action=action)
    return "unpublished"


def _take_down_record(content_type_id, object_id, image_ids, participant_ids):
    """Empty a snippet's links to the photos; the snippet if it changed."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or issubclass(model, Participant | DraftStateMixin):
        # A participant's own portrait is internal; drafts of snippets are not public.
        return None
    obj = model._base_manager.filter(pk=object_id).first()
    if obj is not None and scrub(obj, image_ids, participant_ids):
        obj.save()
        return obj
    return None


def delete_renditions(image_ids):
    """Delete the renditions of these images: rows now, files once the transaction commits,
    and a CDN's copies.

    The files are deleted here, not left to Wagtail's handler, which queues a task per file
    (and whose task arguments cannot carry this project's private storage location).
    """
    rendition_model = get_image_model().get_rendition_model()
    renditions = list(rendition_model.objects.filter(image_id__in=image_ids))
    files = [(r.file.storage, r.file.name) for r in renditions if r.file]
    urls = [r.url for r in renditions if r.file]
    for rendition in renditions:
        rendition.purge_from_cache()
    queryset = rendition_model.objects.filter(pk__in=[r.pk for r in renditions])
    queryset._raw_delete(queryset.db)

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    # After the commit: a CDN asking again before then would still be given the old files.
    transaction.on_commit(lambda: frontend_cache.purge(paths=urls))
    return len(renditions)


def take_down(participant, on=None, revoked=False):
    """Take down everything that shows the participant beyond what their consent allows.

    `revoked` treats the participant as having no consent at all (they are being deleted).
    Safe to run any number of times: what is already down is left alone.
    """
    on = on or timezone.localdate()
    participant = Participant.objects.prefetch_related("consents").get(pk=participant.pk)
    image_model = get_image_model()
    if revoked or not participant.has_valid_consent(on=on):
        reason = "deleted" if revoked else participant.status_on(on)
        images = image_model.objects.filter(participants=participant)
        participant_ids = {participant.pk}
    elif not participant.face_may_be_visible(on):
        reason = "face"
        images = image_model.objects.filter(participants=participant, faces_unrecognisable=False)
        participant_ids = set()
    else:
        return Report(participant, reason=Status.VALID)
    images = list(images.order_by("pk"))
    image_ids = {image.pk for image in images}
    report = Report(participant, reason=str(reason))
    with transaction.atomic():
        page_ids, records = objects_showing(image_ids, participant_ids)
        for content_type_id, object_id in sorted(records):
            obj = _take_down_record(content_type_id, object_id, image_ids, participant_ids)
            if obj is not None:
                report.records.append(obj)
        # Originals first: republishing them updates their aliases too.
        pages = Page.objects.live().filter(pk__in=page_ids)
        pages = pages.order_by(F("alias_of").asc(nulls_first=True), "path")
        for page in pages.specific():
            result = take_down_page(page, on) if not revoked else _revoke(page, participant)
            if result == "cleaned":
                report.cleaned.append(page)
            elif result == "unpublished":
                report.unpublished.append(page)
        # Republished and unpublished pages purge themselves from a CDN (and the pages that
        # list them); a page that shows a changed snippet is not republished.
        changed = {page.pk for page in report.cleaned + report.unpublished}
        showing = list(Page.objects.live().filter(pk__in=page_ids - changed).specific())
        transaction.on_commit(lambda: frontend_cache.purge(showing))
        report.renditions = delete_renditions(image_ids)
        report.images = images
        if report:
            log(instance=participant, action=TAKEDOWN, data=report.log_data())
            logger.info("Taken down for participant %s: %s", participant.pk, report.log_data())
    return report


def _revoke(page, participant):
    """take_down_page for a participant about to be deleted: their consent no longer counts."""
    page = page.specific_class.objects.get(pk=page.pk)
    image_ids = set(
        get_image_model().objects.filter(participants=participant).values_list("pk", flat=True)
    )
    shown_images, shown_participants = shown_in(page)
    if not (shown_images & image_ids or participant.pk in shown_participants):
        return None
    if page.alias_of_id is None and scrub(page, image_ids, {participant.pk}):
        remaining_images, remaining_participants = shown_in(page)
        if not (remaining_images & image_ids or participant.pk in remaining_participants):
            page.save_revision(log_action=False, clean=False).publish(
                log_action=TAKEDOWN, skip_permission_checks=True
            )
            return "cleaned"
    page.specific_class.objects.get(pk=page.pk).unpublish(log_action=TAKEDOWN)
    return "unpublished"


def take_down_all(on=None):
    """The daily check: every participant, as of `on`."""
    reports = []
    for participant in Participant.objects.order_by("pk"):
        report = take_down(participant, on=on)
        if report:
            reports.append(report)
    return reports


def schedule(participant_id):
    """Take down after the current transaction, when all of a form's consents are saved."""

    def run():
        participant = Participant.objects.filter(pk=participant_id).first()
        if participant is not None:
            take_down(participant)

    transaction.on_commit(run)
