"""Whole journeys through the demo site: a visitor's, and an editor's in the Wagtail admin."""

import datetime
import io
import re
from urllib.parse import urlparse

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale
from wagtail.users.models import UserProfile

import pytest
from PIL import Image
from playwright.sync_api import expect

from exhibitions.models import ExhibitionPage
from stories.models import StoryIndexPage, StoryPage

# The live server answers from another thread: the data must be committed. The groups the
# migrations create (the consent team's among them) are restored before every test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "ein-langes-testpasswort-42"  # noqa: S105
# Pages of a site loaded from scratch take a while on a busy machine; still bounded.
TIMEOUT = 20_000


@pytest.fixture
def page_timeouts():
    def bounded(page):
        page.set_default_timeout(TIMEOUT)
        page.set_default_navigation_timeout(TIMEOUT)
        expect.set_options(timeout=TIMEOUT)
        return page

    yield bounded
    expect.set_options(timeout=5_000)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_visitor_walks_from_the_exhibition_to_the_news(visitor, live_server, demo, page_timeouts):
    page = page_timeouts(visitor)
    base = live_server.url
    exhibition = ExhibitionPage.objects.get(locale__language_code="de")
    photos = list(exhibition.gallery_photos.all())

    page.goto(base + "/")
    expect(heading(page)).to_have_text("Connecting Humans")

    # The exhibition, from its card in the home page's exhibitions.
    exhibitions = page.get_by_role("main").get_by_role("region", name="Ausstellungen")
    exhibitions.get_by_role("link", name=exhibition.title).click()
    expect(page).to_have_url(base + exhibition.url)
    expect(heading(page)).to_have_text(exhibition.title)

    # A photo in the lightbox, with the keyboard.
    links = page.locator("a.gallery-grid__link")
    expect(links).to_have_count(len(photos))
    page.wait_for_load_state()  # the lightbox's script has run: until then a photo is a link
    links.first.focus()
    page.keyboard.press("Enter")
    lightbox = page.get_by_role("dialog", name="Fotogalerie")
    expect(lightbox).to_be_visible()
    expect(lightbox).to_contain_text(f"Foto 1 von {len(photos)}")
    expect(lightbox.get_by_role("img", name=photos[0].alt_text)).to_be_visible()
    expect(lightbox.locator("figcaption")).to_contain_text(photos[0].caption)
    lightbox.get_by_role("button", name="Nächstes Foto").press("Enter")
    expect(lightbox).to_contain_text(f"Foto 2 von {len(photos)}")
    expect(lightbox.get_by_role("img", name=photos[1].alt_text)).to_be_visible()
    expect(lightbox.locator("figcaption")).to_contain_text(photos[1].caption)
    page.keyboard.press("Escape")
    expect(lightbox).to_be_hidden()
    expect(page).to_have_url(base + exhibition.url)

    # A story behind a content note, through the navigation.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Geschichten"
    ).click()
    expect(heading(page)).to_have_text("Geschichten")
    noted = page.get_by_role("main").get_by_role("listitem").filter(has_text="Inhaltshinweis")
    story_title = noted.first.get_by_role("link").inner_text()
    noted.first.get_by_role("link").click()
    expect(heading(page)).to_have_text(story_title)
    story_images = page.get_by_role("main").get_by_role("img")
    expect(story_images).to_have_count(0)  # hidden behind the note
    page.get_by_role("button", name="Alle Bilder zeigen").click()
    expect(story_images.first).to_be_visible()
    assert story_images.count() > 0
    story_url = page.url

    # Arabic: the switcher leads to the story's Arabic version.
    story = StoryPage.objects.get(url_path__endswith=urlparse(story_url).path)
    switcher = page.get_by_role("navigation", name="Sprache")
    switcher.get_by_role("link", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(heading(page)).to_have_text(
        story.get_translation(Locale.objects.get(language_code="ar")).title
    )

    # The page in easy-to-read German has no Arabic version, so its switcher says so instead of
    # linking; the visitor goes home and takes Arabic there.
    page.get_by_role("contentinfo").get_by_role("link", name="لغة ألمانية مبسطة").click()
    expect(heading(page)).to_have_text("Leichte Sprache")
    expect(switcher.get_by_role("link", name="العربيّة")).to_have_count(0)
    switcher.get_by_text("AR", exact=True).click()
    expect(switcher).to_contain_text("Diese Seite gibt es noch nicht auf Arabisch.")
    page.get_by_role("banner").get_by_role("link", name="Connecting Humans").click()
    switcher.get_by_role("link", name="العربيّة").click()
    expect(page).to_have_url(base + "/ar/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(heading(page)).to_have_text("Connecting Humans")
    assert page.url != story_url

    # Searching in Arabic finds the Arabic exhibition.
    page.get_by_role("banner").locator(".site-search summary").click()  # the search disclosure
    header_search = page.get_by_role("banner").get_by_role("search")
    header_search.get_by_role("searchbox", name="البحث في الموقع").fill("الموضة")
    header_search.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(re.compile(r"/ar/suche/\?q="))
    expect(heading(page)).to_have_text("البحث")
    result = page.get_by_role("main").get_by_role("listitem").get_by_role("link")
    expect(result).to_have_count(2)  # the exhibition and the Arabic news item about it
    expect(result.filter(has_text="Beulwitz designt")).to_have_attribute(
        "href", "/ar/exhibitions/beulwitz-designt/"
    )

    # Back in German, the search page keeps the query; a German term finds the German pages.
    page.get_by_role("navigation", name="اللغة").get_by_role("link", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(heading(page)).to_have_text("Suche")
    search = page.get_by_role("main").get_by_role("search")
    expect(search.get_by_role("searchbox", name="Suchbegriffe")).to_have_value("الموضة")
    search.get_by_role("searchbox", name="Suchbegriffe").fill("Beulwitz")
    search.get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"/suche/\?q=Beulwitz"))
    results = page.get_by_role("main").get_by_role("listitem").get_by_role("link")
    expect(results.filter(has_text=exhibition.title)).to_have_count(1)
    expect(results.filter(has_text="Fotoausstellung im Saalfelder Schloss")).to_have_count(1)

    # The news, and one news item.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Neuigkeiten"
    ).click()
    expect(page).to_have_url(base + "/neuigkeiten/")
    expect(heading(page)).to_have_text("Neuigkeiten")
    news_cards = page.get_by_role("main").get_by_role("listitem").get_by_role("heading", level=3)
    first_news = news_cards.first.get_by_role("link")
    news_title = first_news.inner_text()
    first_news.click()
    expect(page).to_have_url(re.compile(re.escape(base) + r"/neuigkeiten/[^/]+/$"))
    expect(heading(page)).to_have_text(news_title)


