"""On an English or Arabic exhibition, text still in German carries lang="de" dir="ltr":
captions the translation left as they were, the venue, German tags and people's roles."""

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import ExhibitionCredit, GalleryPhoto, Venue
from tests.factories import locales, publish_translation
from website.people.models import Person

pytestmark = pytest.mark.django_db

GERMAN = {"lang": "de", "dir": "ltr"}


@pytest.fixture
def english_exhibition(make_exhibition):
    exhibition = make_exhibition(
        photos=2,
        venue=Venue.objects.create(name="Galerie im Saalfelder Schloss"),
        credits=[
            ExhibitionCredit(
                role="initiator",
                person=Person.objects.create(name="Martin Spitzer", role="Fachplaner"),
            )
        ],
    )
    exhibition.tags.add("Mode")
    exhibition.save_revision().publish()
    publish_translation(exhibition.get_parent(), locales()["en"], slug="exhibitions")
    english = publish_translation(exhibition, locales()["en"], slug="beulwitz-designs")
    english.tags.add("Fashion")
    english.save_revision().publish()
    GalleryPhoto.objects.filter(page=english, number=2).update(caption="Picture 2")
    return exhibition, english


def marked(element):
    return {name: element.get(name) for name in ("lang", "dir")}


def language_of(element):
    """The marks in effect on the element: its own, or its nearest marked ancestor's."""
    return marked(element if element.has_attr("lang") else element.find_parent(lang=True))


def test_german_text_on_the_english_page_is_marked(client, html, english_exhibition):
    german, english = english_exhibition
    doc = html(client.get(english.url))
    # The lightbox's captions wait in <template>s, which the parser keeps as text.
    templates = "".join(template.decode_contents() for template in doc.select("template"))
    captions = BeautifulSoup(templates, "html.parser").select(".lightbox__caption")
    assert captions[0].span.get_text() == "Bild 1"
    assert marked(captions[0].span) == GERMAN
    assert captions[1].get_text() == "Picture 2" and not captions[1].span
    venue_names = doc.find_all("span", string="Galerie im Saalfelder Schloss")
    assert len(venue_names) == 2  # in the hero and in the visit block
    assert all(language_of(name) == GERMAN for name in venue_names)
    assert language_of(doc.find(class_="visit__role")) == GERMAN
    tags = {a.get_text(): a.span for a in doc.select(".tag-list a")}
    assert marked(tags["Mode"]) == GERMAN and tags["Fashion"] is None
    # The German page itself marks nothing.
    assert not html(client.get(german.url)).select('main [lang="de"]')


def test_an_untranslated_photo_title_is_marked_on_its_page(client, html, english_exhibition):
    _, english = english_exhibition
    heading = html(client.get(english.url + "foto/1/")).h1
    assert heading.get_text() == "Bild 1" and marked(heading.span) == GERMAN
    assert not html(client.get(english.url + "foto/2/")).h1.span
