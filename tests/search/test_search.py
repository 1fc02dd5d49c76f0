from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto
from tests.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    StandardPageFactory,
    build_site,
    locales,
    publish_translation,
)
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import NewsIndexPageFactory, make_news


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def parse(response, status=200):
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(doc):
    return [a.get_text(strip=True) for a in doc.select(".search-result__title a")]


class SearchTests(TestCase):
    """German and English pages of several types, some of them hidden from visitors."""

    @classmethod
    def setUpTestData(cls):
        cls.homes = build_site()
        english = locales()["en"]
        cls.background = StandardPageFactory(
            parent=cls.homes["de"],
            title="Ausgangslage",
            slug="ausgangslage",
            listing_summary="Warum es Connecting Humans gibt.",
            body=paragraph("Im Begegnungscafé treffen sich Nachbarinnen ohne Barrieren."),
        )
        cls.background.save_revision().publish()
        cls.background_en = publish_translation(
            cls.background,
            english,
            title="Background",
            slug="background",
            listing_summary="Why Connecting Humans exists.",
            body=paragraph("Neighbours meet in the community café."),
        )
        # A change saved but not published stays out of the search.
        draft = cls.background.get_latest_revision_as_object()
        draft.intro = "Geheimwort im Entwurf"
        draft.save_revision()

        index = ExhibitionIndexPageFactory(parent=cls.homes["de"])
        cls.exhibition = ExhibitionPageFactory(
            parent=index,
            title="Gesichter der Stadt",
            slug="gesichter",
            summary="Porträts aus Erfurt",
            listing_summary="Eine Ausstellung mit Porträts von Menschen aus Erfurt.",
        )
        ExhibitionPageFactory(
            parent=index, title="Stimmen", intro="<p>Interviews &amp; <b>Hörstationen</b></p>"
        )
        publish_translation(index, english, title="Exhibitions", slug="exhibitions")
        cls.exhibition_en = publish_translation(
            cls.exhibition,
            english,
            title="Faces of the city",
            slug="faces",
            summary="Portraits from Erfurt",
            listing_summary="An exhibition of portraits of people from Erfurt.",
        )

        StandardPageFactory(parent=cls.homes["de"], title="Geheimplan", live=False)
        private = StandardPageFactory(
            parent=cls.homes["de"], title="Interne Planung", body=paragraph("Vertraulich")
        )
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        StandardPageFactory(parent=private, title="Vertrauliche Unterseite")

    def search(self, query, language="de", **params):
        prefix = "" if language == "de" else f"/{language}"
        return parse(self.client.get(f"{prefix}/suche/", {"q": query, **params}))

    def test_the_search_has_an_address_in_every_language(self):
        addresses = {}
        for code in ("de", "en", "ar"):
            with translation.override(code):
                addresses[code] = reverse("search")
        self.assertEqual(addresses, {"de": "/suche/", "en": "/en/suche/", "ar": "/ar/suche/"})

    def test_finds_pages_by_title_and_by_text(self):
        self.assertEqual(titles(self.search("Ausgangslage")), ["Ausgangslage"])
        self.assertEqual(titles(self.search("Begegnungscafé")), ["Ausgangslage"])
        self.assertEqual(titles(self.search("Porträts Erfurt")), ["Gesichter der Stadt"])

    def test_punctuation_around_words_does_not_hide_a_page(self):
        for query in ['"Ausgangslage"', "Ausgangslage*", "(Ausgangslage)", "-Ausgangslage-"]:
            with self.subTest(query=query):
                self.assertEqual(titles(self.search(query)), ["Ausgangslage"])

    def test_only_pages_of_the_active_language_are_found(self):
        self.assertEqual(titles(self.search("Ausgangslage", "en")), [])
        self.assertEqual(titles(self.search("Background", "en")), ["Background"])
        self.assertEqual(titles(self.search("Background")), [])
        self.assertEqual(titles(self.search("portraits", "en")), ["Faces of the city"])

    def test_drafts_unpublished_changes_and_private_pages_are_not_found(self):
        for query in ["Geheimplan", "Geheimwort", "Interne", "Vertraulich", "Unterseite"]:
            with self.subTest(query=query):
                self.assertEqual(titles(self.search(query)), [])

    def test_the_home_page_is_not_a_result(self):
        # The home page's introduction speaks of "Barrieren" too.
        self.assertEqual(titles(self.search("Barrieren")), ["Ausgangslage"])

    def test_a_result_shows_its_type_section_and_summary(self):
        doc = self.search("portraits", "en")
        result = doc.select_one(".search-result")
        link = result.select_one(".search-result__title a")
        self.assertEqual(link["href"], self.exhibition_en.url)
        label = result.select_one(".search-result__type")
        self.assertEqual(label.get_text(strip=True), "Exhibition")
        self.assertEqual(
            result.select_one(".search-result__section").get_text(strip=True), "in Exhibitions"
        )
        self.assertEqual(
            result.select_one(".search-result__summary").get_text(strip=True),
            "An exhibition of portraits of people from Erfurt.",
        )

    def test_without_a_listing_summary_a_result_shows_the_start_of_its_introduction(self):
        doc = self.search("Stimmen")
        self.assertEqual(
            doc.select_one(".search-result__summary").get_text(), "Interviews & Hörstationen"
        )

    def test_the_results_are_announced_and_kept_out_of_search_engines(self):
        doc = self.search("Background", "en")
        self.assertEqual(
            doc.title.get_text(strip=True), "1 result for “Background” · Connecting Humans"
        )
        status = doc.select_one('[role="status"]')
        self.assertEqual(status.h2.get_text(strip=True), "1 result for “Background”")
        self.assertEqual(doc.select_one('meta[name="robots"]')["content"], "noindex")
        self.assertTrue(doc.select_one('meta[name="description"]')["content"])
        self.assertEqual(doc.body["data-page-type"], "search")
        self.assertEqual(doc.select_one("#search-q")["value"], "Background")
        crumbs = doc.select(".breadcrumbs a")
        self.assertEqual([a["href"] for a in crumbs], ["/en/", "/en/suche/"])

    def test_an_empty_query_shows_the_form_and_a_hint(self):
        for query in ["", "   ", "\x00"]:
            with self.subTest(query=query):
                doc = self.search(query, "en")
                field = doc.select_one('main form[role="search"] input[name="q"]')
                self.assertEqual(field.get("value"), "")
                self.assertEqual(doc.select_one(f"#{field['aria-describedby']}").name, "p")
                self.assertIsNone(doc.select_one('[role="status"]'))
                self.assertEqual(doc.title.get_text(strip=True), "Search · Connecting Humans")

    def test_no_results_offer_suggestions_and_the_language_switcher_the_same_search(self):
        doc = self.search("Ausgangslage", "en")
        self.assertEqual(
            doc.select_one('[role="status"] h2').get_text(strip=True),
            "No results for “Ausgangslage”",
        )
        self.assertIsNotNone(doc.select_one(".notice li"))
        links = {a["lang"]: a["href"] for a in doc.select(".language-switcher a")}
        self.assertEqual(
            links,
            {
                "de": "/suche/?q=Ausgangslage",
                "en": "/en/suche/?q=Ausgangslage",
                "ar": "/ar/suche/?q=Ausgangslage",
            },
        )
        self.assertEqual(titles(parse(self.client.get(links["de"]))), ["Ausgangslage"])

    def test_hostile_queries_are_answered_and_echoed_escaped(self):
        for query in [
            "<script>alert(1)</script>",
            "a\x00b",
            "x" * 10_000,
            "' OR 1=1 --",
            '"unbalanced',
            "AND OR NOT",
            "NOT",
            "*",
            ":",
            "a:b*",
            "NEAR(a b)",
            "^start -minus +plus",
            "%' \\",
            "\u202eumgedreht",
            "😀 مرحبا",
            "\u0301 ـ ½ ⁰",
            " ".join(["Wort"] * 100),
        ]:
            with self.subTest(query=query[:30]):
                response = self.client.get("/suche/", {"q": query, "page": "2"})
                doc = parse(response)
                echoed = doc.select_one("#search-q")["value"]
                self.assertLessEqual(len(echoed), 200)
                self.assertNotIn("\x00", echoed)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
        response = self.client.get("/suche/", {"q": "<script>alert(1)</script>"})
        self.assertIn(b"&lt;script&gt;alert(1)&lt;/script&gt;", response.content)
        self.assertIn("<script>alert(1)</script>", parse(response).title.get_text())

    def test_a_repeated_query_parameter_uses_the_last_one(self):
        response = self.client.get("/suche/?q=%00&q=Ausgangslage&page=abc&page=-1")
        self.assertEqual(titles(parse(response)), ["Ausgangslage"])

    def test_every_page_has_a_search_form_in_its_language(self):
        for url, status, action in [
            (self.homes["de"].url, 200, "/suche/"),
            (self.background.url, 200, "/suche/"),
            (self.exhibition.url, 200, "/suche/"),
            (self.homes["en"].url, 200, "/en/suche/"),
            (self.background_en.url, 200, "/en/suche/"),
            (self.homes["ar"].url, 200, "/ar/suche/"),
            ("/gibt-es-nicht/", 404, "/suche/"),
            ("/en/suche/", 200, "/en/suche/"),
        ]:
            with self.subTest(url=url):
                doc = parse(self.client.get(url), status)
                forms = doc.select('form[role="search"]')
                self.assertTrue(forms)
                for form in forms:
                    self.assertEqual((form["method"], form["action"]), ("get", action))
                    field = form.select_one('input[type="search"][name="q"]')
                    self.assertTrue(form.select_one(f'label[for="{field["id"]}"]').get_text())
                    self.assertIsNotNone(form.select_one('button[type="submit"]'))


