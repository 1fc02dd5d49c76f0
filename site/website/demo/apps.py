from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "website.demo"
    label = "demo"
