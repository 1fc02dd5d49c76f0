from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "website.people"
    label = "people"
