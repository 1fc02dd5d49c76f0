"""Translations of the demo's snippets (venue, people), made once from the German original."""

from wagtail.models import Locale


def ensure_snippet_translation(record, code, log, **fields):
    """The record's translation into the language, a copy with these fields translated."""
    locale = Locale.objects.get(language_code=code)
    existing = record.get_translation_or_none(locale)
    if existing:
        return existing
    translation = record.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.full_clean()
    translation.save()
    log(f"„{record}“ ({code}) angelegt")
    return translation


def ensure_snippet_translations(record, texts, log):
    """Its translations by language code: {"en": {"role": …}, "ar": {…}}."""
    for code, fields in texts.items():
        ensure_snippet_translation(record, code, log, **fields)
