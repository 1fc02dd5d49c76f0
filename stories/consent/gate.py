"""The publish gate: a page that shows someone without consent is not published.

The admin refuses such a publish before it happens (wagtail_hooks); publishing that goes around
the admin's check (scheduled, bulk, workflow approval) is undone once Wagtail logs it.
"""

import logging
from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from .actions import PUBLISH_ACTIONS, REFUSED, UNPUBLISH_ACTIONS
from .shown import problems

logger = logging.getLogger(__name__)


def describe(found):
    """One sentence per person (and per photo that needs an unrecognisable face)."""
    return list(dict.fromkeys(str(p if p.face_only else replace(p, image=None)) for p in found))


def refusal_message(found):
    return " ".join(
        [_("The page was not published; your changes are saved as a draft."), *describe(found)]
    )


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
