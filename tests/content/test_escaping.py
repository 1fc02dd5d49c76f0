"""Markup typed into any text field is shown as text wherever the text appears."""

from xml.etree import ElementTree

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto, Venue
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory, make_project, publish
from tests.stories.consent_helpers import StoryIndexPageFactory, StoryPageFactory, make_participant
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory

PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"


def text(label):
    """A field value: a word to find the object by, then the payload."""
    return f"{label} {PAYLOAD}"


def assert_no_injection(markup, where):
    """The payload left no element or attribute of its own in the HTML."""
    assert "<script>alert(1)" not in markup.lower(), where
    for element in BeautifulSoup(markup, "html.parser").find_all(True):
        assert not any(name.startswith("on") for name in element.attrs), (where, element)
        assert not (element.name == "img" and element.get("src") == "x"), (where, element)
        if element.name == "script" and "json" not in element.get("type", ""):
            assert "alert(1)" not in element.get_text(), (where, element)


class EscapingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = build_site()["de"]
        image = make_image(plain_jpeg(40, 30), title=text("Bildtitel"), credit=text("Bildnachweis"))
        cls.exhibitions = publish(
            ExhibitionIndexPageFactory(parent=home, title=text("Ausstellungen"))
        )
        exhibition = ExhibitionPageFactory(
            parent=cls.exhibitions,
            title=text("Nadelkissen Ausstellung"),
            subtitle=text("Untertitel"),
            summary=text("Zusammenfassung"),
            search_description=text("Suchbeschreibung"),
            seo_title=text("Seitentitel"),
            social_text=text("Teilen"),
            venue=Venue.objects.create(name=text("Galerie")),
            listing_image=image,
        )
        exhibition.gallery_photos.set(
            [
                GalleryPhoto(
                    image=image,
                    caption=text("Bildunterschrift"),
                    alt_text=text("Alternativtext"),
                    photographer=text("Fotografin"),
                )
            ]
        )
        exhibition.tags.add(text("Schlagwort"))
        cls.exhibition = publish(exhibition)

        cls.stories = publish(StoryIndexPageFactory(parent=home, title=text("Geschichten")))
        story = StoryPageFactory(
            parent=cls.stories,
            participant=make_participant(text("Pseudonym")),
            title=text("Nadelkissen Geschichte"),
            teaser=text("Anreißer"),
            quote=text("Zitat"),
            listing_title=text("Kartentitel"),
            listing_summary=text("Kartentext"),
        )
        story.tags.add(text("Schlagwort"))
        cls.story = publish(story)

        cls.news = publish(NewsIndexPageFactory(parent=home, title=text("Aktuelles")))
        news = NewsPageFactory(
            parent=cls.news,
            title=text("Nadelkissen Nachricht"),
            summary=text("Nachrichtentext"),
            lead_image=image,
            lead_image_alt=text("Aufmacher"),
            lead_image_caption=text("Aufmacherzeile"),
        )
        news.tags.add(text("Schlagwort"))
        cls.news_item = publish(news)

        cls.toolbox = publish(ToolboxPageFactory(parent=home, title=text("Toolbox")))
        cls.method = publish(
            MethodPageFactory(
                parent=cls.toolbox,
                title=text("Nadelkissen Methode"),
                aim=text("Ziel"),
                materials=text("Material"),
            )
        )
        cls.project = make_project(home, text("Nadelkissen Projekt"), "projekt")

    def public_pages(self):
        pages = [
            self.exhibitions,
            self.exhibition,
            self.stories,
            self.story,
            self.news,
            self.news_item,
            self.toolbox,
            self.method,
            self.project,
        ]
        return [page.url for page in pages]

    def get(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def test_pages_and_their_listings_show_the_markup_as_text(self):
        for url in self.public_pages():
            markup = self.get(url)
            assert_no_injection(markup, url)
            doc = BeautifulSoup(markup, "html.parser")
            self.assertIn(PAYLOAD, doc.get_text(), url)
            self.assertIn(PAYLOAD, doc.title.get_text(), url)

    def test_meta_and_sharing_tags_hold_the_markup_as_text(self):
        doc = BeautifulSoup(self.get(self.exhibition.url), "html.parser")
        self.assertEqual(doc.title.get_text().split(" · ")[0].strip(), text("Seitentitel"))
        description = doc.find("meta", attrs={"name": "description"})
        self.assertEqual(description["content"], text("Suchbeschreibung"))
        shared = {
            tag.get("property") or tag.get("name"): tag["content"]
            for tag in doc.find_all("meta")
            if (tag.get("property") or tag.get("name") or "").startswith(("og:", "twitter:"))
        }
        self.assertTrue(any(PAYLOAD in value for value in shared.values()), shared)

    def test_tag_filters_show_the_tag_as_text(self):
        tag = self.exhibition.tags.get()
        for index in (self.exhibitions, self.stories, self.news):
            markup = self.get(index.url, tag=tag.slug)
            assert_no_injection(markup, index.url)
            self.assertIn(text("Schlagwort"), BeautifulSoup(markup, "html.parser").get_text())

    def test_search_results_and_the_echoed_query_are_text(self):
        for query in ("Nadelkissen", PAYLOAD, text("Nadelkissen")):
            markup = self.get("/suche/", q=query)
            assert_no_injection(markup, query)
        doc = BeautifulSoup(self.get("/suche/", q="Nadelkissen"), "html.parser")
        self.assertIn(text("Nadelkissen Methode"), doc.get_text())

    def test_feeds_hold_the_markup_as_text(self):
        for route in ("feed/rss/", "feed/atom/"):
            content = self.get(self.news.url + route)
            self.assertNotIn("<script>alert(1)", content.lower())
            root = ElementTree.fromstring(content)  # noqa: S314 (our own output)
            titles = [el.text for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
            self.assertIn(text("Nadelkissen Nachricht"), titles)
            for element in root.iter():
                # Descriptions and summaries are HTML once the XML is read.
                if element.tag.rsplit("}", 1)[-1] in ("description", "summary", "content"):
                    assert_no_injection(element.text or "", route)

    def test_the_sitemap_holds_no_markup(self):
        content = self.get("/sitemap.xml")
        self.assertNotIn("alert(1)", content)
        ElementTree.fromstring(content)  # noqa: S314 (our own output)

    def test_admin_listings_show_the_markup_as_text(self):
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        self.client.force_login(admin)
        urls = [
            reverse("wagtailadmin_explore", args=[index.pk])
            for index in (self.exhibitions, self.stories, self.news, self.toolbox)
        ] + [
            reverse("wagtailadmin_explore", args=[self.exhibitions.get_parent().pk]),
            reverse("wagtailsnippets_stories_participant:list"),
            reverse("wagtailimages:index"),
        ]
        for url in urls:
            markup = self.get(url)
            assert_no_injection(markup, url)
            # The image listing shortens titles: the start of the payload is enough.
            self.assertIn(PAYLOAD[:25], BeautifulSoup(markup, "html.parser").get_text(), url)
