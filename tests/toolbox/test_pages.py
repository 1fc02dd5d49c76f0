"""The Toolbox: the methods library with its filters, and a method's own page."""

import json

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from tests.factories import build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory
from website.core.models import HomePage
from website.toolbox.durations import format_duration, format_group_size
from website.toolbox.models import MethodPage, MethodWorksheet, TargetGroup, ToolboxPage


def german(function, *args):
    """What the site shows in German, whatever the catalogue holds at the time."""
    with translation.override("de"):
        return str(function(*args))


def card_titles(doc):
    return [a.get_text(strip=True) for a in doc.select(".method-card .card__title a")]


class ToolboxTreeTests(WagtailPageTestCase):
    def test_the_toolbox_lives_below_a_home_page_and_holds_methods(self):
        self.assertAllowedParentPageTypes(ToolboxPage, {HomePage})
        self.assertAllowedSubpageTypes(ToolboxPage, {MethodPage})

    def test_methods_live_only_in_the_toolbox_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(MethodPage, {ToolboxPage})
        self.assertAllowedSubpageTypes(MethodPage, set())

    def test_one_toolbox_per_home_page(self):
        self.assertEqual(ToolboxPage.max_count_per_parent, 1)


def test_durations_and_group_sizes_read_naturally():
    with translation.override("en"):
        assert format_duration(45) == "45 min"
        assert format_duration(60) == "1 hour"
        assert format_duration(120) == "2 hours"
        assert format_duration(90) == "1 hour 30 min"
        assert format_group_size(4, 12) == "4–12 people"
        assert format_group_size(15, None) == "15 or more people"
        assert format_group_size(1, 1) == "1 person"


pytestmark = pytest.mark.django_db


def make_worksheet(title, content, name):
    document = get_document_model()(
        title=title, file=ContentFile(content, name=name), file_size=len(content)
    )
    document.save()
    return document


def test_a_method_page_shows_everything_a_facilitator_needs(client, html, toolbox):
    worksheet = make_worksheet("Arbeitsblatt Fremdsein", b"%PDF-1.4\n" + b"x" * 122_871, "a.pdf")
    method = MethodPageFactory(
        parent=toolbox,
        title="Fremd sein",
        aim="Die Teilnehmenden erleben, wie es ist, als fremd zu gelten.",
        target_group=TargetGroup.YOUNG_PEOPLE,
        group_size_min=6,
        group_size_max=20,
        duration_minutes=90,
        materials="Moderationskarten\n\n- Stifte\n  Kreppband  \n",
        preparation="<p>Den Raum mit einem Stuhlkreis vorbereiten.</p>",
        steps=json.dumps(
            [
                {"type": "step", "value": {"title": t, "instructions": f"<p>{t} …</p>"}}
                for t in ("Ankommen", "Rollenspiel", "Auswertung")
            ]
        ),
        reflection_questions=json.dumps(
            [
                {"type": "question", "value": "Wann haben Sie sich fremd gefühlt?"},
                {"type": "question", "value": "Was hat Ihnen geholfen?"},
            ]
        ),
        notes="<p>Niemand muss über die eigene Flucht sprechen.</p>",
    )
    method.worksheets.add(MethodWorksheet(document=worksheet, label="Arbeitsblatt"))
    method.save_revision().publish()

    doc = html(client.get(method.url))
    assert doc.body["data-page-type"] == "toolbox.methodpage"
    assert doc.h1.get_text(strip=True) == "Fremd sein"
    assert "als fremd zu gelten" in doc.select_one(".method__aim").get_text()

    facts = doc.select_one("#facts-heading").find_parent("section").dl
    values = [dd.get_text(strip=True) for dd in facts.select("dd")]
    assert values == [
        german(format_duration, 90),
        german(format_group_size, 6, 20),
        german(str, TargetGroup.YOUNG_PEOPLE.label),
    ]
    assert facts.time["datetime"] == "PT1H30M"

    steps = doc.select("ol.method-steps > li")
    assert [step.h3.get_text(strip=True) for step in steps] == [
        "Ankommen",
        "Rollenspiel",
        "Auswertung",
    ]
    assert steps[1].select_one(".prose").get_text(strip=True) == "Rollenspiel …"

    questions = doc.select_one("#reflection-heading").find_parent("section").select("li")
    assert [q.get_text(strip=True) for q in questions] == [
        "Wann haben Sie sich fremd gefühlt?",
        "Was hat Ihnen geholfen?",
    ]
    materials = [li.get_text() for li in doc.select("ul.method-materials > li")]
    assert materials == ["Moderationskarten", "Stifte", "Kreppband"]
    assert "Stuhlkreis" in doc.select_one("#preparation-heading").find_parent("section").text
    assert "eigene Flucht" in doc.select_one("#notes-heading").find_parent("section").text

    link = doc.select_one(".method-worksheets a")
    assert link["href"] == worksheet.url
    assert link.has_attr("download")
    expected = f"Arbeitsblatt (PDF, {german(filesizeformat, 122_880)})"
    assert link.get_text().split() == expected.split()