def small_jpeg(caption):
    """A small photo whose own metadata carries its caption, as a camera would write it."""
    exif = Image.Exif()
    exif[0x010E] = caption  # ImageDescription
    output = io.BytesIO()
    Image.new("RGB", (320, 240), (60, 130, 70)).save(output, "JPEG", exif=exif.tobytes())
    return output.getvalue()


@pytest.fixture
def editor():
    """A story and exhibition editor who also belongs to the consent team, admin in English."""
    user = get_user_model().objects.create_user("redakteurin", "redakteurin@example.org", PASSWORD)
    user.groups.set(
        Group.objects.filter(name__in=["Geschichten editors", "Ausstellungen editors", "consent"])
    )
    assert user.groups.count() == 3
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def log_in(page, base, user):
    page.goto(base + "/admin/login/")
    # The login page speaks the site's default language; after it, the user's own.
    page.get_by_label(re.compile("Benutzername|Username")).fill(user.username)
    page.get_by_label(re.compile("Passwort|Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Anmelden|Sign in")).click()
    expect(page).to_have_url(base + "/admin/")
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()


def draft_status(page):
    """The status side panel's word on a draft revision."""
    page.get_by_role("button", name="Toggle status").click()
    return page.get_by_role("heading", name="Status: Draft")


def messages(page):
    return page.get_by_role("main").get_by_role("status").first


