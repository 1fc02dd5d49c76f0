from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from website import generation

from .renditions import queue, specs_for_use


def queue_renditions_of_published_page(sender, instance, **kwargs):
    # The reference index is otherwise brought up to date by a background task: the images a
    # page shows must be visible the moment it is live.
    ReferenceIndex.create_or_update_for_object(instance)
    image_model = get_image_model()
    references = ReferenceIndex.get_references_for_object(instance).filter(
        to_content_type=ContentType.objects.get_for_model(image_model)
    )
    specs_by_image = defaultdict(set)
    for image_id, content_path in references.values_list("to_object_id", "content_path"):
        specs_by_image[int(image_id)].update(specs_for_use(content_path.split(".")[0]))
    for image in image_model.objects.filter(pk__in=specs_by_image):
        queue(image, specs_by_image[image.pk])
    generation.bump()  # no answer about these images cached before the index knew them


def register_signal_handlers():
    page_published.connect(queue_renditions_of_published_page)