def test_a_method_without_optional_parts_leaves_their_sections_out(client, html, toolbox):
    method = MethodPageFactory(parent=toolbox, group_size_max=None, duration_minutes=120)
    doc = html(client.get(method.url))
    for heading in ("materials", "worksheets", "preparation", "reflection", "notes"):
        assert doc.select_one(f"#{heading}-heading") is None, heading
    dds = doc.select_one("#facts-heading").find_parent("section").select("dd")
    assert dds[0].get_text(strip=True) == german(format_duration, 120)
    assert dds[1].get_text(strip=True) == german(format_group_size, 4, None)


def test_markup_in_a_method_is_escaped(client, toolbox):
    method = MethodPageFactory(
        parent=toolbox,
        aim="<script>alert('aim')</script>",
        materials="<img src=x onerror=alert(1)>",
        reflection_questions=json.dumps([{"type": "question", "value": "<b>Frage</b>"}]),
    )
    for url in (method.url, toolbox.url):
        content = client.get(url).content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert "<b>Frage</b>" not in content


class ListingTests(TestCase):
    """One toolbox with methods chosen to sit on the filters' boundaries."""

    @classmethod
    def setUpTestData(cls):
        cls.toolbox = ToolboxPageFactory(parent=build_site()["de"])
        for title, group, smallest, largest, minutes in [
            ("Jugend", TargetGroup.YOUNG_PEOPLE, 4, 12, 30),
            ("Erwachsene", TargetGroup.ADULTS, 15, 30, 31),
            ("Gemischt", TargetGroup.MIXED, 4, 12, 90),
            ("Schule", TargetGroup.SCHOOLS, 2, None, 91),
            ("Fachkräfte", TargetGroup.PROFESSIONALS, 5, 5, 120),
        ]:
            MethodPageFactory(
                parent=cls.toolbox,
                title=title,
                target_group=group,
                group_size_min=smallest,
                group_size_max=largest,
                duration_minutes=minutes,
            )
        cls.draft = MethodPageFactory(parent=cls.toolbox, title="Entwurf", live=False)
        cls.private = MethodPageFactory(parent=cls.toolbox, title="Intern")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

    everything = ["Jugend", "Erwachsene", "Gemischt", "Schule", "Fachkräfte"]

    def get(self, query=""):
        response = self.client.get(self.toolbox.url + query)
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def assertListed(self, query, titles):
        doc = self.get(query)
        self.assertEqual(card_titles(doc), titles, query)
        count = doc.select_one("#results-heading")
        self.assertEqual(count["aria-live"], "polite")
        self.assertEqual(count.get_text(strip=True).split()[0], str(len(titles)))
        return doc

    def test_without_filters_every_published_public_method_is_listed(self):
        doc = self.assertListed("", self.everything)
        self.assertNotIn("Entwurf", doc.text)
        self.assertNotIn("Intern", doc.text)

    def test_cards_show_aim_duration_group_size_and_target_group(self):
        card = self.get().select(".method-card")[1]
        self.assertIn("als fremd zu gelten", card.select_one(".card__summary").text)
        self.assertEqual(
            [dd.get_text(strip=True) for dd in card.select("dd")],
            [
                german(format_duration, 31),
                german(format_group_size, 15, 30),
                german(str, TargetGroup.ADULTS.label),
            ],
        )

    def test_target_group_filter(self):
        doc = self.assertListed("?target_group=young_people", ["Jugend"])
        selected = doc.select_one("#id_target_group option[selected]")
        self.assertEqual(selected["value"], "young_people")

    def test_group_size_filter_keeps_methods_whose_range_holds_the_group(self):
        doc = self.assertListed("?group_size=5", ["Jugend", "Gemischt", "Schule", "Fachkräfte"])
        self.assertEqual(doc.select_one("#id_group_size")["value"], "5")
        self.assertListed("?group_size=15", ["Erwachsene", "Schule"])
        self.assertListed("?group_size=12", ["Jugend", "Gemischt", "Schule"])
        self.assertListed("?group_size=31", ["Schule"])
        self.assertListed("?group_size=1", [])

    def test_duration_filter_bands_include_their_upper_boundary(self):
        doc = self.assertListed("?duration=short", ["Jugend"])
        self.assertEqual(doc.select_one('input[name="duration"][checked]')["value"], "short")
        self.assertListed("?duration=medium", ["Erwachsene", "Gemischt"])
        self.assertListed("?duration=long", ["Schule", "Fachkräfte"])

    def test_filters_combine(self):
        self.assertListed("?target_group=mixed&group_size=5&duration=medium", ["Gemischt"])
        self.assertListed("?target_group=adults&group_size=5", [])

    def test_empty_filters_are_no_filters(self):
        doc = self.assertListed("?target_group=&group_size=&duration=", self.everything)
        self.assertEqual(doc.select_one('input[name="duration"][checked]')["value"], "")
        self.assertIsNone(doc.select_one(".method-filters__notice"))

    def test_no_match_says_so_and_offers_all_methods(self):
        doc = self.get("?target_group=adults&duration=short")
        self.assertEqual(card_titles(doc), [])
        notice = doc.select_one(".method-results .notice")
        self.assertIsNotNone(notice)
        self.assertEqual(notice.a["href"], self.toolbox.url)

    def test_the_form_works_without_javascript(self):
        doc = self.get()
        form = doc.select_one("form.method-filters")
        self.assertEqual(form["method"], "get")
        self.assertEqual(form["action"], self.toolbox.url)
        self.assertIsNotNone(form.select_one("fieldset > legend"))
        self.assertIsNotNone(form.select_one('button[type="submit"]'))
        self.assertEqual(form.select_one("a.method-filters__reset")["href"], self.toolbox.url)
        for control in form.select("select, input"):
            label = form.select_one(f'label[for="{control["id"]}"]')
            self.assertIsNotNone(label, control)
        duration = form.select_one('input[name="duration"]').find_parent("fieldset")
        self.assertIsNotNone(duration.legend)
        help_id = form.select_one("#id_group_size")["aria-describedby"]
        self.assertIsNotNone(form.select_one(f"#{help_id}"))

    def test_invalid_and_hostile_values_are_ignored_and_shown_as_not_applied(self):
        hostile = [
            "?group_size=abc",
            "?group_size=%00",
            "?group_size=" + "9" * 5000,
            "?group_size=-3",
            "?group_size=0",
            "?group_size=1e3",
            "?target_group=%3Cscript%3Ealert(1)%3C/script%3E",
            "?target_group=%00",
            "?target_group=" + "x" * 5000,
            "?duration=forever",
            "?duration=%00short",
            "?duration=short&duration=long",
            "?group_size=5&group_size=15",
            "?target_group=adults&target_group=adults",
        ]
        for query in hostile:
            with self.subTest(query=query[:60]):
                response = self.client.get(self.toolbox.url + query)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
                doc = BeautifulSoup(response.content, "html.parser")
                self.assertEqual(card_titles(doc), self.everything)
                self.assertIsNotNone(doc.select_one(".method-filters__notice"))
                selected = doc.select_one("#id_target_group option[selected]")
                self.assertEqual(selected["value"], "")
                self.assertFalse(doc.select_one("#id_group_size").get("value"))
                checked = doc.select_one('input[name="duration"][checked]')
                self.assertEqual(checked["value"], "")

    def test_a_valid_filter_still_applies_beside_an_invalid_one(self):
        doc = self.assertListed("?duration=long&group_size=abc", ["Schule", "Fachkräfte"])
        self.assertIsNotNone(doc.select_one(".method-filters__notice"))

    def test_hostile_page_numbers_answer_with_a_page(self):
        for query in ("?page=abc", "?page=%00", "?page=-1", "?page=99999999", "?page=" + "9" * 500):
            with self.subTest(query=query[:30]):
                self.assertEqual(card_titles(self.get(query)), self.everything)


