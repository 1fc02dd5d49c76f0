"""Every field that holds HTML or an address goes through website.markup, now and later.

A new rich text feature, a plain RichTextBlock or URLField, or a template using Wagtail's own
`richtext` filter would each bypass the one allow-list: these tests say so.
"""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from website.core.blocks import PARAGRAPH_FEATURES, CleanRichTextBlock, WebAddressMixin
from website.markup import WebAddressField

CHECKOUT = Path(__file__).resolve().parents[2]


OUR_PACKAGES = {"website", "exhibitions", "stories"}


def our_models():
    # By package, not by folder: the virtualenv may lie inside the checkout.
    for config in apps.get_app_configs():
        if config.name.partition(".")[0] in OUR_PACKAGES:
            yield from config.get_models()


def stream_blocks(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from stream_blocks(child)
    if isinstance(block, blocks.ListBlock):
        yield from stream_blocks(block.child_block)


def blocks_of_type(block_type):
    for model in our_models():
        for field in model._meta.fields:
            if isinstance(field, StreamField):
                for block in stream_blocks(field.stream_block):
                    if isinstance(block, block_type):
                        yield f"{model._meta.label}.{field.name}: {block.name}", block


def test_rich_text_offers_only_what_the_cleaner_keeps():
    editor = settings.WAGTAILADMIN_RICH_TEXT_EDITORS["default"]["OPTIONS"]["features"]
    assert editor == PARAGRAPH_FEATURES
    fields = [
        (f"{model._meta.label}.{field.name}", field.features)
        for model in our_models()
        for field in model._meta.fields
        if isinstance(field, RichTextField)
    ]
    assert len(fields) >= 10
    fields += [(where, block.features) for where, block in blocks_of_type(blocks.RichTextBlock)]
    for where, features in fields:
        # None: the editor's default features.
        assert features is None or set(features) <= set(PARAGRAPH_FEATURES), where


def test_rich_text_blocks_render_cleaned():
    found = list(blocks_of_type(blocks.RichTextBlock))
    assert len(found) >= 4
    for where, block in found:
        assert isinstance(block, CleanRichTextBlock), where


def test_addresses_are_web_addresses():
    url_fields = [
        (f"{model._meta.label}.{field.name}", field)
        for model in our_models()
        for field in model._meta.fields
        if isinstance(field, models.URLField)
    ]
    assert len(url_fields) >= 2
    for where, field in url_fields:
        assert isinstance(field, WebAddressField), where
    url_blocks = list(blocks_of_type(blocks.URLBlock))
    assert len(url_blocks) >= 2
    for where, block in url_blocks:
        assert isinstance(block, WebAddressMixin), where


def test_templates_show_rich_text_only_through_the_cleaner():
    templates = [
        path
        for path in CHECKOUT.glob("**/templates/**/*.html")
        if not path.is_relative_to(CHECKOUT / ".venv") and "node_modules" not in path.parts
    ]
    assert len(templates) > 30
    for path in templates:
        assert not re.search(r"\|\s*richtext\b", path.read_text()), path
