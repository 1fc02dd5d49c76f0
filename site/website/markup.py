"""Markup and addresses from anywhere (editors, code, importers, the demo) pass one allow-list.

Rich text keeps exactly what the editor's features make (PARAGRAPH_FEATURES in
website.core.blocks: bold, italic, links to pages, documents and addresses, lists, paragraphs and
line breaks). It is cleaned by nh3 (Ammonia, an HTML5 parser like the browser's) twice:

- when saved: every RichTextField and every rich text inside a StreamField, in the model's row
  and in its revisions, keeps Wagtail's database format (`<a linktype="page" id="3">`);
- on output: the stored text is cleaned again, Wagtail expands its links, and the result is
  cleaned as plain HTML, so that text stored before, or past `save()`, is shown safely too.

Web addresses (WebAddressField, WebAddressBlock) take only http and https.

A plain module, not an app: people and the page apps use it alike.
"""

import json
import re
from functools import cache

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models.signals import pre_save
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Revision
from wagtail.rich_text import RichText, expand_db_html

import nh3

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
WEB_SCHEMES = ["http", "https"]
TAGS = {"p", "br", "b", "i", "a", "ol", "ul", "li"}
# Removed with everything inside them: what they hold is not text for readers.
REMOVED_WITH_CONTENT = {
    "applet",
    "audio",
    "canvas",
    "embed",
    "frame",
    "frameset",
    "iframe",
    "map",
    "math",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "script",
    "select",
    "style",
    "svg",
    "template",
    "textarea",
    "title",
    "video",
    "xmp",
}


def keep_numeric_ids(element, attribute, value):
    # Wagtail looks the ids of page and document links up in the database: only numbers.
    if attribute == "id":
        return value if value.isdecimal() else None
    return value


# "*": no attribute on every element (Ammonia would keep lang and title). Links open in the same
# window (no target), so there is no opener to hide with rel.
STORED = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes={
        "*": set(),
        "a": {"href", "id"},
        "p": {"data-block-key"},
        "li": {"data-block-key"},
    },
    tag_attribute_values={"a": {"linktype": {"page", "document"}}},
    attribute_filter=keep_numeric_ids,
    url_schemes=LINK_SCHEMES,
    link_rel=None,
)
SHOWN = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=REMOVED_WITH_CONTENT,
    attributes={"*": set(), "a": {"href"}},
    url_schemes=LINK_SCHEMES,
    link_rel=None,
)


# nh3 writes every attribute as name="value", a quote inside escaped: its link tags are exact.
LINK_TAG = re.compile(r'<a((?: [^\s="]+="[^"]*")*)>')
LINK_ENTITY_ATTRIBUTE = re.compile(r' (?:linktype|id)="[^"]*"')


def complete_link(match):
    """A link to a page or document has its type and its id, or neither: Wagtail needs both."""
    attributes = match.group(1)
    if ' linktype="' in attributes and ' id="' in attributes:
        return match.group(0)
    return f"<a{LINK_ENTITY_ATTRIBUTE.sub('', attributes)}>"


def clean_html(source):
    """Rich text in Wagtail's database format, with nothing the editor could not have made."""
    return LINK_TAG.sub(complete_link, STORED.clean(source))


def render_html(source):
    """Rich text as visitors get it: links expanded, plain HTML, nothing else."""
    return mark_safe(SHOWN.clean(expand_db_html(clean_html(source))))  # noqa: S308 (cleaned)


class CleanRichText(RichText):
    """A rich text block's value; it renders cleaned wherever a template puts it."""

    def __html__(self):
        return render_html(self.source)


# Web addresses

# What the URL standard ignores: tabs and newlines anywhere, control characters and spaces around.
URL_IGNORED = re.compile(r"[\t\n\r]")
URL_STRIPPED = "".join(chr(code) for code in range(0x21))
URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_web_address(url):
    """Whether a browser reads the address as an http(s) one."""
    match = URL_SCHEME.match(URL_IGNORED.sub("", url).strip(URL_STRIPPED))
    return match is not None and match.group(1).lower() in WEB_SCHEMES


