"""Story pages: the index with its filters, a story with its languages, content note and privacy."""

import datetime
import itertools

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from stories.models import Consent, Participant, StoryIndexPage, StoryPage
from stories.models.pages import StoryPhoto
from tests.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    build_site,
    locales,
    publish_translation,
)
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.core.models import HomePage
from website.demo import stories as demo
from website.demo.factories import StoryIndexPageFactory, StoryPageFactory
from website.projects.models import ProjectPage

REAL_NAME = "Leila Verborgen-Echtname"
CONTACT = "leila.verborgen@example.org, 0170 1234567"


def make_participant(pseudonym, sub_project=None, **fields):
    """A participant with valid website consent, and internal fields that must stay internal."""
    participant = Participant(
        pseudonym=pseudonym,
        real_name=fields.pop("real_name", f"{REAL_NAME} {pseudonym}"),
        contact=fields.pop("contact", CONTACT),
        sub_project=sub_project,
        **fields,
    )
    participant.consents.set(
        [
            Consent(
                scope=Consent.Scope.WEBSITE,
                face=Consent.Face.VISIBLE,
                given_on=timezone.localdate() - datetime.timedelta(days=10),
            )
        ]
    )
    participant.save()
    return participant


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_story(index, participant, tags=(), **fields):
    page = StoryPageFactory(parent=index, participant=participant, **fields)
    page.tags.add(*tags)
    return publish(page)


def bilingual(language, text, own_text):
    return {
        "type": "bilingual",
        "value": {"text": f"<p>{text}</p>", "language": language, "own_text": f"<p>{own_text}</p>"},
    }


def image_block(image, alt="Ein Foto"):
    return {"type": "image", "value": {"image": image.pk, "alt_text": alt}}


def make_project(home, title, slug):
    project = ProjectPage(title=title, slug=slug)
    home.add_child(instance=project)
    return publish(project)


def titles(doc):
    return [a.get_text(strip=True) for a in doc.select(".card__title a")]


def count_queries(client, url):
    # Warm: the first view also creates the site's settings row, which renews the fragments.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


class StoryTreeTests(WagtailPageTestCase):
    def test_the_index_lives_below_a_home_page_and_holds_stories(self):
        self.assertAllowedParentPageTypes(StoryIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})

    def test_stories_live_only_in_the_index_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())

    def test_one_index_per_home_page(self):
        homes = build_site()
        StoryIndexPageFactory(parent=homes["de"])
        self.assertFalse(StoryIndexPage.can_create_at(homes["de"]))
        self.assertTrue(StoryIndexPage.can_create_at(homes["en"]))


