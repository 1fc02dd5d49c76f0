from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

import pytest
from bs4 import BeautifulSoup

from tests.cdn import RecordingBackend


@pytest.fixture(autouse=True)
def fresh_caches():
    # Test databases reuse ids: a cached rendition or visibility of "image 1" must not leak.
    for cache in caches.all():
        cache.clear()


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


@pytest.fixture
def new_private_files():
    """Tells which files a test added to private storage."""
    before = private_files()
    return lambda: private_files() - before


@pytest.fixture
def html():
    """Parses a response's HTML, failing on anything but 200."""

    def parse(response):
        assert response.status_code == 200, response.status_code
        return BeautifulSoup(response.content, "html.parser")

    return parse


@pytest.fixture
def cdn():
    """The URLs a configured CDN has been told to forget, in order."""
    RecordingBackend.purged.clear()
    backend = f"{RecordingBackend.__module__}.{RecordingBackend.__name__}"
    with override_settings(WAGTAILFRONTENDCACHE={"cdn": {"BACKEND": backend}}):
        yield RecordingBackend.purged
