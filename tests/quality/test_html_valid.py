"""The Nu HTML checker finds no error on any page of the demo site, nor on the 404 page."""

import json
import subprocess

from django.test import Client

import pytest

from tests.quality.conftest import (
    NODE_MODULES,
    UNLISTED_VIEWS,
    pages_per_language,
    sitemap_paths,
)
from tests.tools import require

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
MISSING = {"/gibt-es-nicht/": "de", "/en/does-not-exist/": "en", "/ar/does-not-exist/": "ar"}

pytestmark = pytest.mark.tools


def file_name(path):
    return (path.strip("/").replace("/", "__").replace("?", "__") or "home") + ".html"


def test_every_page_is_valid_html(demo, tmp_path):
    require("java", "the Nu HTML checker runs on Java 17+ (Debian package openjdk-17-jre-headless)")
    require(VNU, "the Nu HTML checker comes with `npm ci` (make test runs it)")
    client = Client()
    paths = sitemap_paths()
    files = {}
    for path in [*paths, *UNLISTED_VIEWS, *MISSING]:
        response = client.get(path)
        assert response.status_code == (404 if path in MISSING else 200), (path, response)
        files[file_name(path)] = path
        (tmp_path / file_name(path)).write_bytes(response.content)

    # One run over all pages: the checker's start-up costs more than checking a page.
    checker = subprocess.run(  # noqa: S603 (fixed arguments, our own files)
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", "--errors-only"]
        + [str(tmp_path / name) for name in files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(checker.stdout)["messages"]
    errors = [
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))}"
        f" line {message.get('lastLine', '?')}: {message['message']}\n"
        f"    {message.get('extract', '').strip()[:200]}"
        for message in messages
    ]
    print(  # noqa: T201 (how much was checked belongs in the test's output)
        f"Nu HTML checker: {len(paths)} pages {pages_per_language(paths)}, "
        f"{len(UNLISTED_VIEWS)} other views and {len(MISSING)} 404 pages, {len(errors)} errors"
    )
    assert checker.returncode in (0, 1), checker.stderr
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
