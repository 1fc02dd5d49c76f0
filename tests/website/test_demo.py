import io

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from wagtail.models import Page, Revision, Site
from wagtail.users.models import UserProfile

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.stories.consent_helpers import form_data
from website.core.models import FooterText, HomePage
from website.demo.seed import read_sections

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(
            Page.objects.values_list(
                "path", "title", "live", "last_published_at", "latest_revision_id"
            )
        ),
        "revisions": Revision.objects.count(),
        "footers": sorted(FooterText.objects.values_list("locale__language_code", "text")),
        "sites": list(Site.objects.values_list("hostname", "port", "root_page_id")),
    }


def test_load_demo_twice_changes_nothing_the_second_time():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    second_run = io.StringIO()
    call_command("load_demo", stdout=second_run)
    assert snapshot() == first
    assert "angelegt" not in second_run.getvalue()  # the log of each page or translation made


def test_demo_home_page_shows_the_seed_introduction(client, html):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    intro = read_sections()["Connecting Humans"].paragraphs
    doc = html(client.get("/"))
    text = doc.select_one(".intro").get_text()
    assert all(paragraph in text for paragraph in intro)
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    # The placeholder page of a fresh Wagtail install is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    for path in ("/en/", "/ar/", "/ueber-das-projekt/ausgangslage/"):
        assert client.get(path).status_code == 200


def test_demo_admin_exists_only_in_development():
    with pytest.raises(CommandError):
        call_command("ensure_demo_admin")


@override_settings(DEBUG=True)
def test_demo_admin_is_created_then_reset(client, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "ein-demo-passwort")
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.login(username="admin", password="ein-demo-passwort")
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "ein-anderes-passwort")
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert client.login(username="admin", password="ein-anderes-passwort")
    assert client.get("/admin/").status_code == 200


def test_the_demo_exhibition_is_reached_from_the_home_page(client, html):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    home = html(client.get("/"))
    index_url = home.select_one('nav.main-nav a[href="/ausstellungen/"]')["href"]
    index = html(client.get(index_url))
    exhibition_url = index.find("a", string="Beulwitz designt")["href"]
    exhibition = html(client.get(exhibition_url))
    links = exhibition.select("a.gallery-grid__link")
    assert len(links) == 24
    assert all(img["alt"] for img in exhibition.select("a.gallery-grid__link img"))
    last = html(client.get(links[-1]["href"]))
    assert last.select_one('a[rel="prev"]') and not last.select_one('a[rel="next"]')


def internal_links(doc):
    for anchor in doc.select("a[href]"):
        href = anchor["href"].split("#")[0].split("?")[0]
        if href.startswith("/") and not href.startswith(("/admin/", "/bilder/", "/documents/")):
            yield href


# Pages of the demo that exist only in German, and why.
GERMAN_ONLY = {
    # The site explained in easy-to-read German (Leichte Sprache): the English and Arabic
    # footers offer it as "Easy-to-read German".
    "/leichte-sprache/",
}


class DemoSiteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return BeautifulSoup(response.content, "html.parser")

    def test_every_public_page_is_reached_from_the_navigation(self):
        reached, queue = set(), ["/"]
        while queue:
            path = queue.pop()
            if path in reached or any(part in path for part in ("/foto/", "/feed/", "/suche/")):
                continue
            reached.add(path)
            queue.extend(internal_links(self.get(path)))
        published = {page.url for page in Page.objects.live().public().filter(depth__gt=1)}
        self.assertEqual(published - reached, set())
        menu = [a.get_text(strip=True) for a in self.get("/").select("nav.main-nav a")]
        for section in ("Connecting Women", "Connecting Partners", "Toolbox", "Neuigkeiten"):
            self.assertIn(section, menu)

    def test_the_language_switcher_moves_between_the_three_versions(self):
        for path, translated in (
            ("/connecting-women/", "/connecting-women/"),
            ("/connecting-partners/", "/connecting-partners/"),
            ("/ausstellungen/beulwitz-designt/", "/exhibitions/beulwitz-designt/"),
            ("/neuigkeiten/", "/news/"),
            ("/geschichten/naehen-verbindet/", "/stories/sewing-connects/"),
            ("/toolbox/", "/toolbox/"),
            ("/toolbox/zugehoerigkeitskreise/", "/toolbox/circles-of-belonging/"),
            ("/geschichten/mentoring-auf-augenhoehe/", "/stories/mentoring-as-equals/"),
            ("/ueber-das-projekt/", "/about-the-project/"),
            ("/impressum/", "/legal-notice/"),
        ):
            with self.subTest(path):
                switcher = self.get(path).select(".language-switcher a")
                links = {a["lang"]: a["href"] for a in switcher}
                expected = {"de": path, "en": f"/en{translated}", "ar": f"/ar{translated}"}
                self.assertEqual(links, expected)
                arabic = self.get(links["ar"])
                self.assertEqual((arabic.html["lang"], arabic.html["dir"]), ("ar", "rtl"))
                switcher = arabic.select(".language-switcher a")
                self.assertEqual({a["lang"]: a["href"] for a in switcher}, links)

    def test_english_pages_have_english_addresses_and_text(self):
        for path, heading in (
            ("/en/exhibitions/", "Exhibitions"),
            ("/en/exhibitions/beulwitz-designt/", "Beulwitz designt"),
            ("/en/stories/", "Stories"),
            ("/en/stories/sewing-connects/", "Sewing connects"),
            ("/en/news/", "News"),
            ("/en/news/beulwitz-designt-at-saalfeld-castle/", "Photo exhibition at Saalfeld"),
            ("/en/news/new-mentoring-round-begins/", "a new mentoring round begins"),
            ("/en/toolbox/", "Toolbox"),
            ("/en/toolbox/take-a-step-forward/", "Take a step forward"),
            ("/en/stories/a-new-start-in-the-workshop/", "A new start in the workshop"),
            ("/en/news/new-methods-in-the-toolbox/", "New in the Toolbox"),
            ("/en/about-the-project/project-partners/", "The project partners"),
            ("/en/privacy/", "Privacy"),
        ):
            with self.subTest(path):
                doc = self.get(path)
                self.assertEqual(doc.html["lang"], "en")
                self.assertIn(heading, doc.h1.get_text())
        listed = {a["href"] for a in self.get("/en/news/").select("main a")}
        for item in ("beulwitz-designt-at-saalfeld-castle", "new-mentoring-round-begins"):
            self.assertIn(f"/en/news/{item}/", listed)

    def test_every_german_page_has_a_live_english_and_arabic_translation(self):
        untranslated = {}
        for page in Page.objects.live().filter(locale__language_code="de", depth__gt=1):
            languages = set(
                page.get_translations().live().values_list("locale__language_code", flat=True)
            )
            if page.url not in GERMAN_ONLY and languages != {"en", "ar"}:
                untranslated[page.url] = sorted(languages)
        self.assertEqual(untranslated, {})

    def test_translated_legal_pages_say_first_that_the_german_one_is_binding(self):
        for code, binding in (("en", "only the German version"), ("ar", "النسخة الألمانية")):
            for slug in ("legal-notice", "privacy", "accessibility"):
                with self.subTest(code=code, slug=slug):
                    first = self.get(f"/{code}/{slug}/").select_one("main .stream p")
                    self.assertIn(binding, first.get_text())
            footer = self.get(f"/{code}/").select(".site-footer__links a")
            self.assertEqual(
                [a["href"] for a in footer],
                [f"/{code}/legal-notice/", f"/{code}/privacy/", f"/{code}/accessibility/"]
                + ["/leichte-sprache/"],
            )

    def test_every_photo_of_the_exhibition_is_translated(self):
        for code, caption, alt in (
            ("en", "Striped dress made from old blazers", "A dress with stripes in dove blue"),
            ("ar", "فستان مخطط من سترات رجالية قديمة", "فستان بخطوط باللونين الأزرق الرمادي"),
        ):
            with self.subTest(code):
                doc = self.get(f"/{code}/exhibitions/beulwitz-designt/")
                templates = "".join(t.decode_contents() for t in doc.select("template"))
                captions = BeautifulSoup(templates, "html.parser").select(".lightbox__caption")
                self.assertEqual(len(captions), 24)
                self.assertEqual(captions[0].get_text(), caption)
                self.assertFalse([c for c in captions if c.select("[lang]")])  # none left German
                alts = [img["alt"] for img in doc.select("a.gallery-grid__link img")]
                self.assertTrue(alts[0].startswith(alt))
                self.assertEqual(len(set(alts)), 24)
        arabic = self.get("/ar/exhibitions/beulwitz-designt/foto/24/")
        self.assertEqual(arabic.h1.get_text(), "سترة منقّطة من مفارش الطاولات")

    def test_news_feeds_list_the_demo_news(self):
        feed = feedparser.parse(self.client.get("/neuigkeiten/feed/rss/").content)
        titles = [entry.title for entry in feed.entries]
        self.assertIn("Fotoausstellung im Saalfelder Schloss: Mode vereint", titles)


@override_settings(DEBUG=True)
def test_demo_admin_can_change_their_language(client, html):
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.login(username="admin", password="connecting-humans")
    data = form_data(client.get("/admin/account/"))
    data["locale-preferred_language"] = "ar"
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, html(response).select(".error-message")
    assert UserProfile.objects.get(user__username="admin").preferred_language == "ar"
