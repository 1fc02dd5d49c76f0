"""Who an object shows: the participants it refers to and those recorded on its photos.

A page shows the participants it refers to (a story's participant) and the participants recorded
on every image it uses, directly, in StreamField blocks, in rich text, in inline rows (gallery
photos) or through a snippet; a participant's portrait goes with them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel, get_all_child_relations

from ..models import Participant


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
