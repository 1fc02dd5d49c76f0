from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signals import page_published


def index_published_page(sender, instance, **kwargs):
    # Indexing on save comes too early for a page's inline rows and tags (gallery captions,
    # news tags): they are saved after the page itself. Publishing is over when this is sent.
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def register_signal_handlers():
    page_published.connect(index_published_page)
