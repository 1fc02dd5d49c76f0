from website.demo.factories import NewsIndexPageFactory, NewsPageFactory, ProjectPageFactory
from website.news.models import NewsPageRelatedPage

__all__ = ["NewsIndexPageFactory", "NewsPageFactory", "make_news", "make_project", "publish"]


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
    return publish(ProjectPageFactory(parent=home, title=title, slug=slug))
