from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from exhibitions.models import ExhibitionIndexPage
from stories.models import StoryIndexPage
from tests.factories import build_site
from website.core.models import HomePage, StandardPage
from website.news.models import NewsIndexPage
from website.projects.models import PartnerIndexPage, ProjectPage
from website.toolbox.models import ToolboxPage


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_standard_pages_and_the_section_indexes(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                ProjectPage,
                PartnerIndexPage,
                ExhibitionIndexPage,
                NewsIndexPage,
                StoryIndexPage,
                ToolboxPage,
            },
        )

    def test_standard_pages_nest_below_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, PartnerIndexPage})


class OneHomePagePerLocaleTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.homes = build_site()
        cls.root = Page.get_first_root_node()

    def test_no_home_page_can_be_added_once_every_locale_has_one(self):
        self.assertFalse(HomePage.can_create_at(self.root))
        self.client.force_login(self.create_superuser("admin"))
        add_url = reverse("wagtailadmin_pages:add", args=("core", "homepage", self.root.pk))
        response = self.client.get(add_url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(HomePage.objects.count(), 3)

    def test_a_new_locale_may_get_its_home_page(self):
        Locale.objects.create(language_code="fa")
        self.assertTrue(HomePage.can_create_at(self.root))

    def test_a_second_home_page_in_the_same_locale_is_refused(self):
        duplicate = HomePage(
            title="Noch eine Startseite", slug="noch-eine", locale=self.homes["de"].locale
        )
        with self.assertRaisesMessage(ValidationError, "bereits eine Startseite"):
            self.root.add_child(instance=duplicate)
        self.assertEqual(HomePage.objects.filter(locale=self.homes["de"].locale).count(), 1)

    def test_each_locale_has_exactly_one_home_page(self):
        self.assertEqual(
            sorted(HomePage.objects.values_list("locale__language_code", flat=True)),
            ["ar", "de", "en"],
        )

    def test_standard_page_cannot_sit_at_the_root(self):
        self.assertCanNotCreateAt(Page, StandardPage)
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_the_existing_home_page_still_saves(self):
        home = HomePage.objects.get(pk=self.homes["de"].pk)
        home.hero_text = "Neu"
        home.save_revision().publish()
        home.refresh_from_db()
        self.assertEqual(home.hero_text, "Neu")
