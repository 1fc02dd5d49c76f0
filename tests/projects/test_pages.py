"""Sub-project pages and the partner network as visitors see them."""

from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

import pytest

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from tests.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    build_site,
    publish_translation,
)
from website.core.models import HomePage, StandardPage
from website.people.models import PartnerOrganisation, Person
from website.projects.models import PartnerIndexPage, ProjectContact, ProjectPage


class PageTypeRulesTests(WagtailPageTestCase):
    def test_projects_and_the_partner_overview_live_below_the_home_page(self):
        self.assertAllowedParentPageTypes(ProjectPage, {HomePage})
        self.assertAllowedSubpageTypes(ProjectPage, set())
        self.assertAllowedParentPageTypes(PartnerIndexPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(PartnerIndexPage, set())


def add_project(parent, slug, **fields):
    project = ProjectPage(title=fields.pop("title", slug.title()), slug=slug, **fields)
    parent.add_child(instance=project)
    project.save_revision().publish()
    return project


@pytest.fixture
def site(db):
    homes = build_site()
    partners = [
        PartnerOrganisation.objects.create(
            name=name, kind=kind, town="Erfurt", since_year=2024, short_description="Beispiel."
        )
        for name, kind in (
            ("Beispielverein e. V.", PartnerOrganisation.Kind.ASSOCIATION),
            ("Muster GmbH", PartnerOrganisation.Kind.COMPANY),
        )
    ]
    women = add_project(
        homes["de"],
        "connecting-women",
        title="Connecting Women",
        intro="Ein Mentoring-Programm.",
        aims="<ul><li>Frauennetzwerke aufbauen</li></ul>",
        target_groups="<p>Frauen mit Fluchterfahrung</p>",
        participation="<p>Schreiben Sie uns.</p>",
    )
    person = Person.objects.create(
        name="Leyla Beispiel", role="Koordination", public_email="leyla@example.org"
    )
    women.contacts.set([ProjectContact(person=person)])
    women.partners.set(partners[:1])
    women.save_revision().publish()
    return {"homes": homes, "women": women, "partners": partners}


def test_project_page_shows_aims_target_groups_taking_part_and_contacts(client, html, site):
    doc = html(client.get("/connecting-women/"))
    assert doc.body["data-page-type"] == "projects.projectpage"
    headings = [h.get_text(strip=True) for h in doc.select("main h2")]
    assert headings[:3] == ["Ziele", "Für wen", "So machen Sie mit"]
    assert "Frauennetzwerke aufbauen" in doc.select_one("main").get_text()
    contact = doc.select_one(".contact")
    assert "Leyla Beispiel" in contact.get_text()
    assert contact.select_one('a[href="mailto:leyla@example.org"]')
    assert [p.get_text(strip=True) for p in doc.select(".partner__name")] == [
        "Beispielverein e. V."
    ]


def test_project_lists_its_exhibitions_in_the_visitors_language(client, html, site):
    homes, women = site["homes"], site["women"]
    index = ExhibitionIndexPageFactory(parent=homes["de"])
    related = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    related.projects.set([women])
    related.save_revision().publish()
    ExhibitionPageFactory(parent=index, title="Eine andere Ausstellung")
    draft = ExhibitionPageFactory(parent=index, title="Noch ein Entwurf", live=False)
    draft.projects.set([women])
    draft.save_revision()
    doc = html(client.get("/connecting-women/"))
    titles = [a.get_text(strip=True) for a in doc.select("#exhibitions-heading + ul a")]
    assert titles == ["Beulwitz designt"]

    # The English project lists the English exhibition that names the German project.
    women_en = publish_translation(women, homes["en"].locale)
    publish_translation(index, homes["en"].locale, title="Exhibitions")
    publish_translation(related, homes["en"].locale, title="Beulwitz designt (en)")
    doc = html(client.get(women_en.url))
    titles = [a.get_text(strip=True) for a in doc.select("#exhibitions-heading + ul a")]
    assert titles == ["Beulwitz designt (en)"]
    assert ExhibitionPage.objects.count() == 4
    assert ExhibitionIndexPage.objects.count() == 2


def test_partner_overview_groups_every_partner_by_kind(client, html, site):
    overview = PartnerIndexPage(title="Die Projektpartnerinnen", slug="projektpartnerinnen")
    site["homes"]["de"].add_child(instance=overview)
    overview.save_revision().publish()
    doc = html(client.get("/projektpartnerinnen/"))
    groups = {
        section.h2.get_text(strip=True): [
            p.get_text(strip=True) for p in section.select("li p.partner__name")
        ]
        for section in doc.select("main section")
    }
    assert groups == {"Verein": ["Beispielverein e. V."], "Unternehmen": ["Muster GmbH"]}
    assert "seit 2024" in doc.select_one(".partner__meta").get_text()


def test_home_page_shows_the_partners_and_links_the_overview(client, html, site):
    home = site["homes"]["de"]
    home.partners_heading = "Seit 2024 mit an Bord"
    home.save_revision().publish()
    overview = PartnerIndexPage(title="Die Projektpartnerinnen", slug="projektpartnerinnen")
    home.add_child(instance=overview)
    overview.save_revision().publish()
    doc = html(client.get("/"))
    section = doc.select_one("section.partners")
    assert section.h2.get_text(strip=True) == "Seit 2024 mit an Bord"
    assert len(section.select(".partner")) == 2
    assert section.select_one('a[href="/projektpartnerinnen/"]')


def test_partner_names_are_marked_german_on_arabic_pages(client, html, site):
    doc = html(client.get(site["homes"]["ar"].url))
    names = doc.select("section.partners .partner__name")
    assert names and all(name["lang"] == "de" and name["dir"] == "ltr" for name in names)


def test_private_projects_list_nowhere(client, html, site):
    PageViewRestriction.objects.create(page=site["women"], restriction_type="login")
    assert client.get("/connecting-women/").status_code == 302
