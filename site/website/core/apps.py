from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "website.core"
    label = "core"
    verbose_name = "Website"

    def ready(self):
        from website import markup

        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        markup.connect_signals()
