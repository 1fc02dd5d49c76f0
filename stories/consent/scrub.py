"""Removing from an object, in memory, what refers to given photos or participants."""

import re

from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations

from ..models import Participant
from .shown import filled_fields

IMAGE_EMBED = re.compile(r"<embed\b[^>]*\bembedtype=\"image\"[^>]*>")
EMBED_ID = re.compile(r"\bid=\"(\d+)\"")


def described_by(obj, field_name):
    """The text fields that describe what the field links to (an image's alt text, caption,
    credit), as the model declares them in `image_text_fields`: {link: (text field, …)}."""
    return getattr(obj, "image_text_fields", {}).get(field_name, ())


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

    Optional links are emptied, with the text fields the model declares go with them;
    StreamField blocks and inline rows that refer to them are dropped;
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
                # Its alt text and caption describe what is gone.
                for name in described_by(obj, model_field.name):
                    setattr(obj, name, "")
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
