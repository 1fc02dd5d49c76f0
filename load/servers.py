"""The site under load: a fresh demo site with warm renditions, served with production settings
by gunicorn beside a task worker on 127.0.0.1, on SQLite or on PostgreSQL with Redis.
"""

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import redis

CHECKOUT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(CHECKOUT))  # the demo-server helpers it shares with the tools

from tools.demo_server import (  # noqa: E402
    MANAGE,
    free_port,
    gunicorn,
    production_environment,
    serving,
)

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "ch_load"
REDIS_URL = "redis://127.0.0.1:6379/5"
GUNICORN_WORKERS = 3
REQUEST_TIMEOUT = 30
LOCKED = "database is locked"


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
        with serving_site(environment, log_path) as (base, server_pid, worker_pid):
            yield Site(base, start, environment, log_path, server_pid, worker_pid)
    finally:
        if database == "postgres":
            recreate_postgres_database(drop_only=True)
            redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)


def environment_for(database, workdir):
    environment = production_environment(workdir)
    if database == "postgres":
        environment["DATABASE_URL"] = f"{POSTGRES_SERVER}/{DATABASE_NAME}"
        environment["REDIS_URL"] = REDIS_URL
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
def serving_site(environment, log_path):
    """gunicorn on a free port of 127.0.0.1 and a task worker, stopped whatever happens."""
    port = free_port()
    commands = [
        gunicorn(port, GUNICORN_WORKERS, REQUEST_TIMEOUT),
        [*MANAGE, "db_worker", "--no-startup-delay"],
    ]
    with serving(commands, environment, log_path, port) as (server, worker):
        yield f"http://127.0.0.1:{port}", server.pid, worker.pid


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
