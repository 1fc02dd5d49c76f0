"""`make load`: the site under production settings, loaded on 127.0.0.1 for a bounded time.

For each database (SQLite; PostgreSQL with Redis) a fresh demo site with warm renditions is
served by gunicorn beside a task worker, then loaded with three mixes (ROBUSTNESS.md, "Load"):
visitors browsing; the same visitors while editors save and publish pages; visitors opening a
just-published gallery of new photos all at once. Prints a table and a closing line; exits
non-zero when a goal is missed.
"""

import argparse
import contextlib
import html
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

import psycopg
import redis
import requests
from bs4 import BeautifulSoup

CHECKOUT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_NAME = "ch_load"
REDIS_URL = "redis://127.0.0.1:6379/5"
GUNICORN_WORKERS = 3
GOAL_P95_MS = 500
GOAL_WEB_RSS_MIB = 300
FULL_RUN_SECONDS = 30  # shorter runs check errors only: their percentiles are too noisy
REQUEST_TIMEOUT = 30
BURST_VISITORS = 20
BURST_SECONDS = 20
RENDITIONS_WAIT_SECONDS = 300
IMAGES_PER_PAGE = 2  # the first screen's photos, as a browser fetches them
PHOTO_PAGES_PER_VISIT = 3
EDITOR_PAUSE = (2, 4)  # seconds between two saves
PUBLISH_EVERY = 4  # saves
LOCKED = "database is locked"
SEARCH_TERMS = ["Mode", "Ausstellung", "Nähen", "Mentoring", "Werkstatt", "Sprache", "Kleid"]
LINK = re.compile(r'href="(/[^"#]*)"')
IMAGE = re.compile(r'src="(/bilder/[^"]+)"')
# Services the run must not reach: the settings take them from the environment.
FOREIGN_SETTINGS = ("AWS_STORAGE_BUCKET_NAME", "FRONTEND_CACHE_PURGE_URL", "CLOUDFLARE_ZONE_ID")


class Stopped(Exception):
    """The run's time is up."""


class Tally:
    """Response times and errors of one group of clients in one mix."""

    def __init__(self):
        self.times, self.errors, self.notes = [], Counter(), Counter()
        self.times_by_kind = defaultdict(list)
        self.lock = threading.Lock()
        self.started = self.ended = time.perf_counter()

    def add(self, seconds, kind, error=None, note=None):
        with self.lock:
            self.times.append(seconds)
            self.times_by_kind[kind].append(seconds)
            if error:
                self.errors[error] += 1
            if note:
                self.notes[note] += 1

    def percentile(self, share, kind=None):
        times = self.times_by_kind[kind] if kind else self.times
        if len(times) < 2:
            return times[0] * 1000 if times else 0.0
        return statistics.quantiles(times, n=100, method="inclusive")[share - 1] * 1000

    @property
    def error_count(self):
        return sum(self.errors.values())


