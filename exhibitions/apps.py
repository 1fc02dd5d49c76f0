from django.apps import AppConfig


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = "Ausstellungen"
