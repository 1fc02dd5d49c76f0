"""`make load`: the site under production settings, loaded on 127.0.0.1 for a bounded time.

For each database (SQLite; PostgreSQL with Redis) a fresh demo site with warm renditions is
served by gunicorn beside a task worker (servers.py), then loaded by Locust's users (users.py)
with three mixes (ROBUSTNESS.md, "Load"): visitors browsing; the same visitors while editors save
and publish pages; visitors opening a just-published gallery of new photos all at once. Prints a
table (report.py) and a closing line; exits non-zero when a goal is missed.
"""

import argparse
import sys
import time

# Importing Locust patches the standard library for gevent. It comes first, so that psycopg,
# redis and http.client, imported by servers, are patched too and wait beside the users' greenlets.
import gevent
from locust.env import Environment

# isort: split
import report
import servers
from users import EDITOR_PAUSE, Editor, GalleryVisitor, Visitor

GOAL_P95_MS = 500
GOAL_WEB_RSS_MIB = 300
FULL_RUN_SECONDS = 30  # shorter runs check errors only: their percentiles are too noisy
BURST_VISITORS = 20
BURST_SECONDS = 20
RENDITIONS_WAIT_SECONDS = 300


def swarm(database, name, site, users, seconds, **options):
    """Locust's users, all started at once, on the site for a number of seconds: a `Mix`.

    `options` reach the users as `environment.parsed_options`, beside the site's addresses.
    """
    environment = Environment(
        user_classes=list(users),
        host=site.base,
        parsed_options=argparse.Namespace(site=site.start, **options),
    )
    mix = report.Mix(database, name, environment)
    runner = environment.create_local_runner()
    started = time.perf_counter()
    try:
        runner.spawn_users({user.__name__: count for user, count in users.items()})
        gevent.sleep(seconds)
    finally:  # interrupted too: no user may go on against stopped servers
        runner.quit()
    mix.seconds = time.perf_counter() - started
    mix.errors.update(site.log_errors())
    mix.errors["load client exception"] = sum(
        found["count"] for found in runner.exceptions.values()
    )
    if runner.cpu_warning_emitted:
        mix.notes.append("the load client used over 90 % of a core: its timings may be too slow")
    return mix


def burst(database, site):
    """Visitors open a gallery of new photos together, the moment an editor publishes it."""
    gallery = site.start["burst"]
    publisher = Editor(Environment(host=site.base))
    publisher.log_in(site.start["editors"][0])
    if not publisher.save_page(gallery["page"], 1, publish=True):
        raise RuntimeError("the burst gallery could not be published")
    published = time.perf_counter()
    mix = swarm(database, "gallery burst", site, {GalleryVisitor: BURST_VISITORS}, BURST_SECONDS)
    while True:
        state = site.renditions()
        ready = state["made"] >= state["expected"]
        if ready or time.perf_counter() - published > RENDITIONS_WAIT_SECONDS:
            break
        time.sleep(2)
    mix.errors.update(site.log_errors())  # while the task worker finished the renditions
    state |= {"seconds": time.perf_counter() - published, "ready": ready}
    state["web_rss"], state["worker_rss"] = site.peak_rss()
    mix.notes.append(
        f"{gallery['photos']} new photos: renditions {state['made']} of {state['expected']} "
        f"after {state['seconds']:.0f} s, made twice {state['twice']}; peak RSS web "
        f"{state['web_rss']:.0f} MiB, task worker {state['worker_rss']:.0f} MiB"
    )
    return mix, state


def run_database(database, arguments):
    """The three mixes on one database: their `Mix`es and the burst's renditions state."""
    print(f"{database}: preparing the demo site and its renditions …", file=sys.stderr)
    with servers.demo_site(database) as site:
        mixes = []
        for name, editors in (("visitors", []), ("editors+visitors", site.start["editors"])):
            print(f"{database}: {name} for {arguments.seconds} s …", file=sys.stderr)
            users = {Visitor: arguments.clients, Editor: len(editors)}
            options = {"think": arguments.think, "editors": iter(editors)}
            mixes.append(swarm(database, name, site, users, arguments.seconds, **options))
        print(f"{database}: gallery burst …", file=sys.stderr)
        mix, state = burst(database, site)
        return [*mixes, mix], state


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
        f"load: gunicorn ({servers.GUNICORN_WORKERS} workers) with production settings on "
        f"127.0.0.1, Locust's users for {arguments.seconds} s per mix: {arguments.clients} "
        f"visitors pausing 0–{arguments.think:g} s, 5 editors saving every "
        f"{EDITOR_PAUSE[0]}–{EDITOR_PAUSE[1]} s, {BURST_VISITORS} visitors for {BURST_SECONDS} s "
        "on a just-published gallery",
        flush=True,
    )
    mixes, states = [], []
    for database in arguments.databases:
        found, state = run_database(database, arguments)
        mixes += found
        states.append(state)
    report.print_table(mixes)

    errors = sum(mix.error_count() for mix in mixes)
    # The p95 goal is for visitors on a warm site (the visitors mix); the others have none.
    worst = max(mix.p95() for mix in mixes if mix.name == "visitors")
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
        f"\nload: {len(mixes)} runs, {errors} errors, worst visitors-mix p95 {worst:.0f} ms "
        f"({goal})" + (f"; MISSED: {', '.join(missed)}" if missed else "")
    )
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
