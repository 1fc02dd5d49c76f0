"""Browser tests: real headless Chromium (Debian's package), driven by Playwright."""

import io

from django.core.management import call_command

import pytest

from tests.tools import require
from tools.chromium import CHROMIUM, CHROMIUM_ARGS


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def browser(orm_beside_playwright):
    # One Chromium per test: Playwright's event loop must be gone before the database is
    # flushed after the test, and before any other test uses the ORM.
    require(CHROMIUM, "Debian's package chromium drives the browser tests (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def orm_beside_playwright(monkeypatch):
    # Playwright's synchronous API keeps an event loop in this thread; the ORM beside it is
    # still used one call at a time. Only for browser tests: never set it anywhere else.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def visitor(browser):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def visitor_without_javascript(browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db):
    """The demo site, committed: the live server answers from another thread.

    The serialized rollback brings back what the migrations made (Wagtail's root page, the
    groups), which the flush after every such test removes.
    """
    call_command("load_demo", stdout=io.StringIO())
