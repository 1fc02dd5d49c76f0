"""The demo site's processes on a free port of 127.0.0.1 and its pages: for the tools
(screenshots.py, lighthouse.py) and for the load test (load/servers.py).
"""

import contextlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

CHECKOUT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, "manage.py"]
# Services a run on 127.0.0.1 must not reach: the settings take them from the environment.
FOREIGN_SETTINGS = (
    *("AWS_STORAGE_BUCKET_NAME", "FRONTEND_CACHE_PURGE_URL", "CLOUDFLARE_ZONE_ID"),
    *("DATABASE_URL", "REDIS_URL"),
)
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port):
    """Whether the server on port answers /robots.txt, with anything but a server error (a
    redirect to HTTPS included)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/robots.txt")
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def serving(commands, environment, log_path, port):
    """Runs the commands (the server on port, the task worker) in the checkout; yields their
    processes once the server answers, and stops them, the last first, whatever happens. What they
    say goes to log_path."""
    with open(log_path, "w") as log:
        processes = []
        try:
            for command in commands:
                processes.append(
                    subprocess.Popen(  # noqa: S603
                        command, cwd=CHECKOUT, env=environment, stdout=log, stderr=log
                    )
                )
            deadline = time.monotonic() + 90
            while not answers(port):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start; see {log_path}")
                time.sleep(0.5)
            yield processes
        finally:
            for process in reversed(processes):
                stop(process)


def gunicorn(port, workers=3, timeout=30, application="website.wsgi"):
    """The command serving the site as in production (the settings come from the environment)."""
    return [
        *(sys.executable, "-m", "gunicorn", f"{application}:application"),
        *("--workers", str(workers), "--timeout", str(timeout)),
        *("--bind", f"127.0.0.1:{port}"),
    ]


def manage(environment, *command):
    subprocess.run([*MANAGE, *command], cwd=CHECKOUT, env=environment, check=True)  # noqa: S603


def production_environment(workdir):
    """The environment of website.settings.production on SQLite, with every file in workdir and
    no service beyond 127.0.0.1."""
    kept = {name: value for name, value in os.environ.items() if name not in FOREIGN_SETTINGS}
    return kept | {
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "PYTHONPATH": os.pathsep.join(str(CHECKOUT / part) for part in ("site", "")),
        "SECRET_KEY": secrets.token_hex(30),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "STATIC_ROOT": str(workdir / "static"),
        "CACHE_DIR": str(workdir / "cache"),
    }


def sitemap_paths(base):
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=30) as response:  # noqa: S310
        root = ET.fromstring(response.read())  # noqa: S314 (our own output)
    return [urlsplit(loc.text).path for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def first(paths, pattern):
    return next(path for path in paths if re.fullmatch(pattern, path))
