"""Consent, enforced: what may be published, and what goes down when consent ends.

Who a page shows is read from the page itself: the participants it refers to (a story's
participant) and the participants recorded on every image it uses, directly, in StreamField
blocks, in rich text, in inline rows (gallery photos) or through a snippet. A participant
shown needs valid website consent; a photo of someone whose consent allows only an
unrecognisable face must be marked as such.

Taking down removes what shows the person from every live page and republishes it; a page
that still shows them afterwards (their own story, a block this module cannot cut out) is
unpublished. The photos' renditions are deleted. Nothing is ever put back automatically.
"""

import datetime
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, PageLogEntry, ReferenceIndex

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations

from website.core import frontend_cache

from .models import Participant, Status

logger = logging.getLogger(__name__)

TAKEDOWN = "stories.takedown"
REFUSED = "stories.publish_refused"
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled", TAKEDOWN, REFUSED)
IMAGE_EMBED = re.compile(r"<embed\b[^>]*\bembedtype=\"image\"[^>]*>")
EMBED_ID = re.compile(r"\bid=\"(\d+)\"")


# What an object shows


def filled_fields(obj):
    """(field, value) of the object's own fields that hold something; its parent link aside."""
    for model_field in obj._meta.concrete_fields:
        if isinstance(model_field, ParentalKey):
            continue
        value = model_field.value_from_object(obj)
        if value is not None:
            yield model_field, value


def references(obj):
    """(model, pk) of everything the object and its inline rows refer to, as it is in memory."""
    for model_field, value in filled_fields(obj):
        if model_field.many_to_one:
            yield model_field.related_model, value
        elif isinstance(model_field, StreamField | RichTextField):
            for model, pk, _path, _content_path in model_field.extract_references(value):
                yield model, pk
    for model_field in obj._meta.many_to_many:
        if isinstance(model_field, ParentalManyToManyField):
            for item in model_field.value_from_object(obj):
                yield model_field.related_model, item.pk
    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            for child in getattr(obj, relation.get_accessor_name()).all():
                yield from references(child)


def shown_in(obj):
    """The ids of the images and the participants the object shows, also through snippets."""
    image_model = get_image_model()
    image_ids, participant_ids = set(), set()
    snippets = defaultdict(set)
    for model, pk in references(obj):
        if issubclass(model, image_model):
            image_ids.add(int(pk))
        elif issubclass(model, Participant):
            participant_ids.add(int(pk))
        elif not issubclass(model, Page) and ReferenceIndex.is_indexed(model):
            snippets[model].add(str(pk))
    image_type = ContentType.objects.get_for_model(image_model)
    participant_type = ContentType.objects.get_for_model(Participant)
    for model, pks in snippets.items():
        rows = ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(model),
            object_id__in=pks,
            to_content_type__in=[image_type, participant_type],
        ).values_list("to_content_type_id", "to_object_id")
        for content_type_id, pk in rows:
            (image_ids if content_type_id == image_type.pk else participant_ids).add(int(pk))
    # A participant's portrait goes with them wherever they are shown.
    image_ids.update(
        Participant.objects.filter(pk__in=participant_ids, portrait__isnull=False).values_list(
            "portrait", flat=True
        )
    )
    return image_ids, participant_ids


@dataclass(frozen=True)
class Problem:
    """Someone the object shows without consent for it."""

    participant: Participant
    image: object = None  # the photo that shows them; None where the page names them itself
    face_only: bool = False  # consent is valid, but for an unrecognisable face only
    on: datetime.date | None = None

    def __str__(self):
        if self.face_only:
            return _(
                "The photo “%(image)s” shows %(pseudonym)s, whose consent allows only an "
                "unrecognisable face. Mark the photo as “faces made unrecognisable” once they "
                "are, or remove it."
            ) % {"image": self.image.title, "pseudonym": self.participant.pseudonym}
        return _("%(pseudonym)s has no valid consent for the website (%(status)s).") % {
            "pseudonym": self.participant.pseudonym,
            "status": self.participant.status_on(self.on).label,
        }


def problems(obj, on=None):
    """Everyone the object shows without valid website consent for how it shows them."""
    on = on or timezone.localdate()
    image_ids, participant_ids = shown_in(obj)
    with_consents = Participant.objects.prefetch_related("consents")
    found = [
        Problem(participant, on=on)
        for participant in with_consents.filter(pk__in=participant_ids)
        if not participant.has_valid_consent(on=on)
    ]
    images = (
        get_image_model()
        .objects.filter(pk__in=image_ids)
        .prefetch_related(Prefetch("participants", queryset=with_consents))
        .order_by("pk")
    )
    for image in images:
        for participant in image.participants.all():
            if not participant.has_valid_consent(on=on):
                found.append(Problem(participant, image, on=on))
            elif not image.faces_unrecognisable and not participant.face_may_be_visible(on):
                found.append(Problem(participant, image, face_only=True, on=on))
    return found


