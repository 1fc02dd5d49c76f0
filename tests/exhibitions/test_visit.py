"""The visit block of an exhibition page: where, when, how to get in and there, and who made it."""

from decimal import Decimal

from django.urls import reverse

import pytest

from exhibitions.models import ExhibitionCredit, Venue
from tests.factories import locales, publish_translation
from website.demo.exhibitions import demo_venue
from website.people.models import PartnerOrganisation, Person

pytestmark = pytest.mark.django_db

OSM_MARKER = (
    "https://www.openstreetmap.org/?mlat=50.650000&mlon=11.366700#map=17/50.650000/11.366700"
)


@pytest.fixture
def venue():
    return Venue.objects.create(
        name="Galerie im Schloss",
        address="Schlossplatz 1\n12345 Musterstadt",
        opening_hours="Di–So 10–17 Uhr",
        admission="Eintritt frei",
        accessibility="Stufenloser Zugang, Aufzug",
        latitude=Decimal("50.65"),
        longitude=Decimal("11.3667"),
        website="https://galerie.example.org/",
    )


def visit_block(doc):
    return doc.select_one("aside.visit")


def facts(doc):
    """The block's facts by label, each as its words."""
    return {
        fact.dt.get_text(" ", strip=True): fact.dd.get_text(" ", strip=True)
        for fact in visit_block(doc).select(".visit__facts > .visit__fact")
    }


def test_the_visit_block_says_where_when_and_how_to_get_in_and_there(
    client, html, make_exhibition, venue
):
    exhibition = make_exhibition(venue=venue)
    doc = html(client.get(exhibition.url))
    block = visit_block(doc)
    assert block.h2.get_text(strip=True) == "Besuch"
    found = facts(doc)
    assert list(found) == [
        "Termine",
        "Ort",
        "Öffnungszeiten",
        "Eintritt",
        "Barrierefreiheit",
        "Anfahrt",
    ]
    assert found["Ort"] == (
        "Galerie im Schloss Schlossplatz 1 12345 Musterstadt Website des Ausstellungsorts"
    )
    assert found["Öffnungszeiten"] == "Di–So 10–17 Uhr"
    assert found["Eintritt"] == "Eintritt frei"
    assert found["Barrierefreiheit"] == "Stufenloser Zugang, Aufzug"
    directions = block.find("a", string="Auf OpenStreetMap zeigen")
    assert directions["href"] == OSM_MARKER
    # A link, never a map embedded from another host.
    assert not block.select("iframe, img, script, object")
    # Each fact carries its icon, hidden from assistive technology.
    assert len(block.select(".visit__fact dt svg[aria-hidden=true]")) == len(found)
    assert doc.select_one('link[rel=stylesheet][href$="visit.css"]')


def test_without_coordinates_directions_search_the_address(client, html, make_exhibition, venue):
    venue.latitude = venue.longitude = None
    venue.save()
    exhibition = make_exhibition(venue=venue)
    directions = visit_block(html(client.get(exhibition.url))).find(
        "a", string="Auf OpenStreetMap zeigen"
    )
    assert directions["href"] == (
        "https://www.openstreetmap.org/search?query="
        "Galerie+im+Schloss%2C+Schlossplatz+1%2C+12345+Musterstadt"
    )


def test_a_venue_with_only_a_name_shows_only_its_name(client, html, make_exhibition):
    exhibition = make_exhibition(venue=Venue.objects.create(name="Rathaus"))
    found = facts(html(client.get(exhibition.url)))
    assert found == {"Termine": found["Termine"], "Ort": "Rathaus"}


def test_credits_name_each_role_and_the_persons_own(client, html, make_exhibition):
    exhibition = make_exhibition()
    exhibition.credits.set(
        [
            # In the order the editor put them, as the admin's inline panel numbers them.
            ExhibitionCredit(
                sort_order=0,
                role="initiator",
                person=Person.objects.create(name="Erika Beispiel", role="Jugendarbeit"),
            ),
            ExhibitionCredit(
                sort_order=1,
                role="partner",
                organisation=PartnerOrganisation.objects.create(name="Verein Beispiel e. V."),
            ),
        ]
    )
    exhibition.save_revision().publish()
    block = visit_block(html(client.get(exhibition.url)))
    assert block.h3.get_text(strip=True) == "Mitwirkende"
    credits = [
        (credit.dt.get_text(strip=True), credit.dd.get_text(" ", strip=True))
        for credit in block.select(".visit__credits > .visit__credit")
    ]
    assert credits == [
        ("Initiator*in", "Erika Beispiel Jugendarbeit"),
        ("Partner", "Verein Beispiel e. V."),
    ]


def test_in_arabic_the_labels_are_arabic_and_the_german_venue_is_marked(
    client, html, make_exhibition, venue
):
    exhibition = make_exhibition(venue=venue)
    arabic = locales()["ar"]
    publish_translation(exhibition.get_parent(), arabic, slug="maarid")
    translation = publish_translation(exhibition, arabic, slug="beulwitz")
    doc = html(client.get(translation.url))
    found = facts(doc)
    assert list(found) == [
        "المواعيد",
        "المكان",
        "ساعات العمل",
        "الدخول",
        "إمكانية الوصول",
        "الاتجاهات",
    ]
    block = visit_block(doc)
    german = block.select('dd [lang="de"][dir="ltr"]')
    assert [part.get_text(" ", strip=True) for part in german] == [
        "Galerie im Schloss Schlossplatz 1 12345 Musterstadt",
        "Di–So 10–17 Uhr",
        "Eintritt frei",
        "Stufenloser Zugang, Aufzug",
    ]
    assert block.find("a", string="عرض على OpenStreetMap")["href"] == OSM_MARKER
    # German pages do not mark their own language.
    assert not visit_block(html(client.get(exhibition.url))).select("[lang]")


@pytest.mark.parametrize(
    ("coordinates", "errors"),
    [
        ({"latitude": "50.65"}, {"longitude"}),
        ({"longitude": "11.3667"}, {"latitude"}),
        ({"latitude": "91", "longitude": "11"}, {"latitude"}),
        ({"latitude": "50", "longitude": "-181"}, {"longitude"}),
    ],
)
def test_editors_give_both_coordinates_within_range(admin_client, coordinates, errors):
    data = {"name": "Galerie", "latitude": "", "longitude": "", **coordinates}
    response = admin_client.post(reverse("wagtailsnippets_exhibitions_venue:add"), data)
    assert response.status_code == 200  # the form again, with its errors
    assert set(response.context["form"].errors) == errors
    assert not Venue.objects.exists()


def test_editors_save_a_venue_with_both_coordinates(admin_client):
    data = {"name": "Galerie", "latitude": "50.65", "longitude": "11.3667", "admission": "frei"}
    admin_client.post(reverse("wagtailsnippets_exhibitions_venue:add"), data)
    venue = Venue.objects.get()
    assert venue.directions_url == OSM_MARKER
    assert venue.admission == "frei"


def test_the_demo_venue_marks_what_the_seed_does_not_say_as_examples():
    venue = demo_venue()
    assert venue.address == "Saalfeld/Saale"  # the town the seed's "Saalfelder Schloss" names
    for invented in (venue.opening_hours, venue.admission, venue.accessibility):
        assert invented.startswith("Beispiel: ")
    assert venue.directions_url.startswith("https://www.openstreetmap.org/?mlat=50.650000&")
    assert demo_venue() == venue  # a second load_demo finds it
