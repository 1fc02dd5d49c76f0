"""A worker killed (SIGKILL) in the middle of a publish or an upload.

ROBUSTNESS.md, Faults. The worker runs in its own process on a SQLite file; it pauses at a
chosen point, the test kills it there, and a third process checks the database: the page is
entirely its old or its new revision, the tree is valid, and no Image row lacks its file.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.faults.conftest import CHECKOUT, run_python

WORKER = """
import json, sys, time
from pathlib import Path

from django.conf import settings

mode, marker, ids_file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
BUSY = "website.core.busy.BusyDatabaseMiddleware"
if BUSY not in settings.MIDDLEWARE:  # until the settings list it
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, BUSY]

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection
from wagtail.signals import page_published

from tests.factories import StandardPageFactory, build_site
from tests.images.photos import plain_jpeg
from tests.stories.consent_helpers import form_data
from website.images.models import CustomImage


def pause(**kwargs):
    marker.write_text(mode)
    time.sleep(120)  # the test kills the process here


page = StandardPageFactory(parent=build_site()["de"], title="Alt", intro="Alte Einleitung")
old = page.save_revision()
old.publish()
editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
client = Client()
client.force_login(editor)
ids_file.write_text(json.dumps({"page": page.pk, "old": old.pk}))

if mode == "publish":
    # As the scheduler and code publish: a revision saved, then published outside a request.
    page.title, page.intro = "Neu", "Neue Einleitung"
    new = page.save_revision()
    ids_file.write_text(json.dumps({"page": page.pk, "old": old.pk, "new": new.pk}))
    page_published.connect(pause)
    new.publish()
elif mode == "admin-publish":
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url), form_id="page-edit-form")
    data.update({"body-count": "0", "title": "Neu", "intro": "Neue Einleitung"})
    data["action-publish"] = "action-publish"
    page_published.connect(pause)
    client.post(url, data)
else:
    if mode == "upload-write":
        storage = CustomImage._meta.get_field("file").storage

        def half_written(name, content):
            data = content.read()
            path = Path(storage.path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data[: len(data) // 2])
            pause()

        storage._save = half_written
    else:  # the file is stored, the row is being written
        post_save.connect(pause, sender=CustomImage)
    client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto",
            "file": SimpleUploadedFile("foto.jpg", plain_jpeg()),
            "collection": Collection.get_first_root_node().pk,
        },
    )
print("not killed")
"""

CHECK = """
import json, sys
from pathlib import Path

import django

django.setup()

from wagtail.models import Page, PageLogEntry

from website.images.models import CustomImage

ids = json.loads(Path(sys.argv[1]).read_text())
page = Page.objects.get(pk=ids["page"]).specific
live = page.live_revision.as_object()
latest = page.get_latest_revision()


def readable(image):
    try:
        with image.file.open("rb") as file:
            return len(file.read()) == image.file_size or image.file_size is None
    except OSError:
        return False


print(json.dumps({
    "live": page.live,
    "title": page.title,
    "intro": page.intro,
    "live_revision": page.live_revision_id,
    "live_revision_title": live.title,
    "live_revision_intro": live.intro,
    "latest_revision": latest.pk,
    "has_unpublished_changes": page.has_unpublished_changes,
    "tree_problems": [list(map(list, problems)) for problems in Page.find_problems()],
    "publish_logged": PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", revision_id=page.live_revision_id
    ).exists(),
    "images": CustomImage.objects.count(),
    "images_without_file": [image.pk for image in CustomImage.objects.all() if not readable(image)],
}))
"""


def kill_at_the_pause(database, tmp_path, mode):
    """Runs the worker until it pauses at its chosen point, then kills it with SIGKILL."""
    marker, ids_file = tmp_path / "paused", tmp_path / "ids.json"
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", WORKER, mode, str(marker), str(ids_file)],
        cwd=CHECKOUT,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(CHECKOUT), str(CHECKOUT / "site")]),
            "DJANGO_SETTINGS_MODULE": "website.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while not marker.exists():
        if worker.poll() is not None:
            pytest.fail(f"the worker ended before pausing: {worker.communicate()[1][-3000:]}")
        if time.monotonic() > deadline:
            worker.kill()
            pytest.fail("the worker never reached its pause")
        time.sleep(0.1)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    result = run_python(CHECK, database, ids_file)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1]), json.loads(ids_file.read_text())


def assert_consistent(state):
    assert state["tree_problems"] == [[], [], [], [], []]
    assert state["live"]
    # The page's own row is exactly its live revision: nothing half applied.
    assert (state["title"], state["intro"]) == (
        state["live_revision_title"],
        state["live_revision_intro"],
    )
    assert state["has_unpublished_changes"] == (state["latest_revision"] != state["live_revision"])


def test_killed_while_publishing_leaves_the_old_or_the_new_revision(sqlite_copy, tmp_path):
    state, ids = kill_at_the_pause(sqlite_copy, tmp_path, "publish")
    assert_consistent(state)
    assert state["live_revision"] in (ids["old"], ids["new"])
    expected = {ids["old"]: ("Alt", "Alte Einleitung"), ids["new"]: ("Neu", "Neue Einleitung")}
    assert (state["title"], state["intro"]) == expected[state["live_revision"]]


def test_killed_while_publishing_from_the_admin_leaves_the_old_revision(sqlite_copy, tmp_path):
    """The admin's save runs in one transaction (website.core.busy): a kill undoes all of it."""
    state, ids = kill_at_the_pause(sqlite_copy, tmp_path, "admin-publish")
    assert_consistent(state)
    assert state["live_revision"] == state["latest_revision"] == ids["old"]
    assert (state["title"], state["intro"]) == ("Alt", "Alte Einleitung")
    assert state["publish_logged"]


@pytest.mark.parametrize("mode", ["upload-write", "upload-row"])
def test_killed_while_uploading_leaves_no_image_without_its_file(sqlite_copy, tmp_path, mode):
    state, _ = kill_at_the_pause(sqlite_copy, tmp_path, mode)
    assert state["images_without_file"] == []
    assert state["images"] == 0
