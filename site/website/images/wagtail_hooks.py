from django.urls import path

from wagtail import hooks

from .multiple_upload import DocumentAddView, ImageAddView


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    # Ahead of Wagtail's own patterns for the same paths, which would store a raw file.
    return [
        path("images/multiple/add/", ImageAddView.as_view()),
        path("documents/multiple/add/", DocumentAddView.as_view()),
    ]