pytestmark = pytest.mark.django_db


def test_the_index_follows_publishing_and_unpublishing(client, html):
    home = build_site()["de"]
    page = StandardPageFactory(parent=home, title="Sommerfest", live=False)
    assert titles(html(client.get("/suche/?q=Sommerfest"))) == []
    page.title = "Sommerfest am Petersberg"
    page.save_revision().publish()
    assert titles(html(client.get("/suche/?q=Petersberg"))) == ["Sommerfest am Petersberg"]
    page.refresh_from_db()
    page.unpublish()
    assert titles(html(client.get("/suche/?q=Petersberg"))) == []


def test_results_come_ten_to_a_page(client, html):
    home = build_site()["de"]
    for n in range(11):
        StandardPageFactory(parent=home, title=f"Workshop {n}").save_revision().publish()
    first = html(client.get("/suche/?q=Workshop"))
    assert len(titles(first)) == 10
    assert first.select_one('.pagination a[rel="next"]')["href"] == "?q=Workshop&page=2"
    second = html(client.get("/suche/?q=Workshop&page=2"))
    assert len(titles(second)) == 1
    assert second.select_one(".search-results")["start"] == "11"
    assert second.title.get_text(strip=True).startswith(
        "11 Ergebnisse für „Workshop“ · Seite 2 von 2"
    )
    assert titles(html(client.get("/suche/?q=Workshop&page=99"))) == titles(second)
    assert titles(html(client.get("/suche/?q=Workshop&page=abc"))) == titles(first)
    assert set(titles(first)) | set(titles(second)) == {f"Workshop {n}" for n in range(11)}