class Client:
    """One browser: its own connection and cookies.

    Production marks the session and CSRF cookies Secure, so they are kept and sent by hand;
    every request says it came through HTTPS, as the TLS proxy in front of gunicorn would.
    """

    def __init__(self, base, tally):
        self.base, self.origin = base, base.replace("http://", "https://")
        self.session = requests.Session()
        self.cookies = {}
        self.tally = tally

    def request(self, method, path, data=None):
        headers = {"X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":
            headers |= {"Origin": self.origin, "Referer": self.origin + path}
        kind = kind_of(path)
        started = time.perf_counter()
        try:
            response = self.session.request(
                method,
                self.base + path,
                data=data,
                headers=headers,
                allow_redirects=False,
                timeout=REQUEST_TIMEOUT,
            )
        except requests.RequestException as error:
            self.tally.add(time.perf_counter() - started, kind, type(error).__name__)
            return None
        seconds = time.perf_counter() - started
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        error = None
        if response.status_code >= 500:
            error = f"HTTP {response.status_code}"
        elif "html" in response.headers.get("Content-Type", "") and LOCKED in response.text:
            error = LOCKED
        note = "page cache hit" if response.headers.get("X-Page-Cache") == "hit" else None
        self.tally.add(seconds, kind, error, note)
        return response

    def page(self, path):
        """A page and the first photos on it; its HTML, or "" when it did not answer 200."""
        response = self.request("GET", path)
        if response is None or response.status_code != 200:
            return ""
        text = response.text
        for source in IMAGE.findall(text)[:IMAGES_PER_PAGE]:
            self.request("GET", html.unescape(source))
        return text

    def log_in(self, username, password):
        self.request("GET", "/admin/login/")
        response = self.request(
            "POST",
            "/admin/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
        )
        return response is not None and response.status_code == 302


def kind_of(path):
    if path.startswith("/bilder/"):
        return "photo file"
    if path.startswith("/admin/"):
        return "admin"
    return "search" if "?q=" in path else "page"


def links(text, prefix=""):
    return [
        path
        for path in (html.unescape(found) for found in LINK.findall(text))
        if path.startswith(prefix)
    ]


def items(text, index):
    """Links to the pages below an index page."""
    return sorted({path for path in links(text, index) if path != index and "?" not in path})


def visit(client, start, rng, stop, think):
    """Home → exhibition → gallery photos → stories → tags → search → news."""

    def page(path):
        if stop.is_set():
            raise Stopped
        text = client.page(path)
        stop.wait(rng.uniform(0, think))
        return text

    def one_of(paths):
        return [rng.choice(paths)] if paths else []

    page(start["home"])
    for exhibition in one_of(items(page(start["exhibitions"]), start["exhibitions"])):
        photos = sorted({path for path in links(page(exhibition)) if "/foto/" in path})
        for photo in rng.sample(photos, min(PHOTO_PAGES_PER_VISIT, len(photos))):
            page(photo)
    index = page(start["stories"])
    tags = links(index, start["stories"] + "?tag=")
    for story in one_of(items(index, start["stories"])):
        tags += links(page(story), start["stories"] + "?tag=")
    for tag in one_of(sorted(set(tags))):
        page(tag)
    page(f"{start['search']}?q={quote(rng.choice(SEARCH_TERMS))}")
    for news in one_of(items(page(start["news"]), start["news"])):
        page(news)


def visitor(client, start, think, stop):
    rng = random.Random()  # noqa: S311 (a visitor's choices, not secrets)
    with contextlib.suppress(Stopped):
        while not stop.is_set():
            visit(client, start, rng, stop, think)


def form_fields(text):
    """What the browser would post back from a page's edit form, as (name, value) pairs.

    Stream fields are drawn by the admin's JavaScript from the JSON on their element; their
    values are posted under the names that JavaScript gives its inputs.
    """
    form = BeautifulSoup(text, "html.parser").find("form", id="page-edit-form")
    fields = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled") or "__prefix__" in name:
            continue
        if element.find_parent("template"):
            continue
        if element.name == "textarea":
            fields.append((name, element.text.removeprefix("\n")))
        elif element.name == "select":
            chosen = element.find_all("option", selected=True)
            if not chosen and not element.has_attr("multiple"):
                chosen = element.find_all("option")[:1]
            fields += [(name, option.get("value", option.text)) for option in chosen]
        else:
            kind = element.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    fields.append((name, element.get("value", "on")))
            else:
                fields.append((name, element.get("value", "")))
    for block in form.find_all(attrs={"data-controller": "w-block"}):
        value = json.loads(block["data-w-block-arguments-value"])[0]
        stream_fields(block["id"], value, fields)
    return fields


def stream_fields(prefix, value, fields):
    if isinstance(value, dict):  # a struct block
        for name, child in value.items():
            stream_fields(f"{prefix}-{name}", child, fields)
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        # A stream or list block: each child has an id, stream children a type too.
        fields.append((f"{prefix}-count", str(len(value))))
        for position, child in enumerate(value):
            fields += [
                (f"{prefix}-{position}-deleted", ""),
                (f"{prefix}-{position}-order", str(position)),
                (f"{prefix}-{position}-id", child.get("id") or ""),
            ]
            if "type" in child:
                fields.append((f"{prefix}-{position}-type", child["type"]))
            stream_fields(f"{prefix}-{position}-value", child["value"], fields)
    elif isinstance(value, list):  # a multiple choice
        fields += [(prefix, str(item)) for item in value]
    elif value is True:
        fields.append((prefix, "on"))
    elif value is not None and value is not False:
        fields.append((prefix, str(value)))


def save_page(client, page, number, publish):
    """Opens a page's edit form and posts it back with a new title; whether it was saved."""
    path = f"/admin/pages/{page}/edit/"
    response = client.request("GET", path)
    if response is None or response.status_code != 200:
        return False
    fields = [
        (name, re.sub(r" · \d+$", "", value) + f" · {number}" if name == "title" else value)
        for name, value in form_fields(response.text)
    ]
    if publish:
        fields.append(("action-publish", "action-publish"))
    response = client.request("POST", path, fields)
    return response is not None and response.status_code == 302


def editor(client, account, saves, stop):
    rng = random.Random()  # noqa: S311 (pauses, not secrets)
    if not client.log_in(account["username"], account["password"]):
        saves["failed logins"] += 1
        return
    number = 0
    while not stop.wait(rng.uniform(*EDITOR_PAUSE)):
        number += 1
        publish = number % PUBLISH_EVERY == 0
        saved = save_page(client, account["page"], number, publish)
        saves["published" if saved and publish else "saved" if saved else "refused"] += 1


def run_threads(targets, seconds):
    """Runs the client functions in threads for a number of seconds; each gets `stop`."""
    stop = threading.Event()
    threads = [
        threading.Thread(target=target, args=(*arguments, stop)) for target, arguments in targets
    ]
    try:
        for thread in threads:
            thread.start()
        stop.wait(seconds)
    finally:  # interrupted too: no client may go on against stopped servers
        stop.set()
        for thread in threads:
            if thread.is_alive():
                thread.join()


def measure(name, base, start, arguments, editors=()):
    """One mix: visitors, and editors when given. Returns (name, tallies by role, notes)."""
    visitors, editing, saves = Tally(), Tally(), Counter()
    targets = [
        (visitor, (Client(base, visitors), start, arguments.think))
        for _ in range(arguments.clients)
    ]
    targets += [(editor, (Client(base, editing), account, saves)) for account in editors]
    visitors.started = editing.started = time.perf_counter()
    run_threads(targets, arguments.seconds)
    visitors.ended = editing.ended = time.perf_counter()
    tallies = {"visitors": visitors}
    if editors:
        tallies["editors"] = editing
    notes = ", ".join(f"{count} {kind}" for kind, count in sorted(saves.items()))
    return name, tallies, notes


def burst(base, start, editor_account, environment):
    """Visitors open a gallery of new photos together, the moment an editor publishes it."""
    tally = Tally()
    publisher = Client(base, Tally())
    gallery = start["burst"]
    logged_in = publisher.log_in(editor_account["username"], editor_account["password"])
    if not (logged_in and save_page(publisher, gallery["page"], 1, publish=True)):
        raise RuntimeError("the burst gallery could not be published")
    published = time.perf_counter()

    def open_gallery(client, stop):
        while not stop.is_set():
            response = client.request("GET", gallery["url"])
            if response is not None and response.status_code == 200:
                for source in IMAGE.findall(response.text):
                    client.request("GET", html.unescape(source))

    targets = [(open_gallery, (Client(base, tally),)) for _ in range(BURST_VISITORS)]
    tally.started = time.perf_counter()
    run_threads(targets, BURST_SECONDS)
    tally.ended = time.perf_counter()
    while True:
        state = prepared(environment, "renditions")
        ready = state["made"] >= state["expected"]
        if ready or time.perf_counter() - published > RENDITIONS_WAIT_SECONDS:
            break
        time.sleep(2)
    state["seconds"] = time.perf_counter() - published
    state["ready"] = ready
    return tally, state


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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


def stop_process(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def answers(url):
    try:
        return requests.get(url, timeout=10, allow_redirects=False).status_code < 500
    except requests.RequestException:
        return False


@contextlib.contextmanager
def serving(environment, log_path):
    """gunicorn on a free port of 127.0.0.1 and a task worker, stopped whatever happens."""
    port = free_port()
    with open(log_path, "w") as log:
        processes = []
        try:
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [
                        *(sys.executable, "-m", "gunicorn", "website.wsgi:application"),
                        *("--workers", str(GUNICORN_WORKERS), "--timeout", str(REQUEST_TIMEOUT)),
                        *("--bind", f"127.0.0.1:{port}"),
                    ],
                    cwd=CHECKOUT,
                    env=environment,
                    stdout=log,
                    stderr=log,
                )
            )
            processes.append(
                subprocess.Popen(  # noqa: S603
                    [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
                    cwd=CHECKOUT,
                    env=environment,
                    stdout=log,
                    stderr=log,
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


def recreate_postgres_database(drop_only=False):
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
        if not drop_only:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME}")


def environment_for(database, workdir):
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in (*FOREIGN_SETTINGS, "REDIS_URL", "DATABASE_URL")
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "PYTHONPATH": os.pathsep.join(str(CHECKOUT / part) for part in ("load", "site", "")),
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


def log_errors(log_path, offset):
    """Errors the server and the task worker wrote since `offset`; and the new offset."""
    with open(log_path, errors="replace") as log:
        log.seek(offset)
        text = log.read()
        return {
            LOCKED: text.count(LOCKED),
            "server error in log": text.count("Internal Server Error"),
            "worker timeout": text.count("WORKER TIMEOUT"),
        }, log.tell()


def run_database(database, arguments, report):
    workdir = Path(tempfile.mkdtemp(prefix=f"connecting-humans-load-{database}-"))
    try:
        environment = environment_for(database, workdir)
        print(f"{database}: preparing the demo site and its renditions …", file=sys.stderr)
        start = prepare(database, environment)
        log_path = workdir / "server.log"
        with serving(environment, log_path) as (base, server_pid, worker_pid):
            offset = 0
            mixes = [("visitors", ()), ("editors+visitors", start["editors"])]
            for name, editors in mixes:
                print(f"{database}: {name} for {arguments.seconds} s …", file=sys.stderr)
                mix, tallies, notes = measure(name, base, start, arguments, editors)
                errors, offset = log_errors(log_path, offset)
                report.append((database, mix, tallies, notes, errors))
            print(f"{database}: gallery burst …", file=sys.stderr)
            tally, state = burst(base, start, start["editors"][0], environment)
            errors, offset = log_errors(log_path, offset)
            state["web_rss"] = max(peak_rss(pid) for pid in child_pids(server_pid))
            state["worker_rss"] = peak_rss(worker_pid)
            notes = (
                f"{start['burst']['photos']} new photos: renditions {state['made']} of "
                f"{state['expected']} after {state['seconds']:.0f} s, made twice {state['twice']}"
                f"; peak RSS web {state['web_rss']:.0f} MiB, task worker "
                f"{state['worker_rss']:.0f} MiB"
            )
            report.append((database, "gallery burst", {"visitors": tally}, notes, errors))
            return state
    finally:
        if database == "postgres":
            recreate_postgres_database(drop_only=True)
            redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(workdir, ignore_errors=True)


def print_table(report):
    header = ("database", "mix", "clients", "requests", "errors", "p50 ms", "p95 ms", "p99 ms")
    rows = [(*header, "req/s", "cache hits")]
    for database, mix, tallies, _notes, _errors in report:
        for role, tally in tallies.items():
            seconds = max(tally.ended - tally.started, 1e-9)
            rows.append(
                (
                    database,
                    mix,
                    role,
                    f"{len(tally.times):,}",
                    str(tally.error_count),
                    f"{tally.percentile(50):.0f}",
                    f"{tally.percentile(95):.0f}",
                    f"{tally.percentile(99):.0f}",
                    f"{len(tally.times) / seconds:.1f}",
                    f"{tally.notes['page cache hit']:,}",
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print()
    for database, mix, tallies, notes, errors in report:
        found = Counter(errors)
        for tally in tallies.values():
            found.update(tally.errors)
        details = ", ".join(f"{count} {kind}" for kind, count in found.items() if count)
        kinds = tallies["visitors"].times_by_kind
        by_kind = "visitors' p95 by request: " + ", ".join(
            f"{kind} {tallies['visitors'].percentile(95, kind):.0f} ms ({len(times):,})"
            for kind, times in sorted(kinds.items())
        )
        parts = (by_kind, notes, details and f"errors: {details}")
        line = "; ".join(part for part in parts if part)
        if line:
            print(f"{database} {mix}: {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60, help="per mix")
    parser.add_argument("--clients", type=int, default=50, help="concurrent visitors")
    parser.add_argument(
        "--think", type=float, default=1.0, help="a visitor's longest pause between pages, s"
    )
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    arguments = parser.parse_args()
    full = arguments.seconds >= FULL_RUN_SECONDS
    print(
        f"load: gunicorn ({GUNICORN_WORKERS} workers) with production settings on 127.0.0.1, "
        f"{arguments.seconds} s per mix, {arguments.clients} visitors pausing 0–"
        f"{arguments.think:g} s, 5 editors saving every {EDITOR_PAUSE[0]}–{EDITOR_PAUSE[1]} s, "
        f"{BURST_VISITORS} visitors for {BURST_SECONDS} s on a just-published gallery",
        flush=True,
    )
    report, states = [], []
    for database in arguments.databases:
        states.append(run_database(database, arguments, report))
    print_table(report)

    errors = sum(
        tally.error_count + sum(found.values())
        for _database, _mix, tallies, _notes, found in report
        for tally in tallies.values()
    )
    # The p95 goal is for visitors on a warm site (the visitors mix); the others have none.
    worst = max(
        tallies["visitors"].percentile(95)
        for _database, mix, tallies, _notes, _errors in report
        if mix == "visitors"
    )
    missed = [f"{errors} errors"] if errors else []
    if any(state["twice"] for state in states):
        missed.append("renditions made twice")
    if full and worst >= GOAL_P95_MS:
        missed.append(f"visitor p95 ≥ {GOAL_P95_MS} ms")
    if full and not all(state["ready"] for state in states):
        missed.append("renditions not all made")
    if full and any(state["web_rss"] > GOAL_WEB_RSS_MIB for state in states):
        missed.append(f"web worker peak RSS > {GOAL_WEB_RSS_MIB} MiB")
    goal = (
        f"goal < {GOAL_P95_MS} ms"
        if full
        else f"goal < {GOAL_P95_MS} ms in runs ≥ {FULL_RUN_SECONDS} s"
    )
    print(
        f"\nload: {len(report)} runs, {errors} errors, worst visitors-mix p95 {worst:.0f} ms "
        f"({goal})" + (f"; MISSED: {', '.join(missed)}" if missed else "")
    )
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
