"""Records kept in the site's first language and translated as Wagtail snippets (venues, people,
partner organisations).

Pages point at the German original, and their translations copy that link; what a visitor
reads is the original's translation into the page's language (Wagtail's `localized`), or the
original itself, marked as German, where there is none.
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language, get_supported_language_variant


def first_language_only():
    """The originals: the records pages choose (a field's `limit_choices_to`)."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


def localized_all(originals, *related):
    """Each record in the active language: its translation where it has one, else itself.

    One query for any number of records, where Wagtail's `localized` asks twice for each;
    `related` names what to fetch with the translations, as the originals were fetched.
    """
    originals = list(originals)
    if not originals:
        return originals
    model = type(originals[0])
    translations = {
        translation.translation_key: translation
        for translation in model.objects.filter(
            translation_key__in=[record.translation_key for record in originals],
            locale__language_code=get_supported_language_variant(get_language()),
        ).select_related("locale", *related)
    }
    return [translations.get(record.translation_key, record) for record in originals]