def test_a_results_page_asks_the_same_number_of_queries_for_3_and_10_hits(client, html):
    home = build_site()["de"]
    index = ExhibitionIndexPageFactory(parent=home)
    image = make_image(plain_jpeg(40, 30))
    for word, hits in (("Apfel", 3), ("Birne", 10)):
        ExhibitionPageFactory(
            parent=index, title=f"{word} Ausstellung", listing_image=image
        ).save_revision().publish()
        for n in range(hits - 1):
            StandardPageFactory(
                parent=home, title=f"{word} {n}", listing_image=image
            ).save_revision().publish()
    urls = {hits: f"/suche/?q={word}" for word, hits in (("Apfel", 3), ("Birne", 10))}
    for url in urls.values():
        client.get(url)  # cached fragments (header, footer) and renditions are made once
    counts = {}
    for hits, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            doc = html(client.get(url))
        assert len(titles(doc)) == hits
        assert len(doc.select(".search-result img")) == hits
        counts[hits] = len(queries)
    assert counts[3] == counts[10]


def test_german_words_are_found_in_other_forms(client, html):
    home = build_site()["de"]
    StandardPageFactory(
        parent=home, title="Ausstellung im Rathaus", body=paragraph("Eine Begegnung der Kulturen")
    ).save_revision().publish()
    for query in ["Ausstellungen", "Begegnungen", "Rathäuser"]:
        assert titles(html(client.get(f"/suche/?q={query}"))) == ["Ausstellung im Rathaus"]


