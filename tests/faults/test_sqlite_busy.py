"""SQLite busy: another writer holds the write lock while an editor saves a page.

ROBUSTNESS.md, Faults. The save waits for the lock (WAL, BEGIN IMMEDIATE, busy timeout); when
the lock is held past the timeout, the editor gets 503 "busy, try again" with what they
entered kept, and nothing is saved. Runs in its own process on a SQLite file: the in-memory
test database has neither WAL nor a second connection.
"""

import json

from django.db import connection
from django.utils import translation
from django.utils.html import escape

import pytest

from tests.faults.conftest import run_python
from website.core.busy import BUSY_FORM

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite only: PostgreSQL has no database-wide lock"
)

EDITOR_SAVES_WHILE_LOCKED = """
import json, sqlite3, sys, threading, time

from django.conf import settings

timeout, hold = float(sys.argv[1]), float(sys.argv[2])
settings.DATABASES["default"]["OPTIONS"]["timeout"] = timeout
BUSY = "website.core.busy.BusyDatabaseMiddleware"
if BUSY not in settings.MIDDLEWARE:  # until the settings list it
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, BUSY]

import django

django.setup()

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import StandardPageFactory, build_site
from tests.stories.consent_helpers import form_data

page = StandardPageFactory(parent=build_site()["de"], title="Vorher")
page.save_revision().publish()
editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
client = Client()
client.force_login(editor)
url = reverse("wagtailadmin_pages:edit", args=[page.pk])
data = form_data(client.get(url), form_id="page-edit-form")
data["body-count"] = "0"
data["title"] = "Nachher"
revisions = page.revisions.count()


def draft_title():
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object().title


locked = threading.Event()


def hold_the_lock():
    other = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    locked.set()
    time.sleep(hold)
    other.execute("COMMIT")
    other.close()


thread = threading.Thread(target=hold_the_lock)
thread.start()
locked.wait()
started = time.monotonic()
response = client.post(url, data)
waited = time.monotonic() - started
thread.join()

result = {
    "status": response.status_code,
    "waited": waited,
    "retry_after": response.get("Retry-After"),
    "content": response.content.decode(),
    "new_revisions": page.revisions.count() - revisions,
    "draft_title": draft_title(),
}
if response.status_code == 503:
    # The editor presses "Send again" on the busy page, once the lock is free.
    form = BeautifulSoup(response.content, "html.parser").find("form")
    fields = {}
    for field in form.find_all("input"):
        fields.setdefault(field["name"], []).append(field["value"])
    resent = client.post(form["action"], fields)
    result["resent_status"] = resent.status_code
    result["resent_new_revisions"] = page.revisions.count() - revisions
    result["resent_draft_title"] = draft_title()
print(json.dumps(result))
"""


def editor_saves_while_locked(database, timeout, hold):
    result = run_python(EDITOR_SAVES_WHILE_LOCKED, database, timeout, hold)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_a_save_waits_for_a_lock_held_two_seconds_and_succeeds(sqlite_copy):
    result = editor_saves_while_locked(sqlite_copy, timeout=20, hold=2)
    assert result["status"] == 302, result["content"][:2000]
    assert result["waited"] >= 1.5  # it did wait for the other writer
    assert result["new_revisions"] == 1
    assert result["draft_title"] == "Nachher"


def test_a_lock_held_past_the_timeout_answers_busy_with_the_form_kept(sqlite_copy):
    result = editor_saves_while_locked(sqlite_copy, timeout=0.3, hold=3)
    assert result["status"] == 503
    assert result["retry_after"].isdigit()
    with translation.override("de"):  # the editor's admin language
        assert escape(str(BUSY_FORM)) in result["content"]
    assert 'value="Nachher"' in result["content"]  # what the editor typed is on the page
    # Nothing was saved ...
    assert result["new_revisions"] == 0
    assert result["draft_title"] == "Vorher"
    # ... and sending the kept form again saves it.
    assert result["resent_status"] == 302
    assert result["resent_new_revisions"] == 1
    assert result["resent_draft_title"] == "Nachher"
