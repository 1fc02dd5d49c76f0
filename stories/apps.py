from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Geschichten"

    def ready(self):
        from . import consent

        consent.connect_signals()
