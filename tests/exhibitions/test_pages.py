import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage, GalleryPhoto
from tests.factories import locales, publish_translation
from tests.news.factories import make_project
from website.core.models import HomePage

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


class ExhibitionTreeTests(WagtailPageTestCase):
    def test_index_lives_below_a_home_page_and_holds_exhibitions(self):
        self.assertAllowedParentPageTypes(ExhibitionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ExhibitionIndexPage, {ExhibitionPage})

    def test_exhibitions_live_only_in_the_index_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(ExhibitionPage, {ExhibitionIndexPage})
        self.assertAllowedSubpageTypes(ExhibitionPage, set())

    def test_one_index_per_home_page(self):
        self.assertEqual(ExhibitionIndexPage.max_count_per_parent, 1)


pytestmark = pytest.mark.django_db


def section_titles(doc, heading_id):
    heading = doc.find(id=heading_id)
    if heading is None:
        return []
    return [a.get_text(strip=True) for a in heading.find_parent("section").select(".card__title a")]


def test_current_upcoming_and_past_split_at_the_date_boundaries(
    client, html, index, make_exhibition
):
    make_exhibition(title="Beginnt heute", start_date=TODAY, end_date=TODAY + 30 * DAY)
    make_exhibition(title="Endet heute", start_date=TODAY - 30 * DAY, end_date=TODAY)
    make_exhibition(title="Ohne Ende", start_date=TODAY - 5 * DAY)
    make_exhibition(title="Beginnt morgen", start_date=TODAY + DAY)
    make_exhibition(title="Endete gestern", start_date=TODAY - 30 * DAY, end_date=TODAY - DAY)
    doc = html(client.get(index.url))
    assert sorted(section_titles(doc, "current-heading")) == [
        "Beginnt heute",
        "Endet heute",
        "Ohne Ende",
    ]
    assert section_titles(doc, "upcoming-heading") == ["Beginnt morgen"]
    assert section_titles(doc, "past-heading") == ["Endete gestern"]


def test_tags_filter_the_listing(client, html, index, make_exhibition):
    fashion = make_exhibition(title="Mode")
    fashion.tags.add("Mode")
    fashion.save_revision().publish()
    make_exhibition(title="Malerei")
    doc = html(client.get(index.url + "?tag=mode"))
    titles = [a.get_text(strip=True) for a in doc.select(".card__title a")]
    assert titles == ["Mode"]
    assert doc.select_one('.tag-list a[aria-current="page"]').get_text(strip=True) == "Mode"


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=0",
        "?page=99999999",
        "?page=" + "9" * 500,
        "?tag=<script>alert(1)</script>",
        "?tag=" + "x" * 10_000,
        "?tag=%00",
    ],
)
def test_hostile_listing_parameters_never_fail(client, index, make_exhibition, query):
    for n in range(14):
        make_exhibition(start_date=TODAY - (100 + n) * DAY, end_date=TODAY - (50 + n) * DAY)
    response = client.get(index.url + query)
    assert response.status_code in (200, 404)
    assert b"<script>alert(1)</script>" not in response.content


def test_past_exhibitions_are_paginated(client, html, index, make_exhibition):
    for n in range(14):
        make_exhibition(start_date=TODAY - (100 + n) * DAY, end_date=TODAY - (50 + n) * DAY)
    first = html(client.get(index.url))
    second = html(client.get(index.url + "?page=2"))
    assert len(first.select(".card")) == 12
    assert len(second.select(".card")) == 2
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?page=2"


def test_photo_pages_keep_their_numbers_when_others_go_or_move(client, make_exhibition):
    exhibition = make_exhibition(photos=3)
    assert [p.number for p in exhibition.gallery_photos.all()] == [1, 2, 3]
    first, second, third = exhibition.gallery_photos.all()
    draft = exhibition.get_latest_revision_as_object()
    third.sort_order, first.sort_order = 0, 1
    draft.gallery_photos.set([third, first])  # the second photo is removed
    draft.save_revision().publish()
    exhibition.refresh_from_db()
    assert client.get(exhibition.url + "foto/2/").status_code == 404
    assert "Bild 3" in client.get(exhibition.url + "foto/3/").content.decode()
    draft = exhibition.get_latest_revision_as_object()
    draft.gallery_photos.add(GalleryPhoto(image=second.image, alt_text="Neu", caption="Neu"))
    draft.save_revision().publish()
    assert sorted(
        p.number for p in ExhibitionPage.objects.get(pk=exhibition.pk).gallery_photos.all()
    ) == [1, 3, 4]