def test_the_listing_is_paginated_and_pages_keep_the_filters(client, html, toolbox):
    for n in range(14):
        MethodPageFactory(parent=toolbox, title=f"Lang {n:02}", duration_minutes=60)
    MethodPageFactory(parent=toolbox, title="Kurz", duration_minutes=20)
    first = html(client.get(toolbox.url + "?duration=medium"))
    assert len(first.select(".method-card")) == 12
    assert first.select_one("#results-heading").get_text(strip=True).startswith("14")
    next_link = first.select_one('.pagination a[rel="next"]')["href"]
    assert next_link == "?duration=medium&page=2"
    second = html(client.get(toolbox.url + next_link))
    assert card_titles(second) == ["Lang 12", "Lang 13"]


def count_queries(client, url):
    # Warm: the first view also creates the site's settings row and cached fragments.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_listing_costs_the_same_queries_for_3_and_12_methods(client, toolbox):
    image = make_image(plain_jpeg(40, 30))
    counts = {}
    for total in (3, 12):
        while len(toolbox.get_children()) < total:
            MethodPageFactory(parent=toolbox, image=image)
        counts[total] = count_queries(client, toolbox.url + "?group_size=5&duration=medium")
    assert counts[3] == counts[12], counts
    assert counts[12] <= 10, counts


