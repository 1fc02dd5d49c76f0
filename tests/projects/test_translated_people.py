"""People and partner organisations are snippets translated with Wagtail's snippet localisation:
English pages show their English text unmarked, and German text marked lang="de" dir="ltr"."""

from django.urls import reverse

import pytest

from tests.factories import build_site, locales, publish_translation, translate_snippet
from website.people.models import PartnerOrganisation, Person
from website.projects.models import PartnerIndexPage, ProjectContact, ProjectPage

pytestmark = pytest.mark.django_db

GERMAN = {"lang": "de", "dir": "ltr"}


def marks(element):
    return {name: element.get(name) for name in ("lang", "dir") if element.has_attr(name)}


@pytest.fixture
def english_project():
    homes = build_site()
    translated, german = (
        PartnerOrganisation.objects.create(name=name, short_description=text)
        for name, text in (
            ("Beispielverein e. V.", "Sprachkurse."),
            ("Muster GmbH", "Praktika."),
        )
    )
    translate_snippet(translated, "en", short_description="Language courses.")
    leyla = Person.objects.create(name="Leyla Beispiel", role="Koordination")
    translate_snippet(leyla, "en", role="Coordinator")
    project = ProjectPage(title="Connecting Women", slug="connecting-women")
    homes["de"].add_child(instance=project)
    project.contacts.set([ProjectContact(person=leyla)])
    project.partners.set([translated, german])
    project.save_revision().publish()
    overview = PartnerIndexPage(title="Die Projektpartnerinnen", slug="projektpartnerinnen")
    homes["de"].add_child(instance=overview)
    overview.save_revision().publish()
    publish_translation(overview, locales()["en"], slug="partners")
    return publish_translation(project, locales()["en"], slug="connecting-women")


def partners(doc):
    """Each partner's description with its marks, by name."""
    return {
        item.select_one(".partner__name").get_text(strip=True): (
            item.select_one(".partner__description").get_text(strip=True),
            marks(item.select_one(".partner__description")),
        )
        for item in doc.select(".partner")
    }


def test_an_english_project_page_shows_the_english_role_unmarked(client, html, english_project):
    contact = html(client.get(english_project.url)).select_one(".contact")
    assert contact.select_one(".contact__role").get_text(strip=True) == "Coordinator"
    assert not contact.find_all(lang=True) and not contact.has_attr("lang")


def test_without_a_translation_the_german_role_is_marked(client, html, english_project):
    Person.objects.exclude(locale__language_code="de").delete()
    contact = html(client.get(english_project.url)).select_one(".contact")
    assert contact.select_one(".contact__role").get_text(strip=True) == "Koordination"
    assert marks(contact) == GERMAN


def test_partners_are_listed_once_each_in_english_where_translated(client, html, english_project):
    expected = {
        "Beispielverein e. V.": ("Language courses.", {}),
        "Muster GmbH": ("Praktika.", GERMAN),
    }
    home = html(client.get("/en/"))
    assert len(home.select("section.partners .partner")) == 2
    assert partners(html(client.get("/en/partners/"))) == expected
    # The project lists its partners, chosen on the German page, in English too.
    project = html(client.get(english_project.url))
    assert len(project.select(".partner")) == 2
    assert marks(project.select(".partner__name")[1]) == GERMAN
    # The German pages show the German originals, unmarked.
    german = partners(html(client.get("/projektpartnerinnen/")))
    assert german["Beispielverein e. V."] == ("Sprachkurse.", {})


def test_a_partners_name_is_unique_in_its_language(admin_client):
    PartnerOrganisation.objects.create(name="Beispielverein e. V.")
    english = locales()["en"]
    add = reverse("wagtailsnippets_people_partnerorganisation:add")
    data = {"name": "Beispielverein e. V.", "kind": "association"}
    response = admin_client.post(add, data)
    assert response.status_code == 200  # the form again, not a database error
    assert list(response.context["form"].errors) == ["name"]
    # In another language the name is free: a translation may keep it.
    admin_client.post(f"{add}?locale=en", data)
    assert PartnerOrganisation.objects.get(locale=english).name == "Beispielverein e. V."
