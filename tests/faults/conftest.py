import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]


def run_python(code, database, *args, timeout=180):
    """Runs code in a new Python process on the given SQLite file, with the test settings."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, *map(str, args)],
        cwd=CHECKOUT,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(CHECKOUT), str(CHECKOUT / "site")]),
            "DJANGO_SETTINGS_MODULE": "website.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A migrated SQLite file, for tests in which several processes share one database."""
    database = tmp_path_factory.mktemp("sqlite") / "migrated.sqlite3"
    result = run_python(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', verbosity=0)",
        database,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return database


@pytest.fixture
def sqlite_copy(migrated_sqlite, tmp_path):
    """A fresh copy of the migrated SQLite file for one test."""
    database = tmp_path / "site.sqlite3"
    shutil.copyfile(migrated_sqlite, database)
    return database