def test_title_matches_come_before_pages_that_only_mention_the_word(client, html):
    home = build_site()["de"]
    # A short title and the word again and again in its text: the legal page of the demo.
    StandardPageFactory(
        parent=home,
        title="Impressum",
        body=paragraph("Verantwortlich für die Ausstellung und für jede Ausstellung. " * 5),
    ).save_revision().publish()
    index = ExhibitionIndexPageFactory(
        parent=home, title="Ausstellungen", intro="<p>Was wir zeigen.</p>"
    )
    index.save_revision().publish()
    ExhibitionPageFactory(
        parent=index,
        title="Die Ausstellung zum Begegnungscafé mit Porträts aus der ganzen Stadt",
        summary="Menschen aus Erfurt",
    ).save_revision().publish()
    found = titles(html(client.get("/suche/?q=Ausstellung")))
    assert found[-1] == "Impressum"
    assert set(found[:2]) == {
        "Ausstellungen",
        "Die Ausstellung zum Begegnungscafé mit Porträts aus der ganzen Stadt",
    }


def test_exhibitions_are_found_by_their_photos_captions_and_news_by_their_tags(client, html):
    home = build_site()["de"]
    index = ExhibitionIndexPageFactory(parent=home, intro="<p>Mode aus dem Thüringer Wald.</p>")
    index.save_revision().publish()
    exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(
                image=make_image(plain_jpeg(40, 30)),
                caption="Seidenkleid am Schwanenteich",
                alt_text="Eine Frau im Kleid",
            )
        ]
    )
    exhibition.save_revision().publish()
    news_index = NewsIndexPageFactory(parent=home)
    make_news(news_index, title="Eröffnung am Freitag", tags=["Vernissage"])
    assert titles(html(client.get("/suche/?q=Seidenkleider"))) == ["Beulwitz designt"]
    assert titles(html(client.get("/suche/?q=Vernissage"))) == ["Eröffnung am Freitag"]
    assert index.title in titles(html(client.get("/suche/?q=Thüringer Wald")))
    # An exhibition is found as what it is, though its texts never say so.
    assert "Beulwitz designt" in titles(html(client.get("/suche/?q=Ausstellung")))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only PostgreSQL weights fields by their boost; SQLite's index weights the title alone",
)
def test_a_news_item_tagged_with_the_word_comes_before_a_page_that_mentions_it(client, html):
    home = build_site()["de"]
    StandardPageFactory(
        parent=home,
        title="Impressum",
        body=paragraph(
            "Verantwortlich für die Inhalte, jede Ausstellung und alle Veranstaltungen ist der "
            "Verein Connecting Humans in Erfurt. Fotos der Ausstellung: siehe Bildnachweise."
        ),
    ).save_revision().publish()
    make_news(
        NewsIndexPageFactory(parent=home),
        title="Mode vereint im Saalfelder Schloss",
        summary="Die Modefotografien sind ab Freitag im Schloss zu sehen.",
        tags=["Ausstellung"],
    )
    found = titles(html(client.get("/suche/?q=Ausstellung")))
    assert found == ["Mode vereint im Saalfelder Schloss", "Impressum"]
