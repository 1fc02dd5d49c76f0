from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "website.images"
    label = "images"
