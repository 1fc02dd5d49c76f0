from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from .renditions import queue, specs_for_use
from .visibility import forget_visibility


def queue_renditions_of_published_page(sender, instance, **kwargs):
    # The reference index is otherwise brought up to date by a background task: the images a
    # page shows must be visible the moment it is live.
    ReferenceIndex.create_or_update_for_object(instance)
    forget_visibility()
    image_model = get_image_model()
    references = ReferenceIndex.get_references_for_object(instance).filter(
        to_content_type=ContentType.objects.get_for_model(image_model)
    )
    specs_by_image = defaultdict(set)
    for image_id, content_path in references.values_list("to_object_id", "content_path"):
        specs_by_image[int(image_id)].update(specs_for_use(content_path.split(".")[0]))
    for image in image_model.objects.filter(pk__in=specs_by_image):
        queue(image, specs_by_image[image.pk])


def visibility_changed(sender, **kwargs):
    forget_visibility()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_visibility()


def register_signal_handlers():
    page_published.connect(queue_renditions_of_published_page)
    page_unpublished.connect(visibility_changed)
    post_page_move.connect(visibility_changed)
    post_delete.connect(page_deleted)
    post_save.connect(visibility_changed, sender=PageViewRestriction)
    post_delete.connect(visibility_changed, sender=PageViewRestriction)