def describe(found):
    """One sentence per person (and per photo that needs an unrecognisable face)."""
    return list(dict.fromkeys(str(p if p.face_only else replace(p, image=None)) for p in found))


def refusal_message(found):
    return " ".join(
        [_("The page was not published; your changes are saved as a draft."), *describe(found)]
    )


# Removing what shows someone


def _is_removed(model, pk, image_ids, participant_ids):
    if pk is None:
        return False
    if issubclass(model, get_image_model()):
        return int(pk) in image_ids
    return issubclass(model, Participant) and int(pk) in participant_ids


def _has_required_reference(obj, image_ids, participant_ids):
    return any(
        _is_removed(f.related_model, f.value_from_object(obj), image_ids, participant_ids)
        for f in obj._meta.concrete_fields
        if f.many_to_one and not f.null and not isinstance(f, ParentalKey)
    )


def scrub(obj, image_ids, participant_ids):
    """Remove from the object, in memory, what refers to these images and participants.

    Optional links are emptied, with the text fields named after them (`lead_image_alt`,
    `lead_image_caption`); StreamField blocks and inline rows that refer to them are dropped;
    images embedded in rich text are cut out. Returns whether anything changed;
    required links (a story's participant) stay, so the caller can tell the object still
    shows the person.
    """
    changed = False
    for model_field, value in filled_fields(obj):
        if model_field.many_to_one:
            if model_field.null and _is_removed(
                model_field.related_model, value, image_ids, participant_ids
            ):
                setattr(obj, model_field.name, None)
                # Its alt text and caption ("lead_image_alt") describe what is gone.
                for sibling in obj._meta.concrete_fields:
                    if sibling.name.startswith(f"{model_field.name}_") and isinstance(
                        sibling, models.CharField | models.TextField
                    ):
                        setattr(obj, sibling.attname, "")
                changed = True
        elif isinstance(model_field, StreamField):
            doomed = [
                index
                for index, child in enumerate(value)
                if any(
                    _is_removed(model, pk, image_ids, participant_ids)
                    for model, pk, *_paths in child.block.extract_references(child.value)
                )
            ]
            for index in reversed(doomed):
                del value[index]
            changed = changed or bool(doomed)
        elif isinstance(model_field, RichTextField):

            def cut(match):
                pk = EMBED_ID.search(match.group(0))
                return "" if pk and int(pk.group(1)) in image_ids else match.group(0)

            text = IMAGE_EMBED.sub(cut, value)
            if text != value:
                setattr(obj, model_field.attname, text)
                changed = True
    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            name = relation.get_accessor_name()
            children = list(getattr(obj, name).all())
            kept = []
            children_changed = False
            for child in children:
                if _has_required_reference(child, image_ids, participant_ids):
                    children_changed = True
                    continue
                children_changed = scrub(child, image_ids, participant_ids) or children_changed
                kept.append(child)
            if children_changed:
                setattr(obj, name, kept)
                changed = True
    return changed


def _content_type_ids(model):
    return ContentType.objects.get_for_model(model).pk


def objects_showing(image_ids, participant_ids):
    """Page ids and (model, pk) of other records that refer to these images or participants.

    The reference index finds blocks and rich text; every foreign key is also looked up in the
    database itself, in case the index lags behind.
    """
    image_model = get_image_model()
    page_type = _content_type_ids(Page)
    page_ids, records = set(), set()
    targets = [(image_model, image_ids), (Participant, participant_ids)]
    for model, ids in targets:
        if not ids:
            continue
        rows = ReferenceIndex.objects.filter(
            to_content_type_id=_content_type_ids(model), to_object_id__in=[str(i) for i in ids]
        ).values_list("base_content_type_id", "object_id")
        for content_type_id, object_id in rows:
            if content_type_id == page_type:
                page_ids.add(int(object_id))
            else:
                records.add((content_type_id, object_id))
    for model in apps.get_models():
        parent_key = next(
            (
                f
                for f in model._meta.concrete_fields
                if isinstance(f, ParentalKey) and issubclass(f.related_model, Page)
            ),
            None,
        )
        if parent_key is None and not issubclass(model, Page):
            continue
        for model_field in model._meta.concrete_fields:
            target = next((ids for m, ids in targets if model_field.related_model is m), None)
            if not model_field.many_to_one or not target or isinstance(model_field, ParentalKey):
                continue
            rows = model._base_manager.filter(**{f"{model_field.name}__in": target})
            if issubclass(model, Page):
                page_ids.update(rows.values_list("pk", flat=True))
            elif parent_key is not None:
                page_ids.update(rows.values_list(parent_key.attname, flat=True))
    # Pages that show such a record (a snippet) show the person too.
    for content_type_id, object_id in list(records):
        page_ids.update(
            int(pk)
            for pk in ReferenceIndex.objects.filter(
                to_content_type_id=content_type_id,
                to_object_id=object_id,
                base_content_type_id=page_type,
            ).values_list("object_id", flat=True)
        )
    return page_ids, records


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