def test_a_photo_page_has_its_caption_as_title_and_links_to_its_neighbours(
    client, html, make_exhibition
):
    exhibition = make_exhibition(photos=3)
    doc = html(client.get(exhibition.url + "foto/2/"))
    assert doc.h1.get_text(strip=True) == "Bild 2"
    assert doc.title.get_text().startswith("Bild 2")
    assert doc.select_one('a[rel="prev"]')["href"] == exhibition.url + "foto/1/"
    assert doc.select_one('a[rel="next"]')["href"] == exhibition.url + "foto/3/"
    assert doc.body["data-page-type"] == "exhibitions.exhibitionpage"
    assert "public" in client.get(exhibition.url + "foto/2/")["Cache-Control"]


def photo_facts(doc):
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in doc.select(".photo-page__credits dt")
    }


def test_a_photo_page_says_who_made_the_photo_and_whose_it_is(client, html, make_exhibition):
    exhibition = make_exhibition(photos=2)
    first, second = exhibition.gallery_photos.all()
    first.photographer, first.designer, first.model = "Anna Beispiel", "Beulwitz", "Mia"
    first.image.credit, first.image.licence = "Foto: Anna Beispiel", "CC BY 4.0"
    first.image.copyright, first.image.caption = "© Anna Beispiel", "Ein Kleid im Atelier."
    first.image.save()
    second.image.creator = "Max Muster"
    second.image.save()
    draft = exhibition.get_latest_revision_as_object()
    draft.gallery_photos.set([first, second])
    draft.save_revision().publish()

    doc = html(client.get(exhibition.url + "foto/1/"))
    assert photo_facts(doc) == {
        "Foto": "Anna Beispiel",
        "Design": "Beulwitz",
        "Model": "Mia",
        "Bildnachweis": "Foto: Anna Beispiel",
        "Urheberrecht": "© Anna Beispiel",
        "Lizenz": "CC BY 4.0",
    }
    assert doc.select_one(".photo-page__description").get_text() == "Ein Kleid im Atelier."
    # The alternative text is for those who cannot see the photo, not a second caption.
    assert "Beschreibung 1" not in doc.select_one(".photo-page__info").get_text()
    # Without a photographer named for this use, the creator read from the file is shown.
    assert photo_facts(html(client.get(exhibition.url + "foto/2/"))) == {"Urheber": "Max Muster"}


def test_a_photo_page_offers_its_address_to_copy(client, html, make_exhibition):
    exhibition = make_exhibition(photos=1)
    doc = html(client.get(exhibition.url + "foto/1/"))
    field = doc.select_one("[data-share-url]")
    assert field["value"] == doc.select_one('link[rel="canonical"]')["href"]
    assert field["value"].endswith(exhibition.url + "foto/1/")
    assert doc.select_one(f'label[for="{field["id"]}"]').get_text() == "Link zu diesem Foto"


def test_markup_in_captions_and_credits_is_escaped_everywhere(client, make_exhibition):
    exhibition = make_exhibition(photos=1, subtitle="<b>Untertitel</b>")
    photo = exhibition.gallery_photos.get()
    draft = exhibition.get_latest_revision_as_object()
    draft.gallery_photos.set([photo])
    photo.caption = '<script>alert("caption")</script>'
    photo.photographer = '<img src=x onerror=alert("credit")>'
    photo.alt_text = '"><script>alert("alt")</script>'
    draft.save_revision().publish()
    for url in (exhibition.url, exhibition.url + f"foto/{photo.number}/"):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "<b>Untertitel</b>" not in content
        assert "&lt;script&gt;alert(&quot;caption&quot;)&lt;/script&gt;" in content


