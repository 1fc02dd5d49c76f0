from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Collection

import pytest


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.fixture
def stored_files():
    """Tells which files a test added to private storage."""
    before = private_files()
    return lambda: private_files() - before


@pytest.fixture
def upload(admin_client, django_capture_on_commit_callbacks):
    """Uploads through the admin's single-image form, as an editor does."""

    def post(data, name="foto.jpg", title=None):
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(
                reverse("wagtailimages:add"),
                {
                    "title": name.rsplit(".", 1)[0] if title is None else title,
                    "file": SimpleUploadedFile(name, data),
                    "collection": Collection.get_first_root_node().pk,
                },
            )

    return post


@pytest.fixture
def upload_many(admin_client, django_capture_on_commit_callbacks):
    """Uploads through the admin's multiple-image form, one request per file, as its script does."""

    def post(data, name="foto.jpg"):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                reverse("wagtailimages:add_multiple"),
                {
                    "files[]": SimpleUploadedFile(name, data),
                    "title": name.rsplit(".", 1)[0],
                    "collection": Collection.get_first_root_node().pk,
                },
            )
        assert response.status_code == 200
        return response.json()

    return post


@pytest.fixture
def task_queue(settings):
    """Tasks wait in a queue instead of running at once, as with the production worker."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]

    def run_all():
        results, backend.results = list(backend.results), []
        for result in results:
            result.task.call(*result.args, **result.kwargs)
        return len(results)

    backend.run_all = run_all
    return backend
