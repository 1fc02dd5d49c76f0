"""Drafts, scheduled and unpublished pages are nowhere for anonymous visitors.

Covers what the app tests leave open: scheduled and unpublished pages in every listing, tag
filters, the search, the sitemap and at their own address. (News feeds: tests/news/test_feeds.py.)
"""

import datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.test import TestCase
from django.utils import timezone

from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.stories.consent_helpers import StoryIndexPageFactory, StoryPageFactory, make_participant
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory

STATES = ["draft", "scheduled", "unpublished"]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class HiddenPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()["de"]
        participant = make_participant("Leyla")
        sections = {
            "exhibition": (publish(ExhibitionIndexPageFactory(parent=home)), ExhibitionPageFactory),
            "story": (publish(StoryIndexPageFactory(parent=home)), StoryPageFactory),
            "news": (publish(NewsIndexPageFactory(parent=home)), NewsPageFactory),
            "method": (publish(ToolboxPageFactory(parent=home)), MethodPageFactory),
        }
        extra = {"story": {"participant": participant}}
        cls.indexes = {kind: index for kind, (index, _) in sections.items()}
        cls.visible, cls.hidden = {}, {}
        for kind, (index, factory) in sections.items():
            fields = extra.get(kind, {})
            cls.visible[kind] = cls.make(index, factory, "Sichtbarwort", kind, "live", fields)
            for state in STATES:
                cls.hidden[(kind, state)] = cls.make(
                    index, factory, "Verborgenwort", kind, state, fields
                )

    @classmethod
    def make(cls, index, factory, word, kind, state, fields):
        title = f"{word} {kind} {state}"
        slug = f"{kind}-{state}"
        if state == "scheduled":
            go_live_at = timezone.now() + datetime.timedelta(days=3)
            fields = {**fields, "live": False, "go_live_at": go_live_at}
        else:
            fields = {**fields, "live": state != "draft"}
        page = factory(parent=index, title=title, slug=slug, **fields)
        if hasattr(page, "tags"):
            page.tags.add("Gemeinsam")
        if state == "draft":
            page.save_revision()
        else:
            page = publish(page)
        if state == "unpublished":
            page.unpublish()
        page.refresh_from_db()
        return page

    def get(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def assert_only_visible(self, text, kinds=None):
        for kind, page in self.visible.items():
            if kinds is None or kind in kinds:
                self.assertIn(page.title, text)
        for (kind, state), page in self.hidden.items():
            self.assertNotIn(page.title, text, f"{kind} {state}")

    def test_the_pages_exist_in_the_expected_states(self):
        for (_, state), page in self.hidden.items():
            self.assertFalse(page.live)
            self.assertEqual(
                page.get_latest_revision().approved_go_live_at is not None, state == "scheduled"
            )

    def test_their_own_address_answers_404(self):
        for page in self.visible.values():
            self.assertEqual(self.client.get(page.url).status_code, 200, page.url)
        for page in self.hidden.values():
            self.assertEqual(self.client.get(page.url).status_code, 404, page.url)

    def test_listings_and_tag_filters_leave_them_out(self):
        for kind, index in self.indexes.items():
            self.assert_only_visible(self.get(index.url), kinds=[kind])
            if hasattr(self.visible[kind], "tags"):
                self.assert_only_visible(self.get(index.url, tag="gemeinsam"), kinds=[kind])

    def test_the_search_leaves_them_out(self):
        self.assert_only_visible(self.get("/suche/", q="Sichtbarwort"))
        # The query itself is echoed; the pages' full titles must not be.
        self.assert_only_visible(self.get("/suche/", q="Verborgenwort"), kinds=[])

    def test_the_sitemap_leaves_them_out(self):
        root = ElementTree.fromstring(self.get("/sitemap.xml"))  # noqa: S314 (our own output)
        paths = {urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
        for page in self.visible.values():
            self.assertIn(page.url, paths)
        for page in self.hidden.values():
            self.assertNotIn(page.url, paths)
