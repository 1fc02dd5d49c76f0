"""What every part of the demo builds with: pages made once, their translations, paragraphs."""

import json
from pathlib import Path

from django.utils.html import format_html, format_html_join

from wagtail.models import Locale

from .factories import publish_translation


def paragraphs_html(paragraphs):
    return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in paragraphs))


def list_html(items):
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))


def ensure_child(parent, factory, slug, **fields):
    """The factory's page with this slug under the parent, made and published if it is missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = factory(parent=parent, slug=slug, **fields)
    page.save_revision().publish()
    return page, True


def ensure_translation(page, code, log, adapt=None, **fields):
    """The page's published translation, made from a copy with these fields translated.

    `adapt(translation)` translates what fields cannot say, such as inline captions.
    """
    locale = Locale.objects.get(language_code=code)
    existing = page.get_translations().filter(locale=locale).first()
    if existing:
        return existing.specific
    translation = publish_translation(page, locale, adapt=adapt, **fields)
    log(f"„{page.title}“ ({code}) angelegt")
    return translation


def read_translations(name):
    """The translations in the JSON file of this name beside the builders."""
    return json.loads(Path(__file__).with_name(name).read_text(encoding="utf-8"))


def translated_stream(blocks, texts, code):
    """A StreamField's German blocks with the translated texts, one text per block, in order.

    A text is a string or a list of strings (paragraphs), {"items": [...]} (a bulleted list) or
    [title, instructions] (a method's step); headings and questions take the string, images take
    it as alternative text. A participant's own words in the page's language need none (null).
    """
    return [translated_block(block, text, code) for block, text in zip(blocks, texts, strict=True)]


def translated_block(block, text, code):
    kind, value = block["type"], block["value"]
    paragraphs = [text] if isinstance(text, str) else text
    if kind == "bilingual" and value["language"] == code:
        # The participant's own words are in the page's language: they need nothing beside them.
        return {"type": "paragraph", "value": value["own_text"]}
    if kind == "bilingual":
        value = {**value, "text": paragraphs_html(paragraphs)}
    elif kind == "heading":
        value = {**value, "text": text}
    elif kind == "image":
        value = {**value, "alt_text": text}
    elif kind == "step":
        title, instructions = text
        value = {**value, "title": title, "instructions": paragraphs_html([instructions])}
    elif kind == "question":
        value = text
    elif isinstance(text, dict):
        value = list_html(text["items"])
    else:
        value = paragraphs_html(paragraphs)
    return {"type": kind, "value": value}


def in_locale(pages, locale):
    """Each page's translation into the locale, or the page itself where it has none."""
    return [page.get_translation_or_none(locale) or page for page in pages]
