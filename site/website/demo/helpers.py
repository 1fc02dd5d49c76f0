"""What every part of the demo builds with: pages made once, their translations, paragraphs."""

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


def in_locale(pages, locale):
    """Each page's translation into the locale, or the page itself where it has none."""
    return [page.get_translation_or_none(locale) or page for page in pages]
