"""Withdrawn or expired consent takes down everything that shows the person, by itself."""

import io
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import ModelLogEntry, Page, Site
from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import ExhibitionPage
from stories.consent import TAKEDOWN, take_down
from stories.models import Consent, Participant, StoryPage
from tests.factories import build_site
from tests.images.helpers import page_showing
from tests.news.factories import NewsIndexPageFactory, make_news, make_project
from tests.news.factories import publish as publish_news
from website.images.models import Rendition
from website.people.models import Person
from website.projects.models import ProjectContact

from .consent_helpers import DAY, TODAY, exhibition_with, make_participant, photo_of, story_of

pytestmark = pytest.mark.django_db

PSEUDONYM = "Zuhal"
SEARCH = f"/suche/?q={PSEUDONYM}"


@pytest.fixture
def world(django_capture_on_commit_callbacks, client):
    """Zuhal shown in a gallery, a news item, a page's body and her story; Anna beside her."""
    with django_capture_on_commit_callbacks(execute=True):
        homes = build_site()
        home = homes["de"]
        zuhal = make_participant(PSEUDONYM)
        anna = make_participant("Anna")
        photo = photo_of(zuhal, title=PSEUDONYM)
        other = photo_of(anna, title="Anna")
        exhibition = exhibition_with(home, photo, other, title="Neue Wege")
        story = story_of(home, zuhal, title=f"{PSEUDONYM}s Weg", quote="Ich bin angekommen.")
        news_index = publish_news(NewsIndexPageFactory(parent=home))
        news = make_news(
            news_index,
            title="Kochabend",
            lead_image=photo,
            lead_image_alt=f"{PSEUDONYM} beim Kochen",
            lead_image_caption=f"{PSEUDONYM} kocht",
        )
        body_page = page_showing(home, photo, title="Rückblick", slug="rueckblick")
    # Visitors have looked at everything: the renditions a page shows exist.
    for page in (exhibition, story, news, body_page):
        client.get(page.url)
    return {
        "home": home,
        "zuhal": zuhal,
        "anna": anna,
        "photo": photo,
        "other": other,
        "exhibition": exhibition,
        "story": story,
        "news": news,
        "news_index": news_index,
        "body_page": body_page,
    }


def public_texts(client, world):
    """Every public page, the exhibition's photo pages, the sitemap, search and feeds."""
    pages = Page.objects.live().filter(depth__gt=1).specific()
    urls = [page.url for page in pages if page.url is not None]
    exhibition = ExhibitionPage.objects.get(pk=world["exhibition"].pk)
    urls += [exhibition.photo_url(photo) for photo in exhibition.gallery_photos.all()]
    urls += [
        "/sitemap.xml",
        SEARCH,
        world["news_index"].url + "feed/rss/",
        world["news_index"].url + "feed/atom/",
    ]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    # The search page repeats the query: only its results count.
    results = BeautifulSoup(texts[SEARCH], "html.parser").select_one(".search-results")
    texts[SEARCH] = str(results or "")
    return texts


def mentions(texts, word):
    return sorted(url for url, text in texts.items() if word.casefold() in text.casefold())


def rendition_files(image):
    return [(r.file.storage, r.file.name) for r in Rendition.objects.filter(image=image)]


def fresh(page):
    return page.specific_class.objects.get(pk=page.pk)


def withdraw(participant, capture, on=TODAY):
    with capture(execute=True):
        consent = participant.consents.get()
        consent.withdrawn_on = on
        consent.save()


