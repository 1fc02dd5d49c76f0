import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from tests.factories import StandardPageFactory, build_site, locales, publish_translation
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.core.models import HomePage
from website.news.models import NewsIndexPage, NewsPage

from .factories import NewsIndexPageFactory, make_news, make_project, publish

DAY = datetime.timedelta(days=1)
START = datetime.date(2024, 1, 1)
IGNORED = "Einige Filterwerte konnten nicht verwendet werden und wurden ignoriert."


class NewsTreeTests(WagtailPageTestCase):
    def test_the_index_lives_below_a_home_page_and_holds_news(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_news_live_only_in_the_index_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_one_index_per_home_page(self):
        homes = build_site()
        NewsIndexPageFactory(parent=homes["de"])
        self.assertFalse(NewsIndexPage.can_create_at(homes["de"]))
        self.assertTrue(NewsIndexPage.can_create_at(homes["en"]))


def titles(doc):
    return [a.get_text(strip=True) for a in doc.select(".card__title a")]


class IndexTests(TestCase):
    """Eleven German news items, two topics, one sub-project translated into English."""

    @classmethod
    def setUpTestData(cls):
        homes = build_site()
        cls.index = publish(NewsIndexPageFactory(parent=homes["de"]))
        cls.women = make_project(homes["de"], "Connecting Women", "connecting-women")
        cls.partners = make_project(homes["de"], "Connecting Partners", "connecting-partners")
        cls.women_en = publish_translation(cls.women, locales()["en"], slug="women")
        cls.items = []
        for n in range(11):
            tags = ["Fest"] if n in (3, 7) else ["Workshop"] if n == 5 else []
            projects = [cls.women] if n in (2, 8) else [cls.partners] if n == 4 else []
            cls.items.append(
                make_news(
                    cls.index,
                    title=f"Meldung {n:02d}",
                    date=START + n * DAY,
                    tags=tags,
                    projects=projects,
                )
            )
        cls.newest_first = [f"Meldung {n:02d}" for n in reversed(range(11))]

        # The English index: a translated item names the German project, another the English.
        cls.en_index = publish(NewsIndexPageFactory(parent=homes["en"], title="News", slug="news"))
        make_news(cls.en_index, title="Women meet", projects=[cls.women])
        make_news(cls.en_index, title="Women talk", projects=[cls.women_en])
        make_news(cls.en_index, title="Something else")

    @pytest.fixture(autouse=True)
    def parse(self, html):
        self.html = html

    def test_the_newest_ten_come_first_and_the_rest_on_page_two(self):
        first = self.html(self.client.get(self.index.url))
        second = self.html(self.client.get(self.index.url + "?page=2"))
        self.assertEqual(titles(first), self.newest_first[:10])
        self.assertEqual(titles(second), self.newest_first[10:])
        self.assertEqual(first.select_one('.pagination a[rel="next"]')["href"], "?page=2")
        self.assertEqual(first.select_one("time")["datetime"], "2024-01-11")

    def test_same_day_news_are_ordered_newest_first(self):
        later = make_news(self.index, title="Zweite am selben Tag", date=START + 10 * DAY)
        doc = self.html(self.client.get(self.index.url))
        self.assertEqual(titles(doc)[:2], [later.title, "Meldung 10"])

    def test_pages_it_cannot_use_show_the_first_or_the_last(self):
        for query, expected in (
            ("?page=abc", self.newest_first[:10]),
            ("?page=-1", self.newest_first[10:]),
            ("?page=999999", self.newest_first[10:]),
            ("?page=%00", self.newest_first[:10]),
            ("?page=" + "9" * 500, self.newest_first[10:]),
        ):
            with self.subTest(query=query):
                self.assertEqual(
                    titles(self.html(self.client.get(self.index.url + query))), expected
                )

    def test_a_topic_filters_the_list_and_can_be_cleared(self):
        doc = self.html(self.client.get(self.index.url + "?tag=fest"))
        self.assertEqual(titles(doc), ["Meldung 07", "Meldung 03"])
        current = doc.select('.news-filters a[aria-current="page"]')
        self.assertEqual([a.get_text(strip=True) for a in current], ["Alle Teilprojekte", "Fest"])
        self.assertIn("Thema: Fest", doc.select_one(".news-active-filters").get_text(" "))
        clear = doc.select_one(".news-active-filters a")
        self.assertEqual(clear["href"], self.index.url)
        all_topics = doc.select(".news-filters a")[3]
        self.assertEqual(all_topics.get_text(strip=True), "Alle Themen")
        self.assertEqual(
            titles(self.html(self.client.get(all_topics["href"]))), self.newest_first[:10]
        )

    def test_the_filter_links_list_the_topics_and_sub_projects_in_use(self):
        doc = self.html(self.client.get(self.index.url))
        links = [a.get_text(strip=True) for a in doc.select(".news-filters a")]
        self.assertEqual(
            links,
            [
                "Alle Teilprojekte",
                "Connecting Partners",
                "Connecting Women",
                "Alle Themen",
                "Fest",
                "Workshop",
            ],
        )
        self.assertIsNone(doc.select_one(".news-active-filters"))

    def test_a_sub_project_filters_the_list_and_keeps_the_topic(self):
        doc = self.html(self.client.get(self.index.url + "?project=connecting-women"))
        self.assertEqual(titles(doc), ["Meldung 08", "Meldung 02"])
        fest = next(a for a in doc.select(".news-filters a") if a.get_text(strip=True) == "Fest")
        combined = self.html(self.client.get(fest["href"]))
        self.assertEqual(titles(combined), [])
        self.assertIn(
            "Zu diesem Filter gibt es keine Neuigkeiten.", combined.select_one(".notice").get_text()
        )

    def test_a_sub_project_counts_in_every_language(self):
        doc = self.html(self.client.get("/en/news/?project=women"))
        self.assertEqual(sorted(titles(doc)), ["Women meet", "Women talk"])
        links = [a.get_text(strip=True) for a in doc.select(".news-filters a")]
        self.assertEqual(links, ["All sub-projects", "Connecting Women"])

    def test_an_unknown_topic_or_sub_project_is_ignored_and_said_so(self):
        for query in ("?tag=unbekannt", "?project=unbekannt", "?project=women"):
            with self.subTest(query=query):
                doc = self.html(self.client.get(self.index.url + query))
                self.assertEqual(titles(doc), self.newest_first[:10])
                self.assertEqual(doc.select_one(".notice").get_text(strip=True), IGNORED)

    def test_hostile_filter_values_are_answered_and_ignored(self):
        for query in (
            "?tag=<script>alert(1)</script>",
            "?project=<script>alert(1)</script>",
            "?tag=%00",
            "?project=%00",
            "?tag=fest%00",
            "?tag=" + "x" * 5000,
            "?project=" + "x" * 5000,
            "?tag=fest&tag=<script>alert(1)</script>",
            "?project=connecting-women&project=%00&tag=%00",
            "?tag=fest&tag=workshop",
        ):
            with self.subTest(query=query):
                response = self.client.get(self.index.url + query)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
        doc = self.html(self.client.get(self.index.url + "?tag=<script>&page=2"))
        self.assertEqual(titles(doc), self.newest_first[10:])
        for link in doc.select(".news-filters a"):
            self.assertNotIn("<script>", link["href"])

    def test_the_index_answers_without_news(self):
        empty = publish(
            NewsIndexPageFactory(parent=HomePage.objects.get(locale__language_code="ar"))
        )
        doc = self.html(self.client.get(empty.url))
        self.assertEqual(doc.select_one(".notice").get_text(strip=True), "لا توجد أخبار بعد.")
        self.assertIsNone(doc.select_one(".news-filters"))


@pytest.fixture
def homes(db):
    return build_site()


@pytest.fixture
def index(homes):
    return publish(NewsIndexPageFactory(parent=homes["de"]))


def test_a_news_page_shows_its_date_lead_tags_sub_projects_and_published_related_pages(
    client, html, homes, index
):
    project = make_project(homes["de"], "Connecting Women", "connecting-women")
    hidden_project = make_project(homes["de"], "Entwurf-Projekt", "entwurf-projekt")
    hidden_project.unpublish()
    related = StandardPageFactory(parent=homes["de"], title="Ausgangslage")
    publish(related)
    draft = StandardPageFactory(parent=homes["de"], title="Unfertig", live=False)
    draft.save_revision()
    private = StandardPageFactory(parent=homes["de"], title="Intern")
    publish(private)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    image = make_image(plain_jpeg(80, 50), title="Fest")
    item = make_news(
        index,
        title="Sommerfest",
        date=datetime.date(2024, 6, 1),
        summary="Wir feiern <gemeinsam>.",
        lead_image=image,
        lead_image_alt="Menschen tanzen im Schlosshof",
        lead_image_caption="Im Schlosshof",
        tags=["Fest", "Saalfeld"],
        projects=[project, hidden_project],
        related=[private, draft, related],
    )
    doc = html(client.get(item.url))
    assert doc.h1.get_text(strip=True) == "Sommerfest"
    time = doc.select_one(".article__header time")
    assert time["datetime"] == "2024-06-01"
    assert time.get_text(strip=True) == "1. Juni 2024"
    assert doc.select_one(".article__intro").get_text() == "Wir feiern <gemeinsam>."
    lead = doc.select_one(".news-item__image img")
    assert lead["fetchpriority"] == "high" and lead["loading"] == "eager"
    assert lead["alt"] == "Menschen tanzen im Schlosshof"
    assert doc.select_one(".news-item__image figcaption").get_text(strip=True) == "Im Schlosshof"
    tags = {
        a.get_text(strip=True): a["href"]
        for a in doc.select('[aria-labelledby="news-item-tags"] a')
    }
    assert tags == {"Fest": "/aktuelles/?tag=fest", "Saalfeld": "/aktuelles/?tag=saalfeld"}
    projects = [a["href"] for a in doc.select('[aria-labelledby="news-item-projects"] a')]
    assert projects == ["/connecting-women/"]
    assert [a.get_text(strip=True) for a in doc.select(".news-item__related .card__title a")] == [
        "Ausgangslage"
    ]
    assert doc.body["data-page-type"] == "news.newspage"
    assert "public" in client.get(item.url)["Cache-Control"]


def test_an_english_news_page_links_the_english_sub_project(client, html, homes):
    women = make_project(homes["de"], "Connecting Women", "connecting-women")
    publish_translation(women, locales()["en"], slug="women")
    en_index = publish(NewsIndexPageFactory(parent=homes["en"], title="News", slug="news"))
    item = make_news(en_index, title="Women meet", projects=[women])
    doc = html(client.get(item.url))
    assert [a["href"] for a in doc.select('[aria-labelledby="news-item-projects"] a')] == [
        "/en/women/"
    ]
    assert doc.html["lang"] == "en"


def test_the_card_summary_falls_back_to_the_summary(index):
    item = make_news(index, summary="Die Zusammenfassung.")
    assert item.card_summary == "Die Zusammenfassung."
    item.search_description = "Für Suchmaschinen."
    assert item.card_summary == "Für Suchmaschinen."
    item.listing_summary = "Für Listen."
    assert item.card_summary == "Für Listen."


def test_a_new_news_item_is_dated_today(db):
    assert NewsPage().date == timezone.localdate()


def count_queries(client, url):
    # Warm: the first view also creates the site's settings row, which renews the fragments.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_index_costs_the_same_queries_for_3_and_12_news_items(client, homes, index):
    project = make_project(homes["de"], "Connecting Women", "connecting-women")
    image = make_image(plain_jpeg(80, 50), title="Foto")

    def add(count):
        for n in range(count):
            make_news(index, lead_image=image, tags=[f"Thema {n}", "Alle"], projects=[project])

    add(3)
    three = count_queries(client, index.url)
    three_filtered = count_queries(client, index.url + "?tag=alle&project=connecting-women")
    add(9)
    assert count_queries(client, index.url) == three
    assert count_queries(client, index.url + "?tag=alle&project=connecting-women") == three_filtered


def test_the_admin_offers_the_sub_projects_of_the_page_language(admin_client, homes, index):
    women = make_project(homes["de"], "Connecting Women", "connecting-women")
    women_en = publish_translation(women, locales()["en"], slug="women")
    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["projects"].queryset) == [women]
    assert women_en not in form.fields["projects"].queryset


