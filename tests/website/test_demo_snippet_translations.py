"""The demo's venue and the roles of its people in English and Arabic, made once however often
`load_demo` runs; what the seed does not say stays marked as an example in every language."""

import pytest

from exhibitions.models import Venue
from website.demo.exhibitions import demo_venue, translate_venue_and_initiators
from website.demo.factories import locales
from website.demo.projects import ensure_contact
from website.people.models import Person

pytestmark = pytest.mark.django_db

EXAMPLE = {"de": "Beispiel: ", "en": "Example: ", "ar": "مثال: "}


def texts(record):
    """The record's translations, its own included, by language code."""
    return {r.locale.language_code: r for r in record.get_translations(inclusive=True)}


def test_the_demo_venue_speaks_english_and_arabic_and_marks_its_examples():
    locales()
    for _ in range(2):  # as a second load_demo would
        translate_venue_and_initiators(log=lambda message: None)
    assert Venue.objects.count() == 3
    venues = texts(demo_venue())
    assert venues["en"].name == "Gallery at Saalfeld Castle"
    assert venues["ar"].name == "صالة العرض في قصر زالفيلد"
    for code, venue in venues.items():
        for invented in (venue.opening_hours, venue.admission, venue.accessibility):
            assert invented.startswith(EXAMPLE[code]), (code, invented)
        assert venue.latitude == venues["de"].latitude
    roles = {
        code: person.role
        for code, person in texts(
            Person.objects.get(name="Christian Uthe", locale=locales()["de"])
        ).items()
    }
    assert roles == {
        "de": "Mobile Jugendarbeit",
        "en": "Mobile youth work",
        "ar": "العمل الشبابي المتنقل",
    }


def test_the_contact_people_have_their_roles_in_english_and_arabic():
    locales()
    first = ensure_contact("connecting-women", log=lambda message: None)
    assert ensure_contact("connecting-women", log=lambda message: None) == first
    people = texts(first)
    assert Person.objects.count() == len(people) == 3
    assert people["en"].role == "Coordinator, Connecting Women"
    assert people["ar"].role == "منسّقة Connecting Women"
    # Fictional in every language.
    assert people["en"].name.endswith("(fictional)")
