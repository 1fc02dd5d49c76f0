"""Backup and restore: `manage.py backup` on the demo site, `manage.py restore` into a new database.

ROBUSTNESS.md, Faults. Each step runs in its own process with its own SQLite file and its own
media folders (the test settings make new ones per process), so the restored site can only
have its files from the archive.
"""

import json

import pytest

from tests.faults.conftest import run_python

BACKUP_THE_DEMO = """
import json, sys
import django

django.setup()
from django.core.management import call_command
from exhibitions.models import ExhibitionPage
from website.core.management.commands.backup import content_counts

call_command("load_demo", verbosity=0)
exhibition = ExhibitionPage.objects.live().first()
call_command("backup", sys.argv[1])
print(json.dumps({"counts": content_counts(), "exhibition": exhibition.url}))
"""

RESTORE_INTO_A_NEW_DATABASE = """
import json, sys
import django

django.setup()
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.images import get_image_model
from website.core.management.commands.backup import content_counts
from website.images.renditions import SETS

archive, exhibition_url = sys.argv[1:3]
call_command("restore", archive)

Image = get_image_model()
Rendition = Image.get_rendition_model()


def readable(field):
    with field.open("rb") as file:
        return len(file.read()) > 0


result = {
    "counts": content_counts(),
    "readable_originals": sum(readable(image.file) for image in Image.objects.all()),
    "readable_renditions": sum(readable(r.file) for r in Rendition.objects.all()),
    "exhibition_status": Client().get(exhibition_url).status_code,
}

# A rendition made after the restore comes from the restored original.
image = Image.objects.filter(renditions__isnull=False).first()
spec = SETS["photo"].specs[0]
image.renditions.filter(filter_spec=spec).delete()
rendition = image.get_rendition(spec)
result["regenerated"] = not rendition.is_placeholder and readable(rendition.file)

try:
    call_command("restore", archive)
except CommandError as error:
    result["second_restore"] = str(error)
print(json.dumps(result))
"""


def run(code, database, *args):
    result = run_python(code, database, *args, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def restored(tmp_path_factory, migrated_sqlite):
    folder = tmp_path_factory.mktemp("backup")
    archive = folder / "site.tar.gz"
    source = folder / "source.sqlite3"
    source.write_bytes(migrated_sqlite.read_bytes())
    backed_up = run(BACKUP_THE_DEMO, source, archive)
    # The target database is a new, empty file: restore migrates it first.
    target = folder / "target.sqlite3"
    return backed_up, run(RESTORE_INTO_A_NEW_DATABASE, target, archive, backed_up["exhibition"])


def test_restore_brings_back_every_page_revision_image_and_document(restored):
    backed_up, restored = restored
    assert backed_up["counts"]["pages"] > 10 and backed_up["counts"]["images"] > 10
    assert backed_up["counts"]["renditions"] > 0
    assert restored["counts"] == backed_up["counts"]


def test_restored_files_are_readable_and_renditions_can_be_made_again(restored):
    backed_up, restored = restored
    assert restored["readable_originals"] == backed_up["counts"]["images"]
    assert restored["readable_renditions"] == backed_up["counts"]["renditions"]
    assert restored["regenerated"]


def test_the_restored_site_answers(restored):
    assert restored[1]["exhibition_status"] == 200


def test_restore_refuses_to_replace_content_without_force(restored):
    assert "--force" in restored[1]["second_restore"]
    assert "not empty" in restored[1]["second_restore"]
