"""Photographs lead the pages: the home page's key visual and sections, the exhibition hero and
its justified gallery, the exhibition index's sections, and cards with and without images."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto, Venue
from tests.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    StandardPageFactory,
    build_site,
)
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import NewsIndexPageFactory, make_news, publish
from tests.stories.consent_helpers import StoryIndexPageFactory, StoryPageFactory, make_participant
from website.core.models import HomePageFeaturedPage

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAYS = datetime.timedelta(days=1)


def exhibition(index, photos=(), **fields):
    """Published, with gallery photos of these (width, height) sizes."""
    page = ExhibitionPageFactory(parent=index, **fields)
    page.gallery_photos.set(
        [
            GalleryPhoto(
                image=make_image(plain_jpeg(*size)),
                caption=f"Bildunterschrift {n}",
                alt_text=f"Beschreibung {n}",
            )
            for n, size in enumerate(photos, start=1)
        ]
    )
    return publish(page)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A site with a current, an upcoming and a past exhibition, stories and news, built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = build_site()["de"]
        index = publish(ExhibitionIndexPageFactory(parent=home))
        venue = Venue.objects.create(name="Galerie im Schloss")
        current = exhibition(
            index,
            photos=[(60, 30), (30, 45), (40, 40)],
            title="Beulwitz designt",
            subtitle="Fotoausstellung im Schloss",
            start_date=TODAY - 10 * DAYS,
            end_date=TODAY + 10 * DAYS,
            venue=venue,
        )
        upcoming = exhibition(
            index, photos=[(40, 30)], title="Bald zu sehen", start_date=TODAY + 30 * DAYS
        )
        past = exhibition(
            index, title="Längst vorbei", start_date=TODAY - 90 * DAYS, end_date=TODAY - 60 * DAYS
        )
        stories = publish(StoryIndexPageFactory(parent=home))
        publish(
            StoryPageFactory(
                parent=stories,
                participant=make_participant("Mira"),
                title="Eine Geschichte",
                listing_image=make_image(plain_jpeg(40, 30)),
            )
        )
        news = publish(NewsIndexPageFactory(parent=home))
        make_news(news, title="Mit Bild", listing_image=make_image(plain_jpeg(40, 30)))
        make_news(news, title="Ohne Bild", date=TODAY)
        about = publish(StandardPageFactory(parent=home, title="Über uns", slug="ueber-uns"))
        home.featured_pages.set([HomePageFeaturedPage(page=about)])
        publish(home)
        yield {"home": home, "current": current, "upcoming": upcoming, "past": past}
        transaction.set_rollback(True)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def shape(img):
    return int(img["width"]) / int(img["height"])


def section(doc, heading_id):
    return doc.find(attrs={"aria-labelledby": heading_id})


def test_home_opens_with_the_current_exhibitions_photo_without_a_hero_image(client, site):
    doc = get(client, "/")
    visual = doc.select_one(".key-visual")
    # The exhibition's first photo, 2:1, is the one its cards show; the home page has none.
    assert shape(visual.select_one("img")) == 2
    assert visual.select_one("img")["fetchpriority"] == "high"
    assert "key-visual--wide" in visual["class"]
    assert visual.h1
    assert visual.find("a", href=site["current"].url).get_text() == "Beulwitz designt"


def test_without_a_current_exhibition_the_next_ones_photo_opens_the_home_page(client, site):
    site["current"].unpublish()
    credit = get(client, "/").select_one(".key-visual .key-visual__credit")
    assert credit.a["href"] == site["upcoming"].url
    assert credit.get_text(" ", strip=True) == "Demnächst: Bald zu sehen"


def test_home_opens_with_the_editors_hero_image_when_one_is_set(client, site):
    home = site["home"]
    home.hero_image = make_image(plain_jpeg(30, 45))
    publish(home)
    visual = get(client, "/").select_one(".key-visual")
    assert shape(visual.select_one("img")) == pytest.approx(30 / 45, abs=0.02)
    assert "key-visual--beside" in visual["class"]
    assert not visual.find("a", href=site["current"].url)


def test_home_shows_current_exhibitions_latest_stories_and_news_with_images(client, site):
    doc = get(client, "/")
    exhibitions = section(doc, "exhibitions-heading")
    titles = [a.get_text(strip=True) for a in exhibitions.select(".card__title a")]
    assert titles == ["Beulwitz designt", "Bald zu sehen"]  # now on, then coming up; not past
    assert "card--large" in exhibitions.select_one(".card")["class"]
    assert all(card.select_one("img.card__image") for card in exhibitions.select(".card"))
    stories = section(doc, "stories-heading")
    assert stories.select_one(".card img.card__image")
    assert stories.find("a", string="Eine Geschichte")
    news = section(doc, "news-heading")
    assert news.select_one(".card img.card__image")
    assert [a.get_text() for a in news.select(".card__title a")] == ["Ohne Bild", "Mit Bild"]
    for heading in ("exhibitions-heading", "stories-heading", "news-heading"):
        assert section(doc, heading).select_one(".home-section__more a")


def test_a_card_without_image_is_the_text_variant(client, site):
    doc = get(client, "/")
    for card in [
        section(doc, "news-heading").find("a", string="Ohne Bild").find_parent("article"),
        section(doc, "featured-heading").select_one(".card"),  # components/card.html
    ]:
        assert "card--text" in card["class"]
        assert not card.select("img, picture")
    with_image = section(doc, "news-heading").find("a", string="Mit Bild").find_parent("article")
    assert "card--text" not in with_image["class"]


def test_exhibition_opens_with_a_hero_of_title_subtitle_dates_and_venue(client, site):
    doc = get(client, site["current"].url)
    hero = doc.select_one("main .key-visual")
    assert hero.select_one("img")["fetchpriority"] == "high"
    assert shape(hero.select_one("img")) == 2  # the gallery's first photo: no listing image
    assert hero.h1.get_text(strip=True) == "Beulwitz designt"
    assert "Fotoausstellung im Schloss" in hero.get_text()
    assert len(hero.select("time[datetime]")) == 2
    assert "Galerie im Schloss" in hero.get_text()


def test_gallery_tiles_carry_their_photos_aspect_ratio(client, site):
    doc = get(client, site["current"].url)
    items = doc.select(".gallery-grid > li")
    ratio_classes = [[c for c in li["class"] if c.startswith("ratio-")] for li in items]
    assert ratio_classes == [["ratio-200"], ["ratio-65"], ["ratio-100"]]
    for li in items:  # the room is reserved before the file arrives: no layout shift
        img = li.select_one("img")
        assert img.has_attr("width") and img.has_attr("height")
    css = (Path(settings.BASE_DIR) / "site/static/css/exhibition.css").read_text()
    assert ".ratio-200 { --ratio: 2; }" in css and ".ratio-65 { --ratio: 0.65; }" in css


def test_a_photos_caption_is_reachable_from_its_focused_link(client, site):
    doc = get(client, site["current"].url)
    for li in doc.select(".gallery-grid > li"):
        link = li.select_one("a.gallery-grid__link")
        caption = li.find(id=link["aria-describedby"])
        assert caption.get_text(strip=True).startswith("Bildunterschrift")
    css = (Path(settings.BASE_DIR) / "site/static/css/exhibition.css").read_text()
    assert "li:focus-within .gallery-grid__caption { opacity: 1; }" in css


def test_exhibition_index_has_current_upcoming_and_past_sections_current_largest(client, site):
    doc = get(client, "/" + site["current"].get_parent().slug + "/")
    titles = {
        name: [a.get_text(strip=True) for a in section(doc, f"{name}-heading").select("h3 a")]
        for name in ("current", "upcoming", "past")
    }
    assert titles == {
        "current": ["Beulwitz designt"],
        "upcoming": ["Bald zu sehen"],
        "past": ["Längst vorbei"],
    }
    assert "card--large" in section(doc, "current-heading").select_one(".card")["class"]
    assert "card--large" not in section(doc, "upcoming-heading").select_one(".card")["class"]
    past = section(doc, "past-heading").select_one(".card")
    assert "card--text" in past["class"] and not past.select("img")
