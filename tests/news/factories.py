import datetime

from django.utils.text import slugify

import factory
import wagtail_factories

from website.news.models import NewsIndexPage, NewsPage, NewsPageRelatedPage
from website.projects.models import ProjectPage


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


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_news(index, tags=(), projects=(), related=(), **fields):
    """A news item published under the index, with tags, sub-projects and related pages."""
    page = NewsPageFactory(parent=index, **fields)
    page.tags.add(*tags)
    page.projects.set(projects)
    page.related_pages.set([NewsPageRelatedPage(page=item) for item in related])
    return publish(page)


def make_project(home, title, slug):
    project = ProjectPage(title=title, slug=slug)
    home.add_child(instance=project)
    return publish(project)