def test_an_editor_publishes_a_story_once_consent_is_recorded(
    browser, live_server, demo, editor, page_timeouts
):
    base = live_server.url
    story_index = StoryIndexPage.objects.get(locale__language_code="de")
    exhibition = ExhibitionPage.objects.get(locale__language_code="de")
    title = "Ein Garten in Saalfeld"
    pseudonym = "Samira (Pseudonym)"

    anonymous_context = browser.new_context(locale="de-DE")
    anonymous = page_timeouts(anonymous_context.new_page())
    editor_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = page_timeouts(editor_context.new_page())

    # Seen before the publish, so a cached listing would be the stale one.
    anonymous.goto(base + story_index.url)
    expect(heading(anonymous)).to_have_text(story_index.title)
    expect(anonymous.get_by_role("link", name=title)).to_have_count(0)

    log_in(page, base, editor)

    # A participant, without consent yet.
    page.get_by_role("navigation").get_by_role("link", name="Participants", exact=True).click()
    page.get_by_role("link", name="Add participant").first.click()
    page.get_by_role("textbox", name="Pseudonym").fill(pseudonym)
    page.get_by_role("button", name="Save").click()
    expect(messages(page)).to_contain_text(f"Participant '{pseudonym}' created.")

    # The story, as a draft under the story index.
    page.goto(base + f"/admin/pages/{story_index.pk}/")
    expect(heading(page)).to_have_text(f"Exploring: {story_index.title}")
    page.get_by_role("link", name="Add child page").click()
    expect(heading(page)).to_have_text("New: Story")
    page.get_by_role("textbox", name="Title").fill(title)
    page.get_by_role("button", name="Choose participant").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name=pseudonym).click()
    expect(chooser).to_be_hidden()
    page.get_by_role("textbox", name="Teaser").fill(
        "Samira legt mit ihren Nachbarinnen einen Garten an."
    )
    page.get_by_role("textbox", name="Content note").fill("Flucht")
    page.get_by_role("button", name="Save draft").click()
    expect(messages(page)).to_contain_text(f"Page '{title}' created.")
    expect(heading(page)).to_have_text(f"Editing Story: {title}")
    expect(draft_status(page)).to_be_visible()
    story_edit_url = page.url

    # Many photos at once into the exhibition's gallery draft.
    page.goto(base + f"/admin/pages/{exhibition.pk}/edit/")
    gallery_items = page.locator("#id_gallery_photos-FORMS > [data-inline-panel-child]")
    expect(gallery_items).to_have_count(exhibition.gallery_photos.count())
    photos_before = gallery_items.count()
    page.get_by_role("region", name="Many photos").get_by_role("link", name="Add photos").click()
    add_photos_heading = f"Add photos {exhibition.title}"
    expect(page.get_by_role("heading", level=1, name=add_photos_heading)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("They are added to the end of the gallery")
    captions = [f"Gartenfest {n}" for n in range(1, 4)]
    with page.expect_file_chooser() as chooser_opened:
        page.get_by_role("button", name="Choose files").click()
    chooser_opened.value.set_files(
        [
            {"name": f"IMG_{n}.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg(caption)}
            for n, caption in enumerate(captions, start=1)
        ]
    )
    expect(page.locator(".photo-upload__summary")).to_have_text("Photos added: 3. Not added: 0.")
    for n in range(1, 4):
        upload = page.locator(".photo-upload__file").filter(has_text=f"IMG_{n}.jpg")
        expect(upload).to_contain_text("Added")
    page.get_by_role("link", name="Back to the exhibition").click()
    expect(gallery_items).to_have_count(photos_before + 3)
    # Added to the draft only: their rows are open, to be described.
    for offset, caption in enumerate(captions):
        item = gallery_items.nth(photos_before + offset)
        toggle = item.get_by_role("button", name=re.compile(rf"^Photo \d+ {caption} "))
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(item.get_by_role("textbox", name="Caption")).to_have_value(caption)
    expect(draft_status(page)).to_be_visible()

    # Publishing is refused while the participant has no consent; the draft stays.
    page.goto(story_edit_url)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(messages(page)).to_contain_text("The page was not published")
    expect(messages(page)).to_contain_text(f"{pseudonym} has no valid consent for the website")
    expect(page).to_have_url(story_edit_url)
    expect(page.get_by_role("textbox", name="Title")).to_have_value(title)
    anonymous.goto(base + story_index.url)
    expect(anonymous.get_by_role("link", name=title)).to_have_count(0)

    # The consent team records the participant's consent.
    page.get_by_role("navigation").get_by_role("link", name="Participants", exact=True).click()
    page.get_by_role("link", name=pseudonym).first.click()
    expect(page.get_by_role("textbox", name="Pseudonym")).to_have_value(pseudonym)
    page.get_by_role("button", name="Add Consent").click()
    consent = page.get_by_role("region", name="Consent 1")
    consent.get_by_role("combobox", name="Scope").select_option(label="website")
    given_on = timezone.localdate() - datetime.timedelta(days=1)
    consent.get_by_role("textbox", name="Given on").fill(given_on.isoformat())
    consent.get_by_role("textbox", name="Notes").click()  # closes the date picker
    page.get_by_role("button", name="Save").click()
    expect(messages(page)).to_contain_text(f"Participant '{pseudonym}' updated.")

    # Now the story is published, and visitors see it at once.
    page.goto(story_edit_url)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(messages(page)).to_contain_text(f"Page '{title}' has been published.")
    live_link = messages(page).get_by_role("link", name="View live")
    live_path = urlparse(live_link.get_attribute("href")).path

    anonymous.goto(base + story_index.url)
    listed = anonymous.get_by_role("main").get_by_role("link", name=title)
    expect(listed).to_have_count(1)
    listed.click()
    expect(heading(anonymous)).to_have_text(title)
    expect(anonymous).to_have_url(base + live_path)
    response = anonymous.goto(base + live_path)
    assert response.status == 200
    expect(heading(anonymous)).to_have_text(title)

    editor_context.close()
    anonymous_context.close()
