"""Text a page in another language still shows in the site's first language (German), marked
with that language's `lang` and `dir` so that screen readers and hyphenation read it right."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.filter
def in_source_language(text, untranslated=True):
    """The text in a `<span lang="de" dir="ltr">` on a page in another language, where it is
    `untranslated`: by default, since text of records that are not translated (venues, people)
    is written in the site's first language."""
    source = settings.LANGUAGE_CODE
    if not text or not untranslated or get_language() == source:
        return text
    direction = "rtl" if get_language_info(source)["bidi"] else "ltr"
    return format_html('<span lang="{}" dir="{}">{}</span>', source, direction, text)
