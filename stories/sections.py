"""Which participants an editor sees and may choose: those of their own sections.

A participant belongs to a section when a photo in the section's collection shows them, a
story in the section is about them, or their sub-project is the section. Whoever may open the
participant records (the consent team, the Editors and Moderators groups, superusers) sees them
all. Nobody is offered a participant whose website consent was withdrawn or has expired, except
where they are already chosen.
"""

from django.db.models import Q

from wagtail.images import get_image_model
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from .models.participants import Participant, Status

NOT_OFFERED = (Status.WITHDRAWN, Status.EXPIRED)


def participants_seen_by(user):
    if user.has_perm("stories.view_participant"):
        return Participant.objects.all()
    images = policy_registry.get_by_type(get_image_model())
    collections = images.collections_user_has_any_permission_for(user, ["add", "change", "choose"])
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return Participant.objects.filter(
        Q(images__collection__in=collections)
        | Q(stories__in=pages.values("pk"))
        | Q(sub_project__in=pages.values("pk"))
    ).distinct()


def participants_offered_to(user, chosen=()):
    """The participants the user may choose, and those already chosen (`chosen`, their ids)."""
    seen = participants_seen_by(user).prefetch_related("consents")
    offered = [participant.pk for participant in seen if participant.status not in NOT_OFFERED]
    return Participant.objects.filter(pk__in=[*offered, *chosen])
