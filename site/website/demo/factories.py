"""Factories for the site's pages and images, shared by the demo and the tests.

factory_boy and wagtail-factories come with the `test` extra: `load_demo` needs it; the site
itself never imports this module.
"""

import datetime
import json

from django.core.files.base import ContentFile
from django.utils.text import slugify

from wagtail.models import Locale

import factory
import wagtail_factories

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from stories.models import StoryIndexPage, StoryPage
from website.core.models import HomePage, StandardPage
from website.images.models import CustomImage
from website.news.models import NewsIndexPage, NewsPage
from website.projects.models import PartnerIndexPage, ProjectPage
from website.toolbox.models import MethodPage, TargetGroup, ToolboxPage


def locales():
    """The site's three locales by language code, made if missing."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in ("de", "en", "ar")
    }


def publish_translation(page, locale, adapt=None, **fields):
    """The page copied into the locale with these fields changed, published.

    `adapt(translation)` changes what fields cannot say, such as the copied inline captions.
    """
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    if adapt:
        adapt(translation)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def make_image(content, name="foto.jpg", **fields):
    """An image stored from these bytes; fields such as `title` are set before it is saved."""
    image = CustomImage(title=fields.pop("title", "Foto"), file=ContentFile(content, name=name))
    for key, value in fields.items():
        setattr(image, key, value)
    image.save()
    return image


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Connecting Humans"
    slug = "start"
    hero_heading = "Connecting Humans"
    intro = "<p>Connecting Humans steht für die Überwindung soziokultureller Barrieren.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    slug = factory.Sequence(lambda n: f"seite-{n}")
    intro = "Eine Einleitung."

    class Meta:
        model = StandardPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Teilprojekt {n}")

    class Meta:
        model = ProjectPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Die Projektpartnerinnen"
    slug = "projektpartnerinnen"

    class Meta:
        model = PartnerIndexPage


class ExhibitionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ausstellungen"
    slug = "ausstellungen"

    class Meta:
        model = ExhibitionIndexPage


class ExhibitionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ausstellung {n}")
    slug = factory.Sequence(lambda n: f"ausstellung-{n}")
    start_date = datetime.date(2024, 5, 1)

    class Meta:
        model = ExhibitionPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuelles"
    slug = "aktuelles"
    intro = "<p>Neuigkeiten aus dem Projekt.</p>"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nachricht {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    date = datetime.date(2024, 5, 1)
    summary = factory.LazyAttribute(lambda page: f"Zusammenfassung: {page.title}")

    class Meta:
        model = NewsPage


def steps(*titles):
    """StreamField data for steps with these titles, ten minutes each."""
    return json.dumps(
        [
            {
                "type": "step",
                "value": {
                    "title": title,
                    "instructions": f"<p>Anleitung für {title}.</p>",
                    "duration_minutes": 10,
                },
            }
            for title in titles
        ]
    )


class ToolboxPageFactory(wagtail_factories.PageFactory):
    title = "Toolbox"
    slug = "toolbox"
    intro = "<p>In unserer Toolbox finden Sie einige Überlegungen und Reflexionsanleitungen.</p>"

    class Meta:
        model = ToolboxPage


class MethodPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Methode {n}")
    slug = factory.Sequence(lambda n: f"methode-{n}")
    aim = "Die Teilnehmenden erleben, wie es ist, in einer Gruppe als fremd zu gelten."
    target_group = TargetGroup.ADULTS
    group_size_min = 4
    group_size_max = 12
    duration_minutes = 45
    steps = factory.LazyFunction(lambda: steps("Ankommen", "Austausch"))

    class Meta:
        model = MethodPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Geschichten"
    slug = "geschichten"
    intro = "<p>Teilnehmende erzählen.</p>"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Geschichte {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    teaser = factory.LazyAttribute(lambda page: f"Worum es geht: {page.title}")

    class Meta:
        model = StoryPage
