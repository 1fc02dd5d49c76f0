"""The site under load: a fresh demo site with warm renditions, served with production settings
by gunicorn beside a task worker on 127.0.0.1, on SQLite or on PostgreSQL with Redis.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import redis
import requests

CHECKOUT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "ch_load"
REDIS_URL = "redis://127.0.0.1:6379/5"
GUNICORN_WORKERS = 3
REQUEST_TIMEOUT = 30
LOCKED = "database is locked"
# Services the run must not reach: the settings take them from the environment.
FOREIGN_SETTINGS = ("AWS_STORAGE_BUCKET_NAME", "FRONTEND_CACHE_PURGE_URL", "CLOUDFLARE_ZONE_ID")


class Site:
    """A served demo site: its address, its prepared data, its processes and their log."""

    def __init__(self, base, start, environment, log_path, server_pid, worker_pid):
        self.base, self.start, self.environment = base, start, environment
        self.log_path, self.log_offset = log_path, 0
        self.server_pid, self.worker_pid = server_pid, worker_pid

    def log_errors(self):
        """Errors the server and the task worker logged since the last call, by kind."""
        with open(self.log_path, errors="replace") as log:
            log.seek(self.log_offset)
            text = log.read()
            self.log_offset = log.tell()
        return {
            LOCKED: text.count(LOCKED),
            "server error in log": text.count("Internal Server Error"),
            "worker timeout": text.count("WORKER TIMEOUT"),
        }

    def renditions(self):
        """How far the burst gallery's renditions are: made, expected, made twice."""
        return prepared(self.environment, "renditions")

    def peak_rss(self):
        """Peak resident memory in MiB: the largest gunicorn worker's, the task worker's."""
        return max(map(peak_rss, child_pids(self.server_pid))), peak_rss(self.worker_pid)


@contextlib.contextmanager
def demo_site(database):
    """A `Site` on "sqlite" or "postgres"; its files and database are removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=f"connecting-humans-load-{database}-"))
    try:
        environment = environment_for(database, workdir)
        start = prepare(database, environment)
        log_path = workdir / "server.log"
        with serving(environment, log_path) as (base, server_pid, worker_pid):
            yield Site(base, start, environment, log_path, server_pid, worker_pid)
    finally:
        if database == "postgres":
            recreate_postgres_database(drop_only=True)
            redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)


def environment_for(database, workdir):
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in (*FOREIGN_SETTINGS, "REDIS_URL", "DATABASE_URL")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "PYTHONPATH": os.pathsep.join(str(CHECKOUT / part) for part in ("site", "")),
        "SECRET_KEY": secrets.token_hex(30),
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "STATIC_ROOT": str(workdir / "static"),
        "CACHE_DIR": str(workdir / "cache"),
    }
    if database == "postgres":
        environment["DATABASE_URL"] = f"{POSTGRES_SERVER}/{DATABASE_NAME}"
        environment["REDIS_URL"] = REDIS_URL
    else:
        environment["DATABASE_URL"] = f"sqlite:///{workdir / 'site.sqlite3'}"
    return environment


def prepare(database, environment):
    """A fresh demo site whose renditions are all made, and the run's editors."""
    if database == "postgres":
        recreate_postgres_database()
        redis.Redis.from_url(REDIS_URL).flushdb()  # the run's own Redis database
    manage(environment, "migrate", "--noinput")
    manage(environment, "load_demo")
    manage(environment, "repair_renditions")
    manage(environment, "collectstatic", "--noinput")
    return prepared(environment, "setup")


def recreate_postgres_database(drop_only=False):
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME}")


@contextlib.contextmanager
def serving(environment, log_path):
    """gunicorn on a free port of 127.0.0.1 and a task worker, stopped whatever happens."""
    port = free_port()
    commands = [
        [
            *(sys.executable, "-m", "gunicorn", "website.wsgi:application"),
            *("--workers", str(GUNICORN_WORKERS), "--timeout", str(REQUEST_TIMEOUT)),
            *("--bind", f"127.0.0.1:{port}"),
        ],
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
    ]
    with open(log_path, "w") as log:
        processes = []
        try:
            for command in commands:
                processes.append(
                    subprocess.Popen(  # noqa: S603
                        command, cwd=CHECKOUT, env=environment, stdout=log, stderr=log
                    )
                )
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while not answers(base + "/robots.txt"):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start; see {log_path}")
                time.sleep(0.5)
            yield base, processes[0].pid, processes[1].pid
        finally:
            for process in reversed(processes):
                stop_process(process)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url):
    try:
        return requests.get(url, timeout=10, allow_redirects=False).status_code < 500
    except requests.RequestException:
        return False


def stop_process(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def child_pids(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        return [int(child) for child in children.read().split()]


def peak_rss(pid):
    """The process's peak resident memory (VmHWM) in MiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_python(environment, arguments, name):
    """Runs a Python script of the checkout; exits with its error output if it fails."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, *arguments],
        cwd=CHECKOUT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"{name} failed:\n{result.stderr[-4000:]}")
    return result.stdout


def manage(environment, *command):
    run_python(environment, ["manage.py", *command], f"manage.py {' '.join(command)}")


def prepared(environment, step):
    output = run_python(
        environment, [str(CHECKOUT / "load" / "prepare.py"), step], f"prepare.py {step}"
    )
    return json.loads(output.strip().splitlines()[-1])
