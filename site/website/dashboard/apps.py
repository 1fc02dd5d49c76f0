from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "website.dashboard"
    label = "dashboard"