def count_queries(client, url):
    # Warm: the first view also creates the site's settings row, which renews the fragments.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_a_gallery_costs_the_same_few_queries_for_12_60_and_120_photos(client, make_exhibition):
    counts = {n: count_queries(client, make_exhibition(photos=n).url) for n in (12, 60, 120)}
    assert len(set(counts.values())) == 1, counts
    assert counts[12] <= 10, counts


def test_without_javascript_every_photo_is_a_link_to_its_page(client, html, make_exhibition):
    exhibition = make_exhibition(photos=3)
    doc = html(client.get(exhibition.url))
    links = [a["href"] for a in doc.select("a.gallery-grid__link")]
    assert links == [exhibition.url + f"foto/{n}/" for n in (1, 2, 3)]
    images = doc.select("a.gallery-grid__link img")
    # The hero, the first screen's largest photo, is fetched first; the first tiles load eagerly.
    assert doc.select_one(".key-visual img")["fetchpriority"] == "high"
    assert images[0]["loading"] == "eager" and not images[0].has_attr("fetchpriority")
    assert all(img.has_attr("width") and img.has_attr("height") for img in images)


def card_images(doc):
    return [card.select_one(".card__image") is not None for card in doc.select(".card")]


def test_an_exhibition_without_listing_image_shows_its_first_photo(client, html, make_exhibition):
    exhibition = make_exhibition(photos=3)
    empty = make_exhibition(photos=0)
    first = exhibition.gallery_photos.first().image
    assert exhibition.listing_image is None
    assert exhibition.card_image == first
    assert exhibition.share_image == first  # og:image, once its rendition is made
    assert empty.card_image is None
    doc = html(client.get(exhibition.get_parent().url))
    cards = {
        card.select_one(".card__title").get_text(strip=True): card for card in doc.select(".card")
    }
    assert cards[exhibition.title].select_one(".card__image") is not None
    assert cards[empty.title].select_one(".card__image") is None


def test_the_index_costs_the_same_queries_with_first_photos_for_2_and_8_exhibitions(
    client, index, make_exhibition
):
    for _ in range(2):
        make_exhibition(photos=2)
    two = count_queries(client, index.url)
    for _ in range(6):
        make_exhibition(photos=2)
    assert count_queries(client, index.url) == two


def test_sub_projects_offered_are_those_of_the_page_language(admin_client, index):
    home = index.get_parent().specific
    women = make_project(home, "Connecting Women", "connecting-women")
    women_en = publish_translation(women, locales()["en"], slug="women")
    add = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["exhibitions", "exhibitionpage", index.pk])
    )
    assert list(add.context["form"].fields["projects"].queryset) == [women]
    index_en = publish_translation(index, locales()["en"], slug="exhibitions")
    add_en = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["exhibitions", "exhibitionpage", index_en.pk])
    )
    assert list(add_en.context["form"].fields["projects"].queryset) == [women_en]


def test_the_gallery_adds_and_numbers_photos_in_the_editors_words(admin_client, make_exhibition):
    exhibition = make_exhibition(photos=2)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[exhibition.pk]))
    content = response.content.decode()
    assert "Foto hinzufügen" in content
    assert "alerie hinzufügen" not in content
    doc = BeautifulSoup(content, "html.parser")
    rows = doc.select("#id_gallery_photos-FORMS .gallery-row__number")
    assert [row.get_text(strip=True) for row in rows] == ["Foto 1", "Foto 2"]


def test_the_language_switcher_keeps_the_photo(client, html, make_exhibition):
    exhibition = make_exhibition(photos=3)
    english = publish_translation(exhibition.get_parent(), locales()["en"], slug="exhibitions")
    exhibition_en = publish_translation(exhibition, locales()["en"], slug="beulwitz-designs")
    photo = html(client.get(exhibition.url + "foto/2/"))
    switcher = photo.select_one(".language-switcher")
    assert switcher.select_one('a[hreflang="en"]')["href"] == exhibition_en.url + "foto/2/"
    # A photo the translation lacks leads to the translated exhibition.
    exhibition_en.gallery_photos.filter(number=3).delete()
    third = html(client.get(exhibition.url + "foto/3/"))
    assert third.select_one('.language-switcher a[hreflang="en"]')["href"] == exhibition_en.url
    assert english.url.startswith("/en/")
