"""Visitors and editors load nothing from other hosts, and the browser reports no CSP violation."""

from urllib.parse import urlsplit

from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

import pytest
from playwright.sync_api import expect

from exhibitions.models import ExhibitionPage
from stories.models import StoryPage
from website.news.models import NewsIndexPage, NewsPage

# The live server answers from another thread: the data must be committed.
# Committed data, for the live server's thread; the flush afterwards is followed by the data the
# migrations made (Wagtail's root page, groups), as every other test here expects.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "ein-langes-demo-passwort"  # noqa: S105


class BrowserLog:
    """Every request a browser context makes, and every CSP violation or script error."""

    def __init__(self, context):
        self.urls = []
        self.problems = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("page", self.watch)

    def watch(self, page):
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: {error}"))

    def console(self, message):
        if "Content Security Policy" in message.text:
            self.problems.append(f"{message.location.get('url')}: {message.text}")

    def foreign_requests(self, server_url):
        own = urlsplit(server_url).netloc
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own
        ]


def live(model, language_code):
    return model.objects.live().filter(locale__language_code=language_code).first()


def public_pages(language_code):
    """Home, exhibition, story, news and search: those the demo has in this language."""
    pages = [
        Page.objects.live().get(depth=2, locale__language_code=language_code),
        live(ExhibitionPage, language_code),
        live(StoryPage, language_code),
        live(NewsIndexPage, language_code),
        live(NewsPage, language_code),
    ]
    with translation.override(language_code):
        search = reverse("search") + "?q=Foto"
    return [page.url for page in pages if page is not None] + [search]


def open_lightbox(page):
    page.locator("a.gallery-grid__link").first.click()
    expect(page.locator("dialog[data-lightbox-dialog]")).to_be_visible()
    expect(page.locator("dialog[data-lightbox-dialog] img")).to_be_visible()


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")


def browse_as_visitor(browser, server_url):
    context = browser.new_context(locale="de-DE")
    log = BrowserLog(context)
    page = context.new_page()
    for language_code in ("de", "ar"):
        paths = public_pages(language_code)
        assert live(ExhibitionPage, language_code).url in paths
        for path in paths:
            visit(page, server_url + path)
            if page.locator("a.gallery-grid__link").count():
                open_lightbox(page)
                page.wait_for_load_state("networkidle")
    context.close()
    return log


def browse_as_editor(browser, server_url):
    context = browser.new_context(locale="de-DE")
    log = BrowserLog(context)
    page = context.new_page()
    page.goto(server_url + reverse("wagtailadmin_login"))
    page.locator("input[name=username]").fill("redaktion")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(server_url + reverse("wagtailadmin_home"))
    page.wait_for_load_state("networkidle")

    exhibition = live(ExhibitionPage, "de")
    for url in (
        reverse("wagtailadmin_explore", args=[exhibition.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[exhibition.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailsnippets_people_person:list"),
    ):
        visit(page, server_url + url)
    # The admin has no policy; its pages must still run without script errors.
    admin_problems = [problem for problem in log.problems if "Content Security" not in problem]
    assert admin_problems == []
    log.problems.clear()

    # Public pages as an editor sees them, with whatever Wagtail adds for editors.
    for path in public_pages("de")[:2]:
        visit(page, server_url + path)
    context.close()
    return log


def test_no_request_leaves_the_site(browser, live_server, demo, django_user_model):
    assert len(public_pages("de")) == 6  # every kind of page is there to visit
    django_user_model.objects.create_superuser(
        "redaktion", email="redaktion@example.org", password=PASSWORD
    )
    for log in (
        browse_as_visitor(browser, live_server.url),
        browse_as_editor(browser, live_server.url),
    ):
        assert log.urls
        assert log.foreign_requests(live_server.url) == []
        assert log.problems == []