def news_form_data(project, related, **fields):
    data = nested_form_data(
        {
            "title": "Neues aus Saalfeld",
            "slug": "neues-aus-saalfeld",
            "date": "2024-06-01",
            "lead_image_alt": "",
            "lead_image_caption": "",
            "summary": "Eine kurze Zusammenfassung.",
            "body": streamfield([]),
            "tags": "Fest, Saalfeld",
            "related_pages": inline_formset([{"page": related.pk}]),
            **fields,
        }
    )
    data["projects"] = [project.pk]  # nested_form_data would number a list's items
    return data


def test_editors_create_and_preview_news_in_the_admin(admin_client, client, html, homes, index):
    women = make_project(homes["de"], "Connecting Women", "connecting-women")
    related = publish(StandardPageFactory(parent=homes["de"], title="Ausgangslage"))
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["news", "newspage", index.pk])
    response = admin_client.post(preview_url, news_form_data(women, related))
    assert response.json()["is_valid"]
    preview = html(admin_client.get(preview_url))
    assert preview.h1.get_text(strip=True) == "Neues aus Saalfeld"
    assert [
        a.get_text(strip=True) for a in preview.select('[aria-labelledby="news-item-projects"] a')
    ] == ["Connecting Women"]
    assert preview.select_one(".news-item__related .card__title a").get_text() == "Ausgangslage"

    add_url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])
    data = news_form_data(women, related, **{"action-publish": "action-publish"})
    assert admin_client.post(add_url, data).status_code == 302
    item = NewsPage.objects.get(slug="neues-aus-saalfeld")
    assert item.live and item.date == datetime.date(2024, 6, 1)
    assert sorted(tag.name for tag in item.tags.all()) == ["Fest", "Saalfeld"]
    assert list(item.projects.all()) == [women]
    doc = html(client.get(item.url))
    assert [a.get_text(strip=True) for a in doc.select('[aria-labelledby="news-item-tags"] a')] == [
        "Fest",
        "Saalfeld",
    ]
