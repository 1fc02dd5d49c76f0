import datetime
from unittest import mock

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import feedparser
import pytest

from tests.factories import build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.images.models import CustomImage, Rendition
from website.images.renditions import generate
from website.news.feeds import ENCLOSURE_SPEC

from .factories import NewsIndexPageFactory, NewsPageFactory, make_news, publish

PUBLISHED = ["Sommerfest in Saalfeld", "Workshop im Mai", "Ohne fertiges Bild"]
HIDDEN = ["Entwurf", "Zurückgezogen", "Nur für das Team", "Geplant", "Abgelaufen"]


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        homes = build_site()
        cls.index = publish(NewsIndexPageFactory(parent=homes["de"]))
        cls.en_index = publish(NewsIndexPageFactory(parent=homes["en"], title="News", slug="news"))
        now = timezone.now()

        cls.summer = make_news(
            cls.index,
            title="Sommerfest in Saalfeld",
            date=datetime.date(2024, 6, 1),
            summary="Wir feiern & tanzen <gemeinsam>.",
            tags=["Fest"],
        )
        cls.image = make_image(plain_jpeg(80, 50), title="Workshop")
        generate(cls.image, [ENCLOSURE_SPEC])
        cls.workshop = make_news(
            cls.index, title="Workshop im Mai", date=datetime.date(2024, 5, 1), lead_image=cls.image
        )
        # Its renditions wait for the task worker: the feed must not make them.
        cls.unready_image = make_image(plain_jpeg(80, 50), title="Noch nicht fertig")
        make_news(
            cls.index,
            title="Ohne fertiges Bild",
            date=datetime.date(2024, 4, 1),
            lead_image=cls.unready_image,
        )

        NewsPageFactory(parent=cls.index, title="Entwurf", live=False).save_revision()
        make_news(cls.index, title="Zurückgezogen").unpublish()
        private = make_news(cls.index, title="Nur für das Team")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
        scheduled = NewsPageFactory(
            parent=cls.index, title="Geplant", live=False, go_live_at=now + datetime.timedelta(1)
        )
        scheduled.save_revision().publish()
        expired = make_news(cls.index, title="Abgelaufen")
        # Past its expiry while the scheduler has not run yet.
        type(expired).objects.filter(pk=expired.pk).update(
            expire_at=now - datetime.timedelta(hours=1)
        )

        make_news(cls.en_index, title="Summer party", date=datetime.date(2024, 6, 1))

    def feed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        parsed = feedparser.parse(response.content)
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
        return response, parsed

    def test_rss_lists_published_news_newest_first_with_absolute_links(self):
        response, parsed = self.feed(self.index.url + "feed/rss/")
        self.assertEqual(parsed.version, "rss20")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertEqual(parsed.feed.link, "http://localhost/aktuelles/")
        self.assertEqual(parsed.feed.language, "de")
        self.assertEqual([entry.title for entry in parsed.entries], PUBLISHED)
        summer = parsed.entries[0]
        self.assertEqual(summer.link, "http://localhost/aktuelles/sommerfest-in-saalfeld/")
        self.assertEqual(summer.summary, "Wir feiern &amp; tanzen &lt;gemeinsam&gt;.")
        self.assertIn("01 Jun 2024", summer.published)
        self.assertEqual([tag.term for tag in summer.tags], ["Fest"])
        self_link = next(link for link in parsed.feed.links if link.rel == "self")
        self.assertEqual(self_link.href, "http://localhost/aktuelles/feed/rss/")

    def test_atom_lists_published_news_with_dates_and_a_self_link(self):
        response, parsed = self.feed(self.index.url + "feed/atom/")
        self.assertEqual(parsed.version, "atom10")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertEqual(parsed.feed.language, "de")
        self.assertEqual([entry.title for entry in parsed.entries], PUBLISHED)
        summer = parsed.entries[0]
        self.assertEqual(summer.link, "http://localhost/aktuelles/sommerfest-in-saalfeld/")
        self.assertEqual(summer.summary, "Wir feiern &amp; tanzen &lt;gemeinsam&gt;.")
        self.assertTrue(summer.published.startswith("2024-06-01T00:00:00+02:00"))
        self.assertTrue(summer.updated)
        self_link = next(link for link in parsed.feed.links if link.rel == "self")
        self.assertEqual(self_link.href, "http://localhost/aktuelles/feed/atom/")
        self.assertEqual(parsed.feed.author, "Connecting Humans")

    def test_entries_have_unique_ids_that_survive_a_new_slug(self):
        _, before = self.feed(self.index.url + "feed/atom/")
        ids = [entry.id for entry in before.entries]
        self.assertEqual(len(set(ids)), len(ids))
        self.summer.slug = "sommerfest"
        publish(self.summer)
        _, after = self.feed(self.index.url + "feed/atom/")
        self.assertEqual(after.entries[0].link, "http://localhost/aktuelles/sommerfest/")
        self.assertEqual(after.entries[0].id, ids[0])

    def test_drafts_unpublished_private_scheduled_and_expired_news_stay_out(self):
        for route in ("feed/rss/", "feed/atom/"):
            with self.subTest(route=route):
                content = self.client.get(self.index.url + route).content.decode()
                for title in HIDDEN:
                    self.assertNotIn(title, content)
                self.assertNotIn("Summer party", content)

    def test_each_language_has_its_own_feed(self):
        _, parsed = self.feed("/en/news/feed/rss/")
        self.assertEqual([entry.title for entry in parsed.entries], ["Summer party"])
        self.assertEqual(parsed.feed.language, "en")
        self.assertEqual(parsed.entries[0].link, "http://localhost/en/news/summer-party/")

    def test_the_lead_image_is_an_enclosure_with_its_size_and_type(self):
        _, parsed = self.feed(self.index.url + "feed/rss/")
        by_title = {entry.title: entry for entry in parsed.entries}
        [enclosure] = by_title["Workshop im Mai"].enclosures
        rendition = self.image.renditions.get(filter_spec=ENCLOSURE_SPEC)
        self.assertEqual(enclosure.href, "http://localhost" + rendition.url)
        self.assertEqual(enclosure.type, "image/jpeg")
        self.assertEqual(int(enclosure.length), rendition.file.size)
        self.assertEqual(self.client.get(rendition.url).status_code, 200)
        self.assertEqual(by_title["Sommerfest in Saalfeld"].enclosures, [])

    def test_an_image_not_rendered_yet_is_left_out_not_rendered_in_the_request(self):
        def no_decoding(image):
            raise AssertionError("the feed decoded an original")

        with mock.patch.object(CustomImage, "open_file", no_decoding):
            _, parsed = self.feed(self.index.url + "feed/atom/")
        entry = next(e for e in parsed.entries if e.title == "Ohne fertiges Bild")
        self.assertFalse([link for link in entry.links if link.rel == "enclosure"])
        self.assertFalse(Rendition.objects.filter(image=self.unready_image).exists())

    def test_feeds_may_be_kept_by_shared_caches(self):
        response = self.client.get(self.index.url + "feed/atom/")
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage", response["Cache-Control"])

    def test_a_feed_costs_the_same_queries_whatever_the_number_of_items(self):
        before = self.count_feed_queries()
        for n in range(6):
            make_news(self.index, title=f"Weitere {n}", lead_image=self.image, tags=[f"T{n}"])
        self.assertEqual(self.count_feed_queries(), before)

    def count_feed_queries(self):
        url = self.index.url + "feed/rss/"
        # Warm: the first view also creates the site's settings row, which renews caches.
        self.client.get(url)
        self.client.get(url)
        with CaptureQueriesContext(connection) as context:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(context.captured_queries)


@pytest.mark.django_db
def test_pages_link_their_feeds_in_the_head_and_the_index_shows_them(client, html):
    homes = build_site()
    index = publish(NewsIndexPageFactory(parent=homes["de"]))
    item = make_news(index, title="Neu")
    for url in (index.url, item.url):
        doc = html(client.get(url))
        alternates = {
            link["type"]: link["href"] for link in doc.head.select('link[rel="alternate"][type]')
        }
        assert alternates == {
            "application/rss+xml": "http://localhost/aktuelles/feed/rss/",
            "application/atom+xml": "http://localhost/aktuelles/feed/atom/",
        }
    visible = html(client.get(index.url)).select(".news-feeds a")
    assert [a["href"] for a in visible] == [
        "http://localhost/aktuelles/feed/rss/",
        "http://localhost/aktuelles/feed/atom/",
    ]