WEB_ADDRESS_EXPECTED = _("Enter a complete web address that starts with https:// or http://.")
validate_web_address = URLValidator(schemes=WEB_SCHEMES, message=WEB_ADDRESS_EXPECTED)


class WebAddressFormField(forms.URLField):
    default_validators = [validate_web_address]
    # A form field puts its own message in place of its validators' messages.
    default_error_messages = {"invalid": WEB_ADDRESS_EXPECTED}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class WebAddressField(models.URLField):
    """A URLField that holds only http(s) addresses: refused in forms and when saved."""

    default_validators = [validate_web_address]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})


# Cleaning when saved


def clean_block_data(block, data):
    """A block's stored (JSON-ish) data with its rich text cleaned; unsafe addresses refused."""
    if isinstance(block, blocks.RichTextBlock):
        return clean_html(data) if isinstance(data, str) else data
    if isinstance(block, blocks.URLBlock):  # embeds too
        if isinstance(data, str) and data:
            validate_web_address(data)
        return data
    if isinstance(block, blocks.BaseStreamBlock) and isinstance(data, list):
        return [
            {**child, "value": clean_block_data(block.child_blocks[child["type"]], child["value"])}
            if isinstance(child, dict)
            and child.get("type") in block.child_blocks
            and "value" in child
            else child
            for child in data
        ]
    if isinstance(block, blocks.BaseStructBlock) and isinstance(data, dict):
        return {
            name: clean_block_data(block.child_blocks[name], value)
            if name in block.child_blocks
            else value
            for name, value in data.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(data, list):
        return [
            # Items are stored as {"type": "item", "value": …, "id": …}, or bare in old data.
            {**item, "value": clean_block_data(block.child_block, item["value"])}
            if isinstance(item, dict) and "id" in item and "value" in item
            else clean_block_data(block.child_block, item)
            for item in data
        ]
    return data


@cache
def checked_fields(model):
    """A model's fields that hold rich text or web addresses."""
    return tuple(
        field
        for field in model._meta.fields
        if isinstance(field, RichTextField | StreamField | WebAddressField)
    )


def clean_value(field, value):
    if isinstance(field, WebAddressField):
        if value:
            validate_web_address(value)
        return value
    if isinstance(field, RichTextField):
        return clean_html(value) if isinstance(value, str) else value
    if isinstance(value, str):  # a revision holds a stream as JSON text
        try:
            data = json.loads(value)
        except ValueError:  # text from before the field was a stream: Wagtail shows none of it
            return value
        cleaned = clean_block_data(field.stream_block, data)
        return value if cleaned == data else json.dumps(cleaned, cls=field.json_field.encoder)
    return clean_block_data(field.stream_block, value)


def clean_stored(field, value):
    """A field's value as the database or a revision holds it, cleaned or refused."""
    try:
        return clean_value(field, value)
    except ValidationError as error:
        raise ValidationError({field.name: error.messages}) from error


def clean_instance(sender, instance, update_fields=None, **kwargs):
    """pre_save of a model with rich text or addresses, whoever saves it.

    A signal, not Field.pre_save: refusing there would break the caller's transaction.
    """
    for field in checked_fields(sender):
        if update_fields is not None and field.name not in update_fields:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, StreamField):
            value = field.get_prep_value(value)
        cleaned = clean_stored(field, value)
        if cleaned != value:
            setattr(instance, field.attname, cleaned)


def clean_revision(sender, instance, update_fields=None, **kwargs):
    """pre_save of revisions: drafts written by code are cleaned like the saved objects."""
    if update_fields is not None and "content" not in update_fields:
        return
    model = instance.content_type.model_class()
    if model is None or not isinstance(instance.content, dict):
        return
    for field in checked_fields(model):
        if instance.content.get(field.name):
            instance.content[field.name] = clean_stored(field, instance.content[field.name])


def connect_signals():
    for model in apps.get_models():
        if checked_fields(model):
            pre_save.connect(clean_instance, sender=model)
    pre_save.connect(clean_revision, sender=Revision)
