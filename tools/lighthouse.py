"""`make lighthouse`: Lighthouse on the demo as production serves it, against the site's goals.

    python -m tools.lighthouse

A fresh demo (every rendition made) is served by gunicorn with production settings beside a task
worker on a free port of 127.0.0.1. Lighthouse (the npm package, in Debian's Chromium) runs on the
home page, the Beulwitz exhibition, its first photo's page and a story, with its mobile and its
desktop settings. Prints a table, writes each report as JSON and HTML into ./lighthouse-reports/
(not in git) and exits non-zero when a goal is missed: Performance at least 95, Accessibility,
Best Practices and SEO 100, Cumulative Layout Shift at most 0.02.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.demo_server import (
    CHECKOUT,
    MANAGE,
    first,
    free_port,
    gunicorn,
    manage,
    production_environment,
    serving,
    sitemap_paths,
)

LIGHTHOUSE = CHECKOUT / "node_modules" / ".bin" / "lighthouse"
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_CLS = 0.02
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}  # mobile is Lighthouse's default


@contextlib.contextmanager
def production_site(log_path):
    """A fresh demo under gunicorn with production settings, over plain HTTP on 127.0.0.1; what
    the server and the worker say goes to log_path."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="connecting-humans-lighthouse-") as workdir:
        environment = production_environment(Path(workdir)) | {
            "WAGTAILADMIN_BASE_URL": base,  # load_demo points the site record at it
            "SECURE_SSL_REDIRECT": "false",  # no TLS on 127.0.0.1
        }
        for command in ("migrate", "--noinput"), ("load_demo",), ("repair_renditions",):
            manage(environment, *command)
        manage(environment, "collectstatic", "--noinput", "--verbosity=0")
        commands = [gunicorn(port), [*MANAGE, "db_worker"]]
        with serving(commands, environment, log_path, port):
            yield base


def pages(base):
    paths = sitemap_paths(base)
    exhibition = first(paths, r"/ausstellungen/beulwitz-designt/")
    return {
        "home": "/",
        "exhibition": exhibition,
        "photo": exhibition + "foto/1/",
        "story": first(paths, r"/geschichten/[^/]+/"),
    }


def run_lighthouse(url, form_factor, out):
    """Lighthouse's report on url (its JSON as a dict); the JSON and HTML files go to out.*"""
    command = [
        str(LIGHTHOUSE),
        url,
        *FORM_FACTORS[form_factor],
        f"--only-categories={','.join(GOALS)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        *("--output=json", "--output=html", f"--output-path={out}", "--quiet"),
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, env=environment, check=True)  # noqa: S603
    return json.loads(Path(f"{out}.report.json").read_text())


def score(report, category):
    """A category's score out of 100; a category Lighthouse could not score counts as 0."""
    return round((report["categories"][category]["score"] or 0) * 100)


def cls(report):
    return report["audits"]["cumulative-layout-shift"]["numericValue"]


def lcp_seconds(report):
    return report["audits"]["largest-contentful-paint"]["numericValue"] / 1000


def failed_audits(report, category):
    """The audits that cost the category points."""
    audits = report["audits"]
    return [
        ref["id"]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"]
        and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1
    ]


def misses(report):
    """The goals the report misses, each as a line naming the audits that cost points."""
    found = []
    for category, goal in GOALS.items():
        if score(report, category) < goal:
            lost = ", ".join(failed_audits(report, category))
            found.append(f"{category} {score(report, category)} < {goal}: {lost or 'not scored'}")
    if cls(report) > MAX_CLS:
        found.append(f"cumulative layout shift {cls(report):.3f} > {MAX_CLS}")
    return found


def row(cells):
    return "  ".join(f"{cell:<14}" for cell in cells).rstrip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=CHECKOUT / "lighthouse-reports", type=Path)
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: `npm ci` installs it (package.json)")
    arguments.out.mkdir(parents=True, exist_ok=True)
    results = []
    with production_site(arguments.out / "server.log") as base:
        for name, path in pages(base).items():
            # Its first visitor puts the page into the page cache; Lighthouse is the second.
            urllib.request.urlopen(base + path, timeout=60).close()  # noqa: S310
            for form_factor in FORM_FACTORS:
                out = arguments.out / f"{name}-{form_factor}"
                results.append((name, form_factor, run_lighthouse(base + path, form_factor, out)))
    print(row(["page", "form factor", *GOALS, "CLS", "LCP (s)"]))
    for name, form_factor, report in results:
        scores = [score(report, category) for category in GOALS]
        print(row([name, form_factor, *scores, f"{cls(report):.3f}", f"{lcp_seconds(report):.1f}"]))
    missed = [
        f"{name} ({form_factor}): {miss}"
        for name, form_factor, report in results
        for miss in misses(report)
    ]
    print("\n".join(missed) or "Every goal met.", f"Reports: {arguments.out}", sep="\n")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
