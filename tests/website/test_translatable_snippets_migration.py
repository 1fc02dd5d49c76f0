"""Venues, people and partner organisations became translatable snippets: every one made before
is an original in the site's first language, with a translation key of its own."""

from wagtail.models import Locale

import pytest

from exhibitions.models import Venue
from tests.migrations import migrate, state_at
from website.people.models import PartnerOrganisation, Person

BEFORE = [
    ("exhibitions", "0004_venue_admission_and_coordinates"),
    ("people", "0002_website_web_address"),
]


@pytest.fixture
def old_apps(django_db_serialized_rollback, transactional_db):
    """The models as they were before they had a language."""
    migrate(BEFORE)
    yield state_at(BEFORE).apps
    migrate()


def test_existing_records_become_german_originals(old_apps):
    old_venue = old_apps.get_model("exhibitions", "Venue")
    old_person = old_apps.get_model("people", "Person")
    old_partner = old_apps.get_model("people", "PartnerOrganisation")
    venues = [old_venue.objects.create(name=name) for name in ("Rathaus", "Galerie")]
    partner = old_partner.objects.create(name="Beispielverein e. V.")
    person = old_person.objects.create(name="Erika Beispiel", organisation=partner)

    migrate()

    german = Locale.objects.get(language_code="de")
    records = [
        *Venue.objects.filter(pk__in=[venue.pk for venue in venues]),
        Person.objects.get(pk=person.pk),
        PartnerOrganisation.objects.get(pk=partner.pk),
    ]
    assert len(records) == 4
    assert all(record.locale == german for record in records)
    keys = [record.translation_key for record in records]
    assert None not in keys and len(set(keys)) == len(keys)
    # Each can now be translated: the copy shares its key.
    english = Locale.objects.get_or_create(language_code="en")[0]
    copy = records[0].copy_for_translation(english)
    copy.save()
    assert records[0].get_translation(english) == copy
