import io

from django.core.files.storage import default_storage
from django.core.management import call_command

import pytest

from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.images.management.commands.repair_renditions import CHECKPOINT
from website.images.renditions import ADMIN_THUMBNAIL, PUBLISH_SPECS, generate

pytestmark = pytest.mark.django_db
FULL_SET = len(PUBLISH_SPECS) + 1


def run(*args):
    output = io.StringIO()
    call_command("repair_renditions", *args, stdout=output, stderr=output)
    return output.getvalue()


def test_rendition_rows_without_files_are_found_and_remade():
    image = make_image(plain_jpeg(1200, 800))
    generate(image, [*PUBLISH_SPECS, ADMIN_THUMBNAIL])
    lost = image.renditions.first()
    lost.file.storage.delete(lost.file.name)  # as after restoring a backup without media

    output = run()
    assert "Renditions whose file was missing: 1" in output
    assert "Renditions made: 1" in output
    assert image.renditions.count() == FULL_SET
    assert all(r.file.storage.exists(r.file.name) for r in image.renditions.all())


def test_regenerate_remakes_everything_and_reports_broken_originals():
    good = make_image(plain_jpeg())
    broken = make_image(plain_jpeg())
    broken.file.storage.delete(broken.file.name)
    output = run("--regenerate")
    assert good.renditions.count() == FULL_SET
    assert f"Failed images (is their original missing or damaged?): {broken.pk}" in output
    assert not default_storage.exists(CHECKPOINT)


def test_an_interrupted_run_carries_on_where_it_stopped(monkeypatch):
    images = [make_image(plain_jpeg()) for _ in range(3)]
    calls = []

    def interrupted(image, specs):
        calls.append(image.pk)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return generate(image, specs)

    monkeypatch.setattr(
        "website.images.management.commands.repair_renditions.generate", interrupted
    )
    with pytest.raises(KeyboardInterrupt):
        run("--regenerate")
    monkeypatch.undo()
    output = run("--regenerate")
    assert f"Carrying on after image {images[0].pk}." in output
    assert all(image.renditions.count() == FULL_SET for image in images)
