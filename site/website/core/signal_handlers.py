from django.apps import apps
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from website import generation

from . import frontend_cache

# Apps whose models show on public pages: pages, snippets, settings, documents.
CONTENT_APPS = (
    "core",
    "documents",
    "people",
    "projects",
    "news",
    "toolbox",
    "exhibitions",
    "stories",
)


def register_signal_handlers():
    # Senders are named one by one: a receiver for every model would cost Django its fast
    # bulk deletes everywhere.
    models = [Locale, PageViewRestriction, Site]
    for label in CONTENT_APPS:
        models += apps.get_app_config(label).get_models()
    for model in models:
        post_save.connect(generation.bump, sender=model)
        post_delete.connect(generation.bump, sender=model)
    # A deleted photo leaves its pages without it (the foreign keys are set to NULL unseen).
    post_delete.connect(generation.bump, sender=get_image_model())
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(generation.bump)
        signal.connect(frontend_cache.purge_page)
