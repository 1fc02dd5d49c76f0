import json
import threading
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

import pytest
from bs4 import BeautifulSoup
from pytest_django.plugin import blocking_manager_key

from tests.cdn import RecordingBackend


def flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    return bool({"transactional_db", "live_server"} & set(item.fixturenames)) or bool(
        marker and marker.kwargs.get("transaction")
    )


def restores_the_database(item):
    marker = item.get_closest_marker("django_db")
    return "django_db_serialized_rollback" in item.fixturenames or bool(
        marker and marker.kwargs.get("serialized_rollback")
    )


def put_back_content_types(connection, contents):
    """Content types first, under their migrated ids, and a cache that knows only those.

    A flush that ran post_migrate made them again under new ids and cached these; rows put
    back after it would meet the stale cache, and Wagtail's tasks, which look up their own
    content type while they are built, would make a second one.
    """
    content_types = [
        row for row in json.loads(contents) if row["model"] == "contenttypes.contenttype"
    ]
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(content_types))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that flushed the database, the next test finds what the migrations made.

    Django runs such tests last, so that none follows them; with one test process per core a
    file of them may come first. Their flush leaves an empty database (or, without serialized
    rollback, content types made again under other ids), so the migrated data is put back
    unless the next test brings it back itself.
    """
    result = yield
    if nextitem is None or not flushes_the_database(item):
        return result
    next_restores = restores_the_database(nextitem)
    if next_restores and restores_the_database(item):
        return result  # left empty, as the next test's own restore expects
    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is None:
                continue
            call_command(
                "flush",
                database=connection.alias,
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                # As Django's own flush after such a test: ids go on, so the rows put back
                # keep theirs and new rows on PostgreSQL take the next free ones.
                reset_sequences=False,
            )
            put_back_content_types(connection, contents)
            if not next_restores:
                connection.creation.deserialize_db_from_string(contents)
    return result


class OneRequestAtATimeServer(ThreadedWSGIServer):
    """Connections in threads, as a browser needs, but one request handled at a time.

    The test database lives in memory, so the live server's threads share its one
    connection; two requests at once (an autosave beside a click) would open a transaction
    inside another's. The whole response is made under the lock, closing included.
    """

    def set_app(self, application):
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                response = application(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    response.close()

        super().set_app(one_at_a_time)


class OneRequestAtATimeThread(LiveServerThread):
    server_class = OneRequestAtATimeServer


@pytest.fixture(scope="session")
def one_request_at_a_time():
    with mock.patch("django.test.testcases.LiveServerThread", OneRequestAtATimeThread):
        yield


@pytest.fixture(scope="session")
def live_server(one_request_at_a_time, live_server):
    """pytest-django's live server, made while its thread class is ours."""
    return live_server


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
