"""Settings that only show their worth in production or under concurrent editors."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.db.utils import ConnectionHandler

import pytest

from website.settings.base import database_from_url

CHECKOUT = Path(__file__).resolve().parents[2]

# The environment README.md documents for production.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "website.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "connecting-humans.example",
    "CSRF_TRUSTED_ORIGINS": "https://connecting-humans.example",
    "WAGTAILADMIN_BASE_URL": "https://connecting-humans.example",
}


def manage(*args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=CHECKOUT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    handler = ConnectionHandler(
        {"default": database_from_url(f"sqlite:///{tmp_path / 'site.sqlite3'}")}
    )
    with django_db_blocker.unblock():
        yield handler
        handler.close_all()


def test_sqlite_file_database_uses_wal_and_a_busy_timeout(sqlite_file):
    connection = sqlite_file["default"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.transaction_mode == "IMMEDIATE"


CONCURRENT_EDITORS = """
import threading
import django
from django.db import connection, transaction

django.setup()
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE edits (id INTEGER PRIMARY KEY, editor INTEGER, seen INTEGER)")
errors = []


def editor(number):
    for _ in range(25):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM edits")
                    seen = cursor.fetchone()[0]
                    cursor.execute(
                        "INSERT INTO edits (editor, seen) VALUES (%s, %s)", [number, seen]
                    )
        except Exception as error:
            errors.append(repr(error))
    connection.close()


threads = [threading.Thread(target=editor, args=(n,)) for n in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*), COUNT(DISTINCT seen) FROM edits")
    print(*cursor.fetchone(), len(errors), errors[:3])
"""


def test_concurrent_editors_never_see_database_is_locked(tmp_path):
    """8 editors each reading, then writing, 25 times at once; stock settings lose most of these."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", CONCURRENT_EDITORS],
        cwd=CHECKOUT,
        env={
            **os.environ,
            "PYTHONPATH": str(CHECKOUT / "site"),
            "DJANGO_SETTINGS_MODULE": "website.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'editors.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows, distinct_counts_seen, errors, examples = result.stdout.split(maxsplit=3)
    assert errors == "0", examples
    assert rows == "200"
    # Each transaction saw the writes of all before it: they ran one after the other.
    assert distinct_counts_seen == "200"
