from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "website.core"
    label = "core"
    verbose_name = "Website"

    def ready(self):
        from django.db.models.signals import post_save

        from wagtail.models import PageLogEntry

        from website import markup

        from . import alt_text_gate
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        markup.connect_signals()
        post_save.connect(alt_text_gate.on_page_logged, sender=PageLogEntry)
