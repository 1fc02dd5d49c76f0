"""Venues and people are snippets translated with Wagtail's snippet localisation: a page points
at the German original and shows its translation in the page's language, else the German text
marked lang="de" dir="ltr"."""

from django.apps import apps
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import ExhibitionCredit, Venue
from tests.factories import locales, publish_translation, translate_snippet
from website.people.models import Person

pytestmark = pytest.mark.django_db

GERMAN = {"lang": "de", "dir": "ltr"}


@pytest.fixture
def venue():
    return Venue.objects.create(
        name="Galerie im Schloss",
        address="Schlossplatz 1",
        opening_hours="Di–So 10–17 Uhr",
        admission="Eintritt frei",
        accessibility="Stufenloser Zugang",
    )


@pytest.fixture
def english_page(make_exhibition, venue):
    """An exhibition at the venue, with an Initiator, and its English translation."""
    person = Person.objects.create(name="Erika Beispiel", role="Jugendarbeit")
    exhibition = make_exhibition(
        venue=venue, credits=[ExhibitionCredit(role="initiator", person=person)]
    )
    publish_translation(exhibition.get_parent(), locales()["en"], slug="exhibitions")
    return publish_translation(exhibition, locales()["en"], slug="castle")


def visit_texts(doc):
    """The venue's texts in the visit block, each with the language marks in effect on it."""
    texts = {}
    for text in doc.select(".visit__facts dd > div"):
        marked = text if text.has_attr("lang") else text.find_parent(lang=True)
        marks = {name: marked.get(name) for name in ("lang", "dir")}
        texts[text.get_text(" ", strip=True)] = marks
    return texts


def test_an_english_page_shows_the_english_venue_unmarked(client, html, venue, english_page):
    translate_snippet(
        venue,
        "en",
        name="Castle gallery",
        address="1 Castle Square",
        opening_hours="Tue–Sun 10 am – 5 pm",
        admission="Free admission",
        accessibility="Step-free access",
    )
    doc = html(client.get(english_page.url))
    english = {"lang": "en", "dir": "ltr"}  # the page's own, from <html>
    assert visit_texts(doc) == {
        "Castle gallery 1 Castle Square": english,
        "Tue–Sun 10 am – 5 pm": english,
        "Free admission": english,
        "Step-free access": english,
    }
    assert "Castle gallery" in doc.select_one(".key-visual__facts").get_text()
    assert not doc.select('.key-visual [lang="de"], .visit__facts [lang="de"]')
    card = html(client.get(english_page.get_parent().url)).select_one(".exhibition-card .meta")
    assert "Castle gallery" in card.get_text() and not card.select("[lang]")


def test_without_an_english_translation_the_german_venue_is_marked(
    client, html, venue, english_page
):
    translate_snippet(venue, "ar", name="صالة العرض في القصر")  # another language's is no use here
    doc = html(client.get(english_page.url))
    assert visit_texts(doc) == {
        "Galerie im Schloss Schlossplatz 1": GERMAN,
        "Di–So 10–17 Uhr": GERMAN,
        "Eintritt frei": GERMAN,
        "Stufenloser Zugang": GERMAN,
    }
    hero_name = doc.select_one(".key-visual__facts span")
    assert hero_name.get_text() == "Galerie im Schloss"
    assert {name: hero_name.get(name) for name in ("lang", "dir")} == GERMAN


def test_an_arabic_venue_and_role_are_shown_in_arabic_unmarked(client, html, venue, english_page):
    translate_snippet(
        venue, "ar", name="صالة العرض في القصر", opening_hours="من الثلاثاء إلى الأحد"
    )
    translate_snippet(Person.objects.get(), "ar", role="العمل الشبابي")
    exhibition = english_page.get_translation(locales()["de"])
    publish_translation(exhibition.get_parent(), locales()["ar"], slug="maarid")
    arabic = publish_translation(exhibition, locales()["ar"], slug="qasr")
    doc = html(client.get(arabic.url))
    texts = visit_texts(doc)
    arabic_marks = {"lang": "ar", "dir": "rtl"}  # the page's own, from <html>
    assert texts["صالة العرض في القصر Schlossplatz 1"] == arabic_marks
    assert texts["من الثلاثاء إلى الأحد"] == arabic_marks
    role = doc.select_one(".visit__role")
    assert role.get_text() == "العمل الشبابي" and not role.has_attr("lang")


def test_an_english_role_replaces_the_german_one(client, html, english_page):
    translate_snippet(Person.objects.get(), "en", role="Youth work")
    role = html(client.get(english_page.url)).select_one(".visit__role")
    assert role.get_text() == "Youth work" and not role.has_attr("lang")


def test_pages_choose_among_the_german_venues_only(admin_client, make_exhibition, venue):
    english_venue = translate_snippet(venue, "en", name="Castle gallery")
    exhibition = make_exhibition(venue=venue)
    # The page form offers (and accepts) the originals only …
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[exhibition.pk])).context[
        "form"
    ]
    assert list(form.fields["venue"].queryset) == [venue]
    # … and so does the chooser the venue field opens, with no language to pick.
    response = admin_client.get(reverse("wagtailsnippetchoosers_exhibitions_venue:choose"))
    chooser = BeautifulSoup(response.json()["html"], "html.parser")
    names = [link.get_text(strip=True) for link in chooser.select("[data-chooser-modal-choice]")]
    assert names == ["Galerie im Schloss"]
    assert english_venue.name not in str(chooser)
    assert not chooser.select('select[name="locale"]')


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("exhibitions.venue", {"name": "Galerie"}),
        ("people.person", {"name": "Erika Beispiel", "role": "Jugendarbeit"}),
        ("people.partnerorganisation", {"name": "Beispielverein e. V."}),
    ],
)
def test_editors_translate_venues_people_and_partners(admin_client, model, fields):
    english = locales()["en"]
    record = apps.get_model(model).objects.create(**fields)
    app_label, model_name = model.split(".")
    listing = admin_client.get(reverse(f"wagtailsnippets_{app_label}_{model_name}:list"))
    translate_url = reverse(
        "simple_translation:submit_snippet_translation", args=[app_label, model_name, record.pk]
    )
    assert translate_url in listing.content.decode()
    response = admin_client.post(translate_url, {"locales": [english.pk]})
    copy = record.get_translation(english)
    assert response.url == reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[copy.pk])
    assert copy.name == record.name  # a partner's name may stay as it is in every language
