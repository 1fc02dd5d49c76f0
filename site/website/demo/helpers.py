"""What every part of the demo builds with: pages made once, their translations, paragraphs."""

from django.utils.html import format_html, format_html_join

from wagtail.models import Locale


def paragraphs_html(paragraphs):
    return format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in paragraphs))


def list_html(items):
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))


def ensure_child(parent, model, slug, **fields):
    """The child page with this slug, created and published only if it does not exist yet."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
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
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if adapt:
        adapt(translation)
    translation.save_revision().publish()
    log(f"„{page.title}“ ({code}) angelegt")
    return translation


def ensure_locales():
    for code in ("de", "en", "ar"):
        Locale.objects.get_or_create(language_code=code)
