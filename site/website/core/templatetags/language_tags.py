"""Text a page shows in another language than its own, marked with that language's `lang` and
`dir` so that screen readers and hyphenation read it right: German captions and tags a
translation kept, and snippets (venues, people, partners) without a translation into the page's
language.

One mechanism for both uses: `{% lang_of record %}` gives the attributes for an element of the
template's own (a block), `|in_language_of:record` and `|in_source_language` wrap inline text in
a marked `<span>`.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

register = template.Library()


def language_marks(language_code):
    """` lang="…" dir="…"` for text in that language on a page in another; else nothing."""
    if not language_code or language_code == get_language():
        return ""
    direction = "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language_code, direction)


def marked_inline(text, language_code):
    marks = language_marks(language_code)
    if not text or not marks:
        return text
    return format_html("<span{}>{}</span>", marks, text)


@register.simple_tag
def lang_of(record):
    """The marks for an element holding a translatable record's text: `<div{% lang_of venue %}>`.
    None where the record shown (its `localized` translation) is in the page's language."""
    return language_marks(record.locale.language_code) if record else ""


@register.filter
def in_language_of(text, record):
    """The text of a translatable record, in a marked `<span>` where that record is in another
    language than the page: `{{ venue.name|in_language_of:venue }}`."""
    return marked_inline(text, record.locale.language_code) if record else text


@register.filter
def in_source_language(text, untranslated=True):
    """The text in a `<span lang="de" dir="ltr">` on a page in another language, where it is
    `untranslated`: the German original of a caption, tag or description the page kept."""
    return marked_inline(text, settings.LANGUAGE_CODE) if untranslated else text
