from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "website.users"
    label = "users"
