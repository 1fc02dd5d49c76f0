"""No page goes live with a photo that lacks alternative text, whichever way it is published.

The edit form refuses to publish such a page (website.core.forms). Bulk publishing is
refused before it starts; a publish that bypasses both (a workflow approved from the
dashboard, a scheduled publish, code) is undone as soon as Wagtail logs it.
"""

import logging

from django.db import transaction

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from modelcluster.models import get_all_child_relations

from website.images.alt_text import lacks_alt_text
from website.images.models import ImageUse

from .blocks import ImageBlock

logger = logging.getLogger(__name__)

REFUSED = "website.publish_refused_alt_text"
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled")


def image_values(block, value):
    """Every image block's value within a block's value, however deeply nested."""
    if isinstance(block, ImageBlock):
        yield value
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from image_values(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from image_values(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from image_values(block.child_block, item)


def photos_lacking_alt_text(page):
    """How many photos of the page (inline rows and image blocks) lack alternative text."""
    count = 0
    for relation in get_all_child_relations(page):
        if issubclass(relation.related_model, ImageUse):
            rows = getattr(page, relation.get_accessor_name()).all()
            count += sum(lacks_alt_text(row.alt_text, row.decorative) for row in rows)
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            for value in image_values(field.stream_block, getattr(page, field.name)):
                count += lacks_alt_text(value.get("alt_text"), value.get("decorative"))
    return count


def previous_live_revision(log_entry):
    """The revision that was live before this publish, if the page was live then."""
    earlier = (
        PageLogEntry.objects.filter(
            page_id=log_entry.page_id, action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS + (REFUSED,)
        )
        .exclude(pk=log_entry.pk)
        .order_by("-timestamp", "-pk")
        .first()
    )
    if earlier is None or earlier.action not in PUBLISH_ACTIONS:
        return None
    return earlier.revision


def refuse_published(log_entry):
    """Undo a publish that put photos without alternative text live."""
    page = Page.objects.get(pk=log_entry.page_id).specific
    if not page.live or page.live_revision_id != log_entry.revision_id:
        return False
    count = photos_lacking_alt_text(page)
    if not count:
        return False
    with transaction.atomic():
        previous = previous_live_revision(log_entry)
        if previous is not None and not photos_lacking_alt_text(previous.as_object()):
            previous.publish(log_action=False, skip_permission_checks=True)
        else:
            page.unpublish(log_action=False)
        log(instance=page, action=REFUSED, revision=log_entry.revision, data={"count": count})
    logger.warning("Publishing page %s refused: %s photos lack alternative text", page.pk, count)
    return True


def on_page_logged(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action in PUBLISH_ACTIONS:
        refuse_published(instance)
