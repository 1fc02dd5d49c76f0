"""Every view of the admin works for a superuser: in Chromium in German, and in the words of
English and Arabic."""

from django.contrib.auth import get_user_model

import pytest

from tests.browser.admin_crawl import build_site_of_every_kind, crawl_admin

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_every_admin_view_works_for_a_superuser(browser, live_server):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org")
    build_site_of_every_kind()
    findings = crawl_admin(browser, live_server.url, admin, "de", refusals_allowed=False)
    print("Views opened by the superuser:", findings.opened)  # noqa: T201
    assert not findings.problems, findings.report()
