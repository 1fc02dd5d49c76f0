"""Section editors see the participants and tags of their own sections only.

A participant belongs to a section when a photo of its collection shows them, a story of it is
about them, or their sub-project is the section; withdrawn or expired ones are offered to no one.
"""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests.news.factories import NewsPageFactory, make_news, publish
from tests.stories.consent_helpers import (
    DAY,
    TODAY,
    StoryIndexPageFactory,
    StoryPageFactory,
    form_data,
    make_participant,
)
from website.users.sections import setup_sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(sections):
    leyla = make_participant("Leyla")  # in a photo of the editor's section
    sections.image_a.participants.add(leyla)
    rami = make_participant("Rami")  # in a photo of the other section
    sections.image_b.participants.add(rami)
    noor = make_participant("Noor", withdrawn_on=TODAY - DAY)  # withdrew; photo of the section
    sections.image_a.participants.add(noor)
    make_participant("Sami")  # nowhere yet
    return leyla, rami, noor


def chooser_names(client):
    response = client.get(reverse("wagtailsnippetchoosers_stories_participant:choose"))
    assert response.status_code == 200
    html = response.json()["html"]
    return {name for name in ("Leyla", "Rami", "Noor", "Sami") if name in html}


def test_the_participant_chooser_offers_the_own_sections_participants(
    editor_client, admin_client, people
):
    leyla, rami, _noor = people
    assert chooser_names(editor_client) == {"Leyla"}
    chosen = "wagtailsnippetchoosers_stories_participant:chosen"
    assert editor_client.get(reverse(chosen, args=[leyla.pk])).status_code == 200
    assert editor_client.get(reverse(chosen, args=[rami.pk])).status_code == 404
    # Who keeps the records sees everyone, but is not offered who withdrew either.
    assert chooser_names(admin_client) == {"Leyla", "Rami", "Sami"}


def test_a_photo_offers_the_own_sections_participants_and_keeps_who_it_shows(
    editor_client, sections, people
):
    leyla, rami, noor = people
    url = reverse("wagtailimages:edit", args=[sections.image_a.pk])
    response = editor_client.get(url)
    offered = {str(p) for p in response.context["form"].fields["participants"].queryset}
    assert offered == {"Leyla", "Noor"}  # Noor is shown already: kept, so saving keeps her
    assert "Rami" not in response.text
    data = form_data(response)
    data["participants"] = [leyla.pk, noor.pk, rami.pk]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors
    assert set(sections.image_a.participants.all()) == {leyla, noor}


def test_a_story_is_about_a_participant_of_the_own_section(
    client, django_user_model, sections, people
):
    leyla, rami, _noor = people
    index = publish(StoryIndexPageFactory(parent=sections.homes["de"]))
    amal = make_participant("Amal")
    publish(StoryPageFactory(parent=index, participant=amal, title="Amals Weg"))
    setup_sections()
    editor = django_user_model.objects.create_user(username="geschichten", password="x")
    editor.groups.add(Group.objects.get(name="Geschichten editors"))
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippetchoosers_stories_participant:choose"))
    html = response.json()["html"]
    assert "Amal" in html and "Leyla" not in html and "Rami" not in html
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk])
    data = {
        **form_data(client.get(add_url)),
        "title": "Neue Geschichte",
        "slug": "neue-geschichte",
        "teaser": "Kurz.",
        "participant": rami.pk,  # chosen by its id, from another section
        "body-count": "0",
    }
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert "participant" in response.context["form"].errors
    assert client.post(add_url, {**data, "participant": amal.pk}).status_code == 302


@pytest.fixture
def tagged(sections):
    sections.page_a.tags.add("Gartenfest")  # the own section's page
    sections.page_a.save()
    # Another section's draft, never published: saved as the admin saves a new page.
    draft = NewsPageFactory(parent=sections.index_b, title="Entwurf", live=False)
    draft.tags.add("Geheimplan")
    draft.save()
    make_news(sections.index_b, tags=["Gemeinsam"], title="Offen")  # public
    restricted = make_news(sections.index_b, tags=["Geheimtreffen"], title="Intern")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    sections.image_a.tags.add("Gartenbild")
    sections.image_b.tags.add("Geheimbild")


@pytest.mark.parametrize(
    ("term", "offered"),
    [("Gart", ["Gartenbild", "Gartenfest"]), ("Gem", ["Gemeinsam"]), ("Geh", [])],
)
def test_tag_autocomplete_offers_tags_of_what_the_editor_may_see(
    editor_client, sections, tagged, term, offered
):
    for url in (
        reverse("wagtailadmin_tag_autocomplete"),
        reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"]),
    ):
        response = editor_client.get(url, {"term": term})
        assert response.json() == offered


def test_tag_autocomplete_needs_the_admin_and_answers_any_term(editor_client, tagged):
    url = reverse("wagtailadmin_tag_autocomplete")
    assert Client().get(url, {"term": "Geh"}).status_code == 302  # to the login
    for term in ("Gart\x00", "%", "_", "'", "x" * 10_000):
        assert editor_client.get(url, {"term": term}).status_code == 200
