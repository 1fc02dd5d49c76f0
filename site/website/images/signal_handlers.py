from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from .renditions import PUBLISH_SPECS, queue
from .visibility import forget_visibility


def make_renditions_for_published_page(sender, instance, **kwargs):
    # The reference index is otherwise brought up to date by a background task: the images a
    # page shows must be visible the moment it is live.
    ReferenceIndex.create_or_update_for_object(instance)
    forget_visibility()
    image_model = get_image_model()
    image_ids = (
        ReferenceIndex.get_references_for_object(instance)
        .filter(
            to_content_type__model=image_model._meta.model_name,
            to_content_type__app_label=image_model._meta.app_label,
        )
        .values_list("to_object_id", flat=True)
    )
    for image in image_model.objects.filter(pk__in=[int(pk) for pk in image_ids]):
        queue(image, PUBLISH_SPECS)


def visibility_changed(sender, **kwargs):
    forget_visibility()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_visibility()


def register_signal_handlers():
    page_published.connect(make_renditions_for_published_page)
    page_unpublished.connect(visibility_changed)
    post_page_move.connect(visibility_changed)
    post_delete.connect(page_deleted)
    post_save.connect(visibility_changed, sender=PageViewRestriction)
    post_delete.connect(visibility_changed, sender=PageViewRestriction)
