"""Models say which text fields describe each of their images: a takedown empties those along
with the image, and nothing else."""

from django.apps import apps
from django.db import models

from wagtail.images import get_image_model


def declarations():
    return {
        model._meta.label: model.image_text_fields
        for model in apps.get_models()
        if getattr(model, "image_text_fields", None)
    }


def test_pages_with_an_image_and_its_text_declare_them():
    assert declarations() == {
        "news.NewsPage": {"lead_image": ("lead_image_alt", "lead_image_caption")},
        "stories.StoryPage": {"portrait": ("portrait_alt",)},
    }


def test_each_declaration_names_an_optional_image_and_text_fields():
    for label, fields in declarations().items():
        meta = apps.get_model(label)._meta
        for link, texts in fields.items():
            assert meta.get_field(link).related_model is get_image_model(), (label, link)
            assert meta.get_field(link).null, (label, link)
            for name in texts:
                assert isinstance(meta.get_field(name), models.CharField | models.TextField)
