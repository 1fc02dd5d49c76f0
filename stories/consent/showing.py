"""Which pages and other records show given photos or participants."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from modelcluster.fields import ParentalKey

from ..models import Participant


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
