"""Every view of the admin works for a section editor, or is rightly refused: in Chromium in
Arabic, and in the words of German and English."""

import pytest

from tests.browser.admin_crawl import build_site_of_every_kind, crawl_admin

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_admin_view_works_or_is_refused_for_a_section_editor(browser, live_server):
    editor = build_site_of_every_kind()
    findings = crawl_admin(browser, live_server.url, editor, "ar", refusals_allowed=True)
    print("Views opened by the section editor:", findings.opened)  # noqa: T201
    assert not findings.problems, findings.report()
