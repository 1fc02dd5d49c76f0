"""Turns this process's site into stock Wagtail.

Renditions are made by Wagtail's own code inside the request that asks for them, uploads are
checked by Wagtail's own form and stored as sent, with Wagtail's default upload limit; pages
are routed level by level, their privacy looked up on every view, and neither pages nor
fragments are cached.
"""

import os

from django.conf import settings

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.panels.page_utils import _get_page_edit_handler
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.signals import page_published

from exhibitions.models import ExhibitionPage, GalleryPhoto
from exhibitions.panels import GalleryPanel
from website.core.models import BasePage, HomePage
from website.core.templatetags.fragment_tags import CachedFragmentNode
from website.images.models import CustomImage
from website.images.signal_handlers import queue_renditions_of_published_page
from website.page_cache import PageCacheMiddleware


def become_stock(gallery_template=None):
    CustomImage.get_rendition = AbstractImage.get_rendition
    CustomImage.get_renditions = AbstractImage.get_renditions
    CustomImage.save = AbstractImage.save
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = ""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 128_000_000
    HomePage.route = Page.route
    BasePage.get_view_restrictions = Page.get_view_restrictions
    CachedFragmentNode.render = lambda node, context: node.nodelist.render(context)
    PageCacheMiddleware.__call__ = lambda middleware, request: middleware.get_response(request)
    gallery_template = gallery_template or os.environ.get("BENCH_STOCK_GALLERY")
    if gallery_template:
        ExhibitionPage.template = gallery_template
    if os.environ.get("BENCH_STOCK_ADMIN"):
        become_stock_admin()


def become_stock_admin():
    """Its admin too: the gallery in a plain InlinePanel with Wagtail's image chooser, and
    publishing that leaves the renditions to the first view."""
    GalleryPhoto.panels = [FieldPanel("image"), *GalleryPhoto.panels[1:]]
    ExhibitionPage.content_panels = [
        InlinePanel(panel.relation_name, heading=panel.heading, label=panel.label)
        if isinstance(panel, GalleryPanel)
        else panel
        for panel in ExhibitionPage.content_panels
    ]
    _get_page_edit_handler.clear()  # each page type's panels, as Wagtail keeps them
    page_published.disconnect(queue_renditions_of_published_page)