def test_withdrawal_takes_down_everything_that_shows_the_person(
    client, world, django_capture_on_commit_callbacks
):
    before = public_texts(client, world)
    assert {world["exhibition"].url, world["story"].url, "/sitemap.xml", SEARCH} <= set(
        mentions(before, PSEUDONYM)
    )
    files = rendition_files(world["photo"])
    assert files and all(storage.exists(name) for storage, name in files)
    photo_numbers = [p.number for p in fresh(world["exhibition"]).gallery_photos.all()]
    feed_before = client.get(world["news_index"].url + "feed/rss/").content.decode()
    assert "enclosure" in feed_before

    withdraw(world["zuhal"], django_capture_on_commit_callbacks)

    # Her story is unpublished; the pages that showed her photo no longer do.
    assert not fresh(world["story"]).live
    exhibition = fresh(world["exhibition"])
    assert exhibition.live
    assert [p.image_id for p in exhibition.gallery_photos.all()] == [world["other"].pk]
    assert exhibition.live_revision_id == exhibition.latest_revision_id
    news = fresh(world["news"])
    assert news.live and news.lead_image is None and news.lead_image_caption == ""
    body_page = fresh(world["body_page"])
    assert body_page.live and len(body_page.body) == 0
    # Her photo's page in the gallery is gone, and its number is not given to another.
    assert client.get(photo_url(photo_numbers[0], exhibition)).status_code == 404
    # Rendition rows and files are deleted.
    assert not Rendition.objects.filter(image=world["photo"]).exists()
    assert not any(storage.exists(name) for storage, name in files)
    # Anna's photo is untouched.
    assert Rendition.objects.filter(image=world["other"]).exists()

    after = public_texts(client, world)
    assert mentions(after, PSEUDONYM) == []
    assert "enclosure" not in after[world["news_index"].url + "feed/rss/"]

    entry = ModelLogEntry.objects.get(action=TAKEDOWN, object_id=str(world["zuhal"].pk))
    assert entry.data["reason"] == "withdrawn"
    assert [p["id"] for p in entry.data["pages_unpublished"]] == [world["story"].pk]
    assert {p["id"] for p in entry.data["pages_changed"]} == {
        world["exhibition"].pk,
        world["news"].pk,
        world["body_page"].pk,
    }
    assert entry.data["renditions_deleted"] == len(files)


def photo_url(photo_number, exhibition):
    return exhibition.url + f"foto/{photo_number}/"


def test_withdrawal_purges_the_photos_and_every_page_that_listed_them_from_a_cdn(
    world, django_capture_on_commit_callbacks, cdn
):
    with django_capture_on_commit_callbacks(execute=True):
        project = make_project(world["home"], "Women", "women")
        world["zuhal"].sub_project = project
        world["zuhal"].save()
        Site.objects.create(hostname="www.example.org", port=443, root_page=world["home"])
    renditions = [r.url for r in Rendition.objects.filter(image=world["photo"])]
    assert renditions and Rendition.objects.filter(image=world["other"]).exists()
    cdn.clear()

    withdraw(world["zuhal"], django_capture_on_commit_callbacks)

    # Exactly her photos' renditions, on every site.
    assert sorted(url for url in cdn if "/bilder/" in url) == sorted(
        root + url for root in ("http://localhost", "https://www.example.org") for url in renditions
    )
    # Her story, its sub-project's page that listed it, and every page that showed her photo.
    pages = [world["story"], project, world["exhibition"], world["news"], world["body_page"]]
    paths = {fresh(page).get_url_parts()[2] for page in pages}
    paths.add(fresh(world["exhibition"]).get_url_parts()[2] + "foto/1/")  # her photo's page
    assert paths <= {urlsplit(url).path for url in cdn}


def test_withdrawal_purges_the_pages_that_show_a_snippet_with_the_photo(
    world, django_capture_on_commit_callbacks, cdn
):
    with django_capture_on_commit_callbacks(execute=True):
        project = make_project(world["home"], "Partners", "partners")
        person = Person.objects.create(name="Team", photo=world["photo"])
        project.contacts.set([ProjectContact(person=person)])
        project.save_revision().publish()
    cdn.clear()

    withdraw(world["zuhal"], django_capture_on_commit_callbacks)

    assert Person.objects.get(pk=person.pk).photo is None
    assert project.full_url in cdn


