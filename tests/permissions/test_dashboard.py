"""The dashboard's panels by role, and the participants' own menu item.

Section A ("Ausstellungen") has an exhibition whose draft has two photos without alt text;
a story outside both sections shows one; a consent ends in ten days, another in sixty.
"""

import json

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto
from stories.models import Participant, StoryPhoto
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import publish
from tests.stories.consent_helpers import DAY, TODAY, make_participant, story_of

pytestmark = pytest.mark.django_db

PANELS = ["expiring_consents", "missing_alt_text", "outdated_translations", "section_drafts"]


@pytest.fixture
def dashboard(sections):
    page_a = sections.page_a
    described = make_image(plain_jpeg(40, 30), title="Beschriebenes Foto")
    page_a.gallery_photos.set(
        [
            GalleryPhoto(image=sections.image_a, alt_text=""),
            GalleryPhoto(image=described, alt_text="Ein Beet mit Tomaten"),
            GalleryPhoto(image=make_image(plain_jpeg(40, 30), title="Zierrand"), decorative=True),
            GalleryPhoto(image=make_image(plain_jpeg(40, 30), title="Gießkanne"), alt_text=""),
        ]
    )
    page_a.save_revision()  # in the draft only: the live version has no photos
    lena = make_participant("Lena", expires_on=TODAY + 10 * DAY)
    make_participant("Omar", expires_on=TODAY + 60 * DAY)
    story = story_of(sections.homes["de"], lena, title="Lenas Weg")
    story.photos.set([StoryPhoto(image=sections.image_b, alt_text="")])
    publish(story)
    # The English exhibitions index was translated before the German one last changed.
    publish(sections.index_a)
    return sections


def panels(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def sidebar_urls(html):
    """The URLs of the admin menu's items, top level and in submenus."""
    props = BeautifulSoup(html, "html.parser").find(id="wagtail-sidebar-props")
    return set(_urls(json.loads(props.string)))


def _urls(value):
    if isinstance(value, dict):
        if isinstance(value.get("url"), str):
            yield value["url"]
        for item in value.values():
            yield from _urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls(item)


def member_of(django_user_model, group, username):
    user = django_user_model.objects.create_user(username=username, password="x")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def panel_html(html, name):
    start = html.index(f'id="{name}-section"') if f'id="{name}-section"' in html else -1
    assert start >= 0, f"no panel {name}"
    return html[start : html.index("</section>", start)]


PARTICIPANTS = reverse("wagtailsnippets_stories_participant:list")


class TestSectionEditor:
    def test_sees_the_photos_translations_and_drafts_of_their_section_only(self, client, dashboard):
        client.force_login(dashboard.editor)
        html = panels(client)

        photos = panel_html(html, "missing_alt_text")
        assert "Gartenbilder" in photos
        assert "2 photos without alternative text" in photos
        assert reverse("wagtailimages:edit", args=[dashboard.image_a.pk]) in photos
        assert "Gießkanne" in photos
        assert "Beschriebenes Foto" not in photos and "Zierrand" not in photos
        assert "Lenas Weg" not in photos  # another section's story

        translations = panel_html(html, "outdated_translations")
        assert "Gartenbilder" in translations
        assert "English: older than the German page" in translations
        assert reverse("wagtailadmin_pages:edit", args=[dashboard.index_a_en.pk]) in translations
        assert "Arabic: missing" in translations
        assert "Sommerfest" not in translations and "Lenas Weg" not in translations

        drafts = panel_html(html, "section_drafts")
        assert reverse("wagtailadmin_pages:edit", args=[dashboard.page_a.pk]) in drafts
        assert "Sommerfest" not in drafts

    def test_sees_no_consents_and_no_participants_menu_item(self, client, dashboard):
        client.force_login(dashboard.editor)
        html = panels(client)

        assert 'id="expiring_consents-section"' not in html
        assert "Lena" not in html
        assert PARTICIPANTS not in sidebar_urls(html)


class TestConsentTeam:
    def test_sees_the_consents_ending_within_30_days_and_no_page_panels(
        self, client, dashboard, django_user_model
    ):
        client.force_login(member_of(django_user_model, "consent", "einwilligungen"))
        html = panels(client)

        consents = panel_html(html, "expiring_consents")
        assert "Lena" in consents and "Omar" not in consents
        lena = Participant.objects.get(pseudonym="Lena")
        assert reverse("wagtailsnippets_stories_participant:edit", args=[lena.pk]) in consents
        assert reverse("stories_expiring_consents") in consents
        for name in PANELS[1:]:
            assert f'id="{name}-section"' not in html

    def test_has_the_participants_menu_item(self, client, dashboard, django_user_model):
        client.force_login(member_of(django_user_model, "consent", "einwilligungen"))

        assert PARTICIPANTS in sidebar_urls(panels(client))


class TestSuperuser:
    def test_sees_every_panel_across_sections(self, admin_client, dashboard):
        html = panels(admin_client)

        for name in PANELS:
            panel_html(html, name)
        photos = panel_html(html, "missing_alt_text")
        assert "Gartenbilder" in photos and "Lenas Weg" in photos
        drafts = panel_html(html, "section_drafts")
        assert reverse("wagtailadmin_pages:edit", args=[dashboard.page_b.pk]) in drafts
        assert "Lena" in panel_html(html, "expiring_consents")
        assert PARTICIPANTS in sidebar_urls(html)

    def test_an_empty_panel_says_nothing_is_waiting(self, admin_client, sections):
        html = panels(admin_client)

        assert 'data-dashboard-empty="missing_alt_text"' in html
        assert 'data-dashboard-empty="expiring_consents"' in html


def test_participants_left_the_snippets_index_but_keep_their_urls(admin_client, dashboard):
    lena = Participant.objects.get(pseudonym="Lena")
    index = admin_client.get(reverse("wagtailsnippets:index")).content.decode()
    snippets = str(BeautifulSoup(index, "html.parser").find("main"))

    assert PARTICIPANTS not in snippets
    assert admin_client.get(PARTICIPANTS).status_code == 200
    edit = reverse("wagtailsnippets_stories_participant:edit", args=[lena.pk])
    assert edit.startswith("/admin/snippets/stories/participant/")
    assert admin_client.get(edit).status_code == 200