class StoryTests(TestCase):
    """An Arabic/German story behind a content note, and a plain one, told by two participants."""

    @classmethod
    def setUpTestData(cls):
        cls.homes = build_site()
        cls.women = make_project(cls.homes["de"], "Connecting Women", "connecting-women")
        cls.index = publish(StoryIndexPageFactory(parent=cls.homes["de"]))
        exhibitions = publish(ExhibitionIndexPageFactory(parent=cls.homes["de"]))
        cls.exhibition = publish(
            ExhibitionPageFactory(parent=exhibitions, title="Beulwitz designt")
        )
        cls.amal = make_participant("Amal (Pseudonym)", sub_project=cls.women)
        cls.portrait = make_image(plain_jpeg(60, 80), title="Porträt")
        cls.body_image = make_image(plain_jpeg(80, 50), title="Weg")
        cls.photo = make_image(plain_jpeg(80, 50), title="Werkstatt")
        cls.story = StoryPageFactory(
            parent=cls.index,
            participant=cls.amal,
            title="Nähen verbindet",
            teaser="Amal fand in der Nähwerkstatt Freundinnen.",
            quote="Mit Nadel und Faden habe ich hier Freundinnen gefunden.",
            content_note="Flucht, Gewalt, Verlust",
            portrait=cls.portrait,
            portrait_alt="Eine Frau an der Nähmaschine",
            body=[
                {"type": "paragraph", "value": "<p>Amal erzählt.</p>"},
                bilingual("ar", "Ich kannte niemanden.", "لم أكن أعرف أحدًا."),
                image_block(cls.body_image, alt="Ein Weg im Abendlicht"),
                bilingual("fa", "Ich lerne Deutsch.", "من آلمانی یاد می‌گیرم."),
            ],
        )
        cls.story.photos.set([StoryPhoto(image=cls.photo, alt_text="Eine Werkbank")])
        cls.story.exhibitions.set([cls.exhibition])
        cls.story.tags.add("Ankommen", "Sprache")
        cls.story = publish(cls.story)

        cls.olena = make_participant("Olena (Pseudonym)")
        cls.plain = make_story(
            cls.index,
            cls.olena,
            title="Vom Praktikum zur Ausbildung",
            portrait=cls.portrait,
            body=[
                bilingual("uk", "Ich habe einen Ausbildungsplatz.", "Я маю місце для навчання."),
                image_block(cls.body_image),
            ],
        )

    @pytest.fixture(autouse=True)
    def parse(self, html):
        self.html = html

    def test_the_story_shows_its_teller_by_pseudonym_and_its_parts(self):
        doc = self.html(self.client.get(self.story.url))
        self.assertEqual(doc.h1.get_text(strip=True), "Nähen verbindet")
        self.assertIn("Amal (Pseudonym)", doc.select_one(".story__teller").get_text())
        self.assertEqual(doc.select_one(".story__teller a")["href"], "/connecting-women/")
        self.assertEqual(
            doc.select_one(".article__intro").get_text(),
            "Amal fand in der Nähwerkstatt Freundinnen.",
        )
        quote = doc.select_one(".story__quote")
        self.assertIn("Mit Nadel und Faden", quote.blockquote.get_text())
        self.assertEqual(quote.figcaption.get_text(strip=True), "Amal (Pseudonym)")
        self.assertEqual(
            [a.get_text(strip=True) for a in doc.select(".story__section .card__title a")],
            ["Beulwitz designt"],
        )
        tags = {a.get_text(strip=True): a["href"] for a in doc.select(".story__footer a")}
        self.assertEqual(
            tags, {"Ankommen": "/geschichten/?tag=ankommen", "Sprache": "/geschichten/?tag=sprache"}
        )
        self.assertEqual(doc.body["data-page-type"], "stories.storypage")

    def test_real_name_and_contact_appear_on_no_public_page(self):
        for url in (
            self.story.url,
            self.plain.url,
            self.index.url,
            self.index.url + "?project=connecting-women",
            "/connecting-women/",
            "/suche/?q=Amal",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                self.assertNotIn("Verborgen", content)
                self.assertNotIn("Echtname", content)
                self.assertNotIn("leila.verborgen", content)
                self.assertNotIn("1234567", content)

    def test_search_finds_the_story_by_pseudonym_and_text_never_by_real_name(self):
        def found(query):
            doc = self.html(self.client.get("/suche/", {"q": query}))
            return [a.get_text(strip=True) for a in doc.select(".search-result__title a")]

        self.assertIn("Nähen verbindet", found("Amal"))
        self.assertIn("Nähen verbindet", found("Nähwerkstatt"))
        self.assertIn("Nähen verbindet", found("Nadel"))
        self.assertNotIn("Nähen verbindet", found("Verborgen"))
        self.assertNotIn("Nähen verbindet", found("Echtname"))

    def test_text_in_two_languages_carries_its_own_lang_and_dir(self):
        doc = self.html(self.client.get(self.story.url))
        blocks = doc.select(".bilingual")
        self.assertEqual(len(blocks), 2)
        columns = [
            [(text["lang"], text["dir"]) for text in block.select(".bilingual__text")]
            for block in blocks
        ]
        self.assertEqual(columns, [[("de", "ltr"), ("ar", "rtl")], [("de", "ltr"), ("fa", "rtl")]])
        arabic = blocks[0].select_one('[lang="ar"]')
        self.assertIn("لم أكن أعرف أحدًا.", arabic.get_text())
        self.assertEqual(arabic.select_one(".bilingual__language").get_text(), "العربية")
        plain = self.html(self.client.get(self.plain.url))
        self.assertEqual(
            [(t["lang"], t["dir"]) for t in plain.select(".bilingual__text")],
            [("de", "ltr"), ("uk", "ltr")],
        )

    def test_on_an_arabic_page_the_page_language_column_is_arabic_too(self):
        arabic = locales()["ar"]
        publish_translation(self.index, arabic)
        translation = publish_translation(
            self.plain,
            arabic,
            body=[bilingual("uk", "لدي مكان للتدريب.", "Я маю місце для навчання.")],
        )
        doc = self.html(self.client.get(translation.url))
        self.assertEqual(doc.html["dir"], "rtl")
        self.assertEqual(
            [(t["lang"], t["dir"]) for t in doc.select(".bilingual__text")],
            [("ar", "rtl"), ("uk", "ltr")],
        )

    def test_the_content_note_comes_first_and_every_image_waits_behind_it(self):
        response = self.client.get(self.story.url)
        doc = self.html(response)
        article = doc.select_one("article.story")
        note = article.select_one(".content-note")
        self.assertIn("Flucht, Gewalt, Verlust", note.get_text())
        # Before the teaser, the portrait and the story's text.
        markup = str(article)
        positions = [
            markup.index(f'class="{name}')
            for name in ("content-note", "article__intro", "story__lead", "stream")
        ]
        self.assertEqual(positions, sorted(positions))

        images = article.select("img")
        self.assertEqual(len(images), 3)  # portrait, body image, photo
        for img in images:
            gate = img.find_parent("details")
            self.assertIsNotNone(gate, img)
            self.assertIn("data-content-gate", gate.attrs)
            self.assertNotIn("open", gate.attrs)
            self.assertIsNotNone(gate.find("summary"))
            self.assertNotIn("fetchpriority", img.attrs)
        self.assertEqual(
            sorted(img["alt"] for img in images),
            ["Ein Weg im Abendlicht", "Eine Frau an der Nähmaschine", "Eine Werkbank"],
        )
        # The button that shows all images at once appears only with the script.
        button = note.select_one("button[data-content-note-toggle]")
        self.assertIn("hidden", button.attrs)
        self.assertEqual(button["type"], "button")
        self.assertIn("3", note.get_text())
        script = doc.select_one('script[src$="js/content-note.js"]')
        self.assertIn("defer", script.attrs)
        self.assertFalse([s for s in doc.select("script") if s.string and s.string.strip()])

    def test_without_a_content_note_the_images_show_at_once(self):
        doc = self.html(self.client.get(self.plain.url))
        self.assertIsNone(doc.select_one(".content-note"))
        self.assertIsNone(doc.select_one("details[data-content-gate]"))
        self.assertIsNone(doc.select_one('script[src$="js/content-note.js"]'))
        portrait = doc.select_one(".story__portrait img")
        self.assertEqual(portrait["fetchpriority"], "high")

    def test_listings_show_no_photo_of_a_story_behind_a_content_note(self):
        doc = self.html(self.client.get(self.index.url))
        cards = {
            card.select_one(".card__title").get_text(strip=True): card
            for card in doc.select(".story-card")
        }
        self.assertIsNone(cards["Nähen verbindet"].select_one("img"))
        self.assertIn("Flucht, Gewalt, Verlust", cards["Nähen verbindet"].get_text())
        self.assertIsNotNone(cards["Vom Praktikum zur Ausbildung"].select_one("img"))
        self.assertIn("Olena (Pseudonym)", cards["Vom Praktikum zur Ausbildung"].get_text())
        self.assertIsNone(self.story.share_image)

    def test_the_story_knows_the_languages_its_blocks_use(self):
        self.assertEqual(self.story.language_codes, ["ar", "fa"])
        self.assertEqual(self.plain.language_codes, ["uk"])

    def test_the_sub_project_page_lists_its_participants_stories(self):
        doc = self.html(self.client.get("/connecting-women/"))
        section = doc.select_one('[aria-labelledby="stories-heading"]')
        self.assertEqual(
            [a.get_text(strip=True) for a in section.select(".card__title a")],
            ["Nähen verbindet"],
        )
        self.assertEqual(section.select("a")[-1]["href"], "/geschichten/?project=connecting-women")


class IndexTests(TestCase):
    """Fourteen stories: topics, two sub-projects and three languages among them."""

    @classmethod
    def setUpTestData(cls):
        homes = build_site()
        cls.index = publish(StoryIndexPageFactory(parent=homes["de"]))
        women = make_project(homes["de"], "Connecting Women", "connecting-women")
        partners = make_project(homes["de"], "Connecting Partners", "connecting-partners")
        publish_translation(women, locales()["en"], slug="women")
        cls.amal = make_participant("Amal (Pseudonym)", sub_project=women)
        tellers = {
            "women": cls.amal,
            "partners": make_participant("Dawit (Pseudonym)", sub_project=partners),
            "none": make_participant("Olena (Pseudonym)"),
        }
        cls.stories = []
        for n in range(14):
            body = []
            if n in (1, 4):
                body.append(bilingual("ar", "Deutsch", "عربي"))
            if n == 4:
                body.append(bilingual("fa", "Deutsch", "فارسی"))
            if n == 9:
                body.append(bilingual("uk", "Deutsch", "Українська"))
            teller = "women" if n in (1, 2, 3) else "partners" if n == 4 else "none"
            tags = ["Flucht"] if n in (2, 4) else ["Arbeit"] if n == 7 else []
            cls.stories.append(
                make_story(
                    cls.index, tellers[teller], title=f"Geschichte {n:02d}", body=body, tags=tags
                )
            )
        cls.newest_first = [f"Geschichte {n:02d}" for n in reversed(range(14))]

    @pytest.fixture(autouse=True)
    def parse(self, html):
        self.html = html

    def test_twelve_stories_a_page_newest_first(self):
        first = self.html(self.client.get(self.index.url))
        second = self.html(self.client.get(self.index.url + "?page=2"))
        self.assertEqual(titles(first), self.newest_first[:12])
        self.assertEqual(titles(second), self.newest_first[12:])
        self.assertEqual(first.select_one('.pagination a[rel="next"]')["href"], "?page=2")

    def test_pages_it_cannot_use_show_the_first_or_the_last(self):
        for query, expected in (
            ("?page=abc", self.newest_first[:12]),
            ("?page=-1", self.newest_first[12:]),
            ("?page=999999", self.newest_first[12:]),
            ("?page=%00", self.newest_first[:12]),
        ):
            with self.subTest(query=query):
                self.assertEqual(
                    titles(self.html(self.client.get(self.index.url + query))), expected
                )

    def test_the_filter_form_offers_what_the_stories_use(self):
        doc = self.html(self.client.get(self.index.url))
        form = doc.select_one("form.story-filters")
        self.assertEqual(form["method"], "get")
        self.assertIsNotNone(form.select_one("fieldset > legend"))
        self.assertIsNotNone(form.select_one('button[type="submit"]'))
        options = {}
        for select in form.select("select"):
            label = form.select_one(f'label[for="{select["id"]}"]')
            self.assertIsNotNone(label, select["name"])
            options[select["name"]] = [o["value"] for o in select.select("option")]
        self.assertEqual(
            options,
            {
                "tag": ["", "arbeit", "flucht"],
                "project": ["", "connecting-partners", "connecting-women"],
                "language": ["", "ar", "fa", "uk"],
            },
        )

    def test_each_filter_narrows_the_list_and_they_combine(self):
        for query, expected in (
            ("?tag=flucht", [4, 2]),
            ("?project=connecting-women", [3, 2, 1]),
            ("?project=connecting-partners", [4]),
            ("?language=ar", [4, 1]),
            ("?language=uk", [9]),
            ("?language=ar&project=connecting-women", [1]),
            ("?tag=flucht&project=connecting-women", [2]),
            ("?tag=flucht&language=fa", [4]),
            ("?tag=arbeit&language=ar", []),
        ):
            with self.subTest(query=query):
                doc = self.html(self.client.get(self.index.url + query))
                self.assertEqual(titles(doc), [f"Geschichte {n:02d}" for n in expected])

    def test_the_chosen_filters_stay_selected(self):
        doc = self.html(self.client.get(self.index.url + "?tag=flucht&language=fa"))
        selected = {
            select["name"]: [o["value"] for o in select.select("option[selected]")]
            for select in doc.select("form.story-filters select")
        }
        self.assertEqual(selected, {"tag": ["flucht"], "project": [], "language": ["fa"]})

    def test_paging_keeps_the_filters(self):
        doc = self.html(self.client.get(self.index.url + "?project=&language=&tag="))
        self.assertEqual(len(titles(doc)), 12)
        next_link = doc.select_one('.pagination a[rel="next"]')["href"]
        self.assertIn("page=2", next_link)
        self.assertIn("tag=", next_link)

    def test_a_sub_project_counts_in_every_language(self):
        home = HomePage.objects.get(locale__language_code="en")
        index = publish(StoryIndexPageFactory(parent=home, title="Stories", slug="stories"))
        make_story(index, self.amal, title="Sewing connects")
        doc = self.html(self.client.get(index.url + "?project=women"))
        self.assertEqual(titles(doc), ["Sewing connects"])
        options = [o["value"] for o in doc.select('select[name="project"] option')]
        self.assertEqual(options, ["", "women"])

    def test_unknown_and_hostile_values_are_ignored_and_said_so(self):
        for query in (
            "?tag=unbekannt",
            "?project=unbekannt",
            "?language=de",
            "?language=xx",
            "?tag=<script>alert(1)</script>",
            "?project=<script>alert(1)</script>",
            "?language=<script>alert(1)</script>",
            "?tag=%00",
            "?project=%00",
            "?language=%00",
            "?language=ar%00",
            "?language=,",
            "?language=%25",
            "?tag=" + "x" * 5000,
            "?language=" + "a" * 5000,
            "?tag=flucht&tag=<script>alert(1)</script>",
        ):
            with self.subTest(query=query):
                response = self.client.get(self.index.url + query)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
                doc = self.html(response)
                self.assertEqual(titles(doc), self.newest_first[:12])
                self.assertIsNotNone(doc.select_one(".notice"))

    def test_the_index_costs_the_same_queries_for_3_and_12_stories(self):
        # A fresh index in English, so that this test owns all its stories.
        home = HomePage.objects.get(locale__language_code="en")
        index = publish(StoryIndexPageFactory(parent=home, title="Stories", slug="stories"))
        image = make_image(plain_jpeg(80, 50), title="Porträt")
        women = ProjectPage.objects.get(slug="connecting-women")
        numbers = itertools.count()

        def add(count):
            for n in range(count):
                teller = make_participant(f"Person {next(numbers)}", women)
                make_story(
                    index,
                    teller,
                    portrait=image,
                    tags=[f"Thema {n}", "Alle"],
                    body=[bilingual("ar", "Deutsch", "عربي")],
                )

        add(3)
        three = count_queries(self.client, index.url)
        three_filtered = count_queries(self.client, index.url + "?tag=alle&language=ar")
        add(9)
        self.assertEqual(count_queries(self.client, index.url), three)
        self.assertEqual(
            count_queries(self.client, index.url + "?tag=alle&language=ar"), three_filtered
        )

    def test_the_index_answers_without_stories(self):
        home = HomePage.objects.get(locale__language_code="ar")
        empty = publish(StoryIndexPageFactory(parent=home))
        doc = self.html(self.client.get(empty.url))
        self.assertIsNone(doc.select_one("form.story-filters"))
        self.assertIsNotNone(doc.select_one(".notice"))


def test_a_story_costs_the_same_queries_with_1_and_5_photos(client, db):
    homes = build_site()
    index = publish(StoryIndexPageFactory(parent=homes["de"]))
    story = make_story(index, make_participant("Amal (Pseudonym)"), content_note="Verlust")

    def add_photos(count):
        story.photos.set(
            [
                StoryPhoto(image=make_image(plain_jpeg(40, 30), title=f"Foto {n}"), alt_text="x")
                for n in range(count)
            ]
        )
        publish(story)

    add_photos(1)
    one = count_queries(client, story.url)
    add_photos(5)
    assert count_queries(client, story.url) == one


def test_the_demo_tells_four_fictional_stories_and_runs_twice(db):
    homes = build_site()
    make_project(homes["de"], "Connecting Women", "connecting-women")
    make_project(homes["de"], "Connecting Partners", "connecting-partners")
    messages = []
    demo.build(homes["de"], messages.append)
    demo.build(homes["de"], messages.append)
    stories = list(StoryPage.objects.live().select_related("participant"))
    assert len(stories) >= 4
    assert len(messages) == len(set(messages))  # nothing was made twice
    today = timezone.localdate()
    for story in stories:
        assert story.participant.has_valid_consent()
        assert "(Pseudonym)" in story.participant.pseudonym
        assert "fiktiv" in story.participant.real_name
    assert any(s.language_codes and "ar" in s.language_codes for s in stories)
    assert any(s.content_note for s in stories)
    expiring = [
        c.expires_on
        for s in stories
        for c in s.participant.valid_consents()
        if c.expires_on and c.expires_on <= today + datetime.timedelta(days=30)
    ]
    assert expiring
    index = StoryIndexPage.objects.get(locale__language_code="de")
    assert index.show_in_menus and index.title == "Geschichten"


def test_editors_write_a_story_in_two_languages_in_the_admin(admin_client, client, html, db):
    homes = build_site()
    index = publish(StoryIndexPageFactory(parent=homes["de"]))
    exhibitions = publish(ExhibitionIndexPageFactory(parent=homes["de"]))
    exhibition = publish(ExhibitionPageFactory(parent=exhibitions, title="Beulwitz designt"))
    publish_translation(exhibitions, locales()["en"], slug="exhibitions")
    english = publish_translation(exhibition, locales()["en"], slug="beulwitz-en")
    amal = make_participant("Amal (Pseudonym)")
    add_url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", index.pk])

    form = admin_client.get(add_url).context["form"]
    assert list(form.fields["exhibitions"].queryset) == [exhibition]
    assert english not in form.fields["exhibitions"].queryset

    data = nested_form_data(
        {
            "title": "Nähen verbindet",
            "slug": "naehen-verbindet",
            "participant": amal.pk,
            "teaser": "Amal fand Freundinnen.",
            "portrait_alt": "",
            "quote": "",
            "content_note": "",
            "body": streamfield(
                [
                    (
                        "bilingual",
                        {
                            "text": rich_text("<p>Ich kannte niemanden.</p>"),
                            "language": "ar",
                            "own_text": rich_text("<p>لم أكن أعرف أحدًا.</p>"),
                        },
                    )
                ]
            ),
            "photos": inline_formset([]),
            "tags": "Ankommen",
            "action-publish": "action-publish",
        }
    )
    data["exhibitions"] = [exhibition.pk]  # nested_form_data would number a list's items
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["stories", "storypage", index.pk]
    )
    assert admin_client.post(preview_url, data).json()["is_valid"]
    preview = html(admin_client.get(preview_url))
    assert preview.select_one(".story__teller").get_text(strip=True).endswith("Amal (Pseudonym)")
    assert preview.select_one(".story__section .card__title a").get_text() == "Beulwitz designt"
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    story = StoryPage.objects.get(slug="naehen-verbindet")
    assert story.live and story.language_codes == ["ar"]
    assert list(story.exhibitions.all()) == [exhibition]
    doc = html(client.get(story.url))
    assert doc.select_one('.bilingual__text[dir="rtl"]')["lang"] == "ar"
    index_doc = html(client.get(index.url + "?language=ar"))
    assert titles(index_doc) == ["Nähen verbindet"]