def test_a_smallest_group_larger_than_the_largest_is_refused():
    MethodPageFactory.build(group_size_min=15, group_size_max=15).clean()
    MethodPageFactory.build(group_size_min=15, group_size_max=None).clean()
    with pytest.raises(ValidationError) as error:
        MethodPageFactory.build(group_size_min=15, group_size_max=10).clean()
    assert list(error.value.message_dict) == ["group_size_max"]


def test_the_admin_form_explains_the_group_size_error(admin_client, toolbox):
    url = reverse("wagtailadmin_pages:add", args=["toolbox", "methodpage", toolbox.pk])
    data = nested_form_data(
        {
            "title": "Neue Methode",
            "slug": "neue-methode",
            "aim": "Ein Ziel.",
            "target_group": TargetGroup.ADULTS,
            "group_size_min": 15,
            "group_size_max": 10,
            "duration_minutes": 45,
            "materials": "",
            "preparation": rich_text(""),
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "title": "Ankommen",
                            "instructions": rich_text("<p>Hallo.</p>"),
                            "duration_minutes": "",
                        },
                    )
                ]
            ),
            "reflection_questions": streamfield([]),
            "notes": rich_text(""),
            "worksheets": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not MethodPage.objects.filter(slug="neue-methode").exists()
    form = response.context["form"]
    assert form.errors["group_size_max"] == [
        "Die größte Gruppe kann nicht kleiner sein als die kleinste Gruppe (15)."
    ]