@dataclass
class Report:
    """What one takedown did, for the audit log and the daily command's output."""

    participant: Participant
    reason: str  # a key of REASONS
    cleaned: list = field(default_factory=list)
    unpublished: list = field(default_factory=list)
    records: list = field(default_factory=list)
    images: list = field(default_factory=list)
    renditions: int = 0

    def __bool__(self):
        return bool(self.cleaned or self.unpublished or self.records or self.renditions)

    def log_data(self):
        def pages(items):
            return [{"id": page.pk, "title": page.title} for page in items]

        return {
            "reason": self.reason,
            "pages_changed": pages(self.cleaned),
            "pages_unpublished": pages(self.unpublished),
            "records_changed": [str(obj) for obj in self.records],
            "images": [{"id": image.pk, "title": image.title} for image in self.images],
            "renditions_deleted": self.renditions,
        }

    @property
    def reason_label(self):
        return REASONS.get(self.reason, self.reason)

    def lines(self):
        for page in self.unpublished:
            yield f"unpublished page {page.pk} “{page.title}”"
        for page in self.cleaned:
            yield f"removed what shows them from page {page.pk} “{page.title}”"
        for obj in self.records:
            yield f"removed their photos from {obj._meta.verbose_name} “{obj}”"
        if self.renditions:
            yield f"deleted {self.renditions} renditions of {len(self.images)} photos"


# Why something was taken down, by the code the audit log stores.
REASONS = {
    Status.WITHDRAWN.value: gettext_lazy("consent withdrawn"),
    Status.EXPIRED.value: gettext_lazy("consent expired"),
    Status.NONE.value: gettext_lazy("no consent"),
    "face": gettext_lazy("face must be unrecognisable"),
    "deleted": gettext_lazy("participant deleted"),
}


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


# Publishing that went around the admin's check (scheduled, bulk, workflow approval)


def previous_live_revision(page, log_entry):
    """The revision that was live before this publish, if the page was live then."""
    earlier = (
        PageLogEntry.objects.filter(page=page, action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS)
        .exclude(pk=log_entry.pk)
        .filter(timestamp__lte=log_entry.timestamp)
        .order_by("-timestamp", "-pk")
        .first()
    )
    if earlier is None or earlier.action not in PUBLISH_ACTIONS:
        return None
    if earlier.revision_id in (None, log_entry.revision_id):
        return None
    return earlier.revision


def refuse_published(log_entry):
    """Undo a publish that shows someone without consent; the published version stays a draft.

    Runs when Wagtail logs the publish, after it has updated the page's aliases.
    """
    page = log_entry.page.specific
    if not page.live:
        return False
    found = problems(page)
    if not found:
        return False
    with transaction.atomic():
        previous = previous_live_revision(page, log_entry)
        if previous is not None and not problems(previous.as_object()):
            previous.publish(log_action=False, skip_permission_checks=True)
        else:
            page.unpublish(log_action=False)
        log(
            instance=page,
            action=REFUSED,
            revision=log_entry.revision,
            data={"problems": describe(found)},
        )
    logger.warning("Publishing page %s refused: %s", page.pk, describe(found))
    return True


def on_page_logged(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action in PUBLISH_ACTIONS:
        refuse_published(instance)


def on_consent_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(instance.participant_id)


def on_participant_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule(instance.pk)


def on_participant_deleted(sender, instance, **kwargs):
    # Once the record is gone, its photos would no longer say who they show.
    take_down(instance, revoked=True)


def on_image_saved(sender, instance, raw=False, **kwargs):
    # Unticking "faces made unrecognisable" may leave a photo on pages it may no longer be on.
    if not raw and instance.pk:
        for participant_id in instance.participants.values_list("pk", flat=True):
            schedule(participant_id)


def on_image_participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add":
        return
    if isinstance(instance, Participant):
        schedule(instance.pk)
    else:
        for participant_id in pk_set:
            schedule(participant_id)


def on_consent_form_replaced(sender, instance, raw=False, **kwargs):
    # A replaced or cleared form is deleted with the record's change, not kept unlisted.
    if raw or not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("form", flat=True).first()
    if old and old != instance.form.name:
        storage = instance.form.storage
        transaction.on_commit(lambda: storage.delete(old))


def on_consent_deleted(sender, instance, **kwargs):
    if instance.form:
        storage, name = instance.form.storage, instance.form.name
        transaction.on_commit(lambda: storage.delete(name))
    schedule(instance.participant_id)


def connect_signals():
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_save,
        pre_delete,
        pre_save,
    )

    from .models import Consent

    image_model = get_image_model()
    pre_save.connect(on_consent_form_replaced, sender=Consent)
    post_save.connect(on_consent_changed, sender=Consent)
    post_delete.connect(on_consent_deleted, sender=Consent)
    post_save.connect(on_participant_saved, sender=Participant)
    pre_delete.connect(on_participant_deleted, sender=Participant)
    post_save.connect(on_image_saved, sender=image_model)
    m2m_changed.connect(on_image_participants_changed, sender=image_model.participants.through)
    post_save.connect(on_page_logged, sender=PageLogEntry)
