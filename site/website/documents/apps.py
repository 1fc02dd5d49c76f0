from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "website.documents"
    label = "documents"
