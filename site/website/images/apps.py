from django.apps import AppConfig
from django.conf import settings


class ImagesConfig(AppConfig):
    name = "website.images"
    label = "images"

    def ready(self):
        from PIL import Image

        from .signal_handlers import register_signal_handlers

        # Pillow refuses anything past twice this as a decompression bomb.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        register_signal_handlers()
