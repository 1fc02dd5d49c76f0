"""Turns this process's site into stock Wagtail where images are concerned.

Renditions are made by Wagtail's own code inside the request that asks for them, uploads are
checked by Wagtail's own form and stored as sent, with Wagtail's default upload limit.
"""

from django.conf import settings

from wagtail.images.models import AbstractImage

from website.images.models import CustomImage


def become_stock():
    CustomImage.get_rendition = AbstractImage.get_rendition
    CustomImage.get_renditions = AbstractImage.get_renditions
    CustomImage.save = AbstractImage.save
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = ""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 128_000_000
