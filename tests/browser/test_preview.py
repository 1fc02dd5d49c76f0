"""An editor sees the page in the edit view's preview panel, and markup written by code stays inert.

The preview is a public page framed by the admin: it gets the site's Content-Security-Policy,
which lets only the site itself frame it.
"""

import json
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Revision
from wagtail.users.models import UserProfile

import pytest
from playwright.sync_api import expect

from tests.factories import StandardPageFactory, build_site
from website.core.models import StandardPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "ein-langes-vorschau-passwort"  # noqa: S105
HOSTILE = (
    "<p>Harmloser Absatz.</p>"
    "<!--><img src=x onerror=\"document.body.dataset.pwned='comment'\">-->"
    "<img src=x onerror=\"document.body.dataset.pwned='img'\">"
    "<script>document.body.dataset.pwned = 'script'</script>"
    '<a href="javascript:document.body.dataset.pwned=1">Link</a>'
)


@pytest.fixture
def hostile_page():
    home = build_site()["de"]
    page = StandardPageFactory(parent=home, title="Vorschau im Panel", slug="vorschau")
    page.save_revision().publish()
    # Past save(), as an importer would write it: into the row and the revision.
    body = json.dumps([{"type": "paragraph", "value": HOSTILE, "id": "a1"}])
    StandardPage.objects.filter(pk=page.pk).update(body=body)
    revision = Revision.objects.get(pk=page.latest_revision_id)
    Revision.objects.filter(pk=revision.pk).update(content={**revision.content, "body": body})
    return page


@pytest.fixture
def editor():
    user = get_user_model().objects.create_superuser("vorschau", "vorschau@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def problems_of(page):
    """CSP violations and script errors: what a payload trying to run leaves in the console."""
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def assert_inert(frame):
    expect(frame.locator("main")).to_contain_text("Harmloser Absatz.")
    expect(frame.locator("[onerror], main script")).to_have_count(0)
    expect(frame.locator("a", has_text="Link")).not_to_have_attribute("href", re.compile("java"))
    expect(frame.locator("body")).not_to_have_attribute("data-pwned", re.compile(".*"))


def test_the_preview_panel_shows_the_page_and_runs_no_payload(
    browser, live_server, hostile_page, editor
):
    context = browser.new_context(locale="en-GB", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + reverse("wagtailadmin_login"))
    page.get_by_label(re.compile("Username|Benutzername")).fill(editor.username)
    page.get_by_label(re.compile("Password|Passwort")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Anmelden")).click()
    expect(page).to_have_url(live_server.url + reverse("wagtailadmin_home"))
    problems = problems_of(page)

    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[hostile_page.pk]))
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Vorschau im Panel")
    assert_inert(preview)

    # The draft as Wagtail shows it in a tab of its own, straight from the revision.
    page.goto(live_server.url + reverse("wagtailadmin_pages:view_draft", args=[hostile_page.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau im Panel")
    assert_inert(page)
    assert problems == []
    context.close()