def test_undoing_a_withdrawal_brings_nothing_back(
    client, world, django_capture_on_commit_callbacks
):
    withdraw(world["zuhal"], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        consent = world["zuhal"].consents.get()
        consent.withdrawn_on = None
        consent.save()

    assert Participant.objects.get(pk=world["zuhal"].pk).status == "valid"
    assert not fresh(world["story"]).live
    assert [p.image_id for p in fresh(world["exhibition"]).gallery_photos.all()] == [
        world["other"].pk
    ]
    assert mentions(public_texts(client, world), PSEUDONYM) == []


def test_expiry_is_taken_down_by_the_daily_command(
    client, world, django_capture_on_commit_callbacks
):
    # Saved without the commit hooks running: only the daily check notices.
    Consent.objects.filter(participant=world["zuhal"]).update(expires_on=TODAY - DAY)
    files = rendition_files(world["photo"])
    assert fresh(world["story"]).live

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("check_consents", stdout=out)

    output = out.getvalue()
    assert f"{PSEUDONYM}: consent expired" in output
    assert f"unpublished page {world['story'].pk}" in output
    assert "Neue Wege" in output and "renditions" in output
    assert not fresh(world["story"]).live
    assert [p.image_id for p in fresh(world["exhibition"]).gallery_photos.all()] == [
        world["other"].pk
    ]
    assert not Rendition.objects.filter(image=world["photo"]).exists()
    assert mentions(public_texts(client, world), PSEUDONYM) == []
    # The renditions' files go once the command's transaction has committed.
    assert not any(storage.exists(name) for storage, name in files)

    again = io.StringIO()
    call_command("check_consents", stdout=again)
    assert again.getvalue().strip() == "Nothing to take down."


def test_the_daily_command_checks_as_of_a_given_day(world):
    Consent.objects.filter(participant=world["zuhal"]).update(expires_on=TODAY + 5 * DAY)
    call_command("check_consents", stdout=io.StringIO())
    assert fresh(world["story"]).live

    out = io.StringIO()
    call_command("check_consents", "--date", (TODAY + 6 * DAY).isoformat(), stdout=out)
    assert f"{PSEUDONYM}: consent expired" in out.getvalue()
    assert not fresh(world["story"]).live


def test_face_only_consent_removes_only_unmarked_photos(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        blurred = photo_of(world["zuhal"], title="Unscharf", faces_unrecognisable=True)
        exhibition = fresh(world["exhibition"])
        exhibition.gallery_photos.add(
            exhibition.gallery_photos.model(image=blurred, caption="Unscharf", alt_text="x")
        )
        exhibition.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        consent = world["zuhal"].consents.get()
        consent.face = Consent.Face.UNRECOGNISABLE
        consent.save()

    assert fresh(world["story"]).live  # her consent still covers the story
    assert [p.image_id for p in fresh(world["exhibition"]).gallery_photos.all()] == [
        world["other"].pk,
        blurred.pk,
    ]
    assert fresh(world["news"]).lead_image is None


def test_a_takedown_keeps_the_editors_newer_draft(world):
    exhibition = fresh(world["exhibition"])
    draft = exhibition.get_latest_revision_as_object()
    draft.subtitle = "Noch in Arbeit"
    draft.save_revision()
    Consent.objects.filter(participant=world["zuhal"]).update(withdrawn_on=TODAY)

    take_down(world["zuhal"])

    exhibition = fresh(world["exhibition"])
    assert exhibition.subtitle == ""
    assert exhibition.has_unpublished_changes
    latest = exhibition.get_latest_revision_as_object()
    assert latest.subtitle == "Noch in Arbeit"
    assert [p.image_id for p in latest.gallery_photos.all()] == [world["other"].pk]


def test_deleting_a_participant_takes_down_their_photos(world, django_capture_on_commit_callbacks):
    lone = make_participant("Nima")
    with django_capture_on_commit_callbacks(execute=True):
        photo = photo_of(lone, title="Nima")
        exhibition = fresh(world["exhibition"])
        exhibition.gallery_photos.add(
            exhibition.gallery_photos.model(image=photo, caption="Nima", alt_text="Nima")
        )
        exhibition.save_revision().publish()

    lone.delete()

    assert photo.pk not in [p.image_id for p in fresh(world["exhibition"]).gallery_photos.all()]


def test_a_story_cannot_lose_its_participant(world):
    with pytest.raises(Exception, match="protected"):
        world["zuhal"].delete()
    assert StoryPage.objects.filter(participant=world["zuhal"]).exists()


def test_the_admin_history_names_the_takedown(
    admin_client, world, django_capture_on_commit_callbacks
):
    withdraw(world["zuhal"], django_capture_on_commit_callbacks)
    profile = UserProfile.get_for_user(admin_client.get("/admin/").wsgi_request.user)
    profile.preferred_language = "en"  # to read the admin's English
    profile.save()
    url = reverse("wagtailsnippets_stories_participant:history", args=[world["zuhal"].pk])
    response = admin_client.get(url)
    assert "Taken down: consent withdrawn" in response.content.decode()
    page_history = admin_client.get(reverse("wagtailadmin_pages:history", args=[world["story"].pk]))
    assert "Taken down" in page_history.content.decode()
