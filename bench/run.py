"""`make bench`: stock Wagtail beside ours on the same generated photos, in one run.

Each scenario runs once per variant in a process of its own (so memory figures are its own),
on a copy of the same prepared database and files. Prints one table and a closing line.
"""

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from photos import camera_photo

CHECKOUT = Path(__file__).resolve().parents[1]
SIZES = {
    # photo size, photos on the published page (S3), photos uploaded (S6)
    "full": {"photo": (6000, 4000), "gallery": 60, "uploads": 20, "s2_seconds": 10},
    "small": {"photo": (1600, 1200), "gallery": 4, "uploads": 3, "s2_seconds": 3},
}
# S7 publishes this many photos, each its own, at every size: the small run makes them small.
EDITOR_PHOTOS = 60
# S2's page cache lives in Redis, shared by the workers; the run empties this database.
S2_REDIS_URL = "redis://127.0.0.1:6379/9"


def lower(stock, ours):
    return stock / ours if ours else math.inf


def higher(stock, ours):
    return ours / stock if stock else math.inf


# (scenario, label, figure, which way is better, goal for ours, its test on stock, ours, run)
ROWS = [
    ("S1", "SQL queries, 60 photos (warm)", "queries", lower, "≤ 10", lambda s, o, r: o <= 10),
    (
        "S1",
        "same queries for 12, 60 and 120 photos",
        "same_queries",
        None,
        "yes",
        lambda s, o, r: o,
    ),
    ("S1", "rendition cache writes per view", "cache_writes", lower, "0", lambda s, o, r: o == 0),
    ("S1", "rendition cache reads per view", "cache_reads", lower, "", None),
    ("S1", "server time, ms (median of 30)", "server_ms", lower, "", None),
    (
        "S1",
        "requests per second, one process",
        "requests_per_second",
        higher,
        "≥ 2.5× stock",
        lambda s, o, r: o >= 2.5 * s,
    ),
    (
        "S2",
        "requests per second, 2 workers",
        "requests_per_second",
        higher,
        "≥ 100× stock",
        lambda s, o, r: o >= 100 * s,
    ),
    ("S2", "bare WSGI app, same bytes, req/s", "bare_requests_per_second", None, "", None),
    ("S2", "share of the bare app", "of_bare", None, "≥ 0.40", lambda s, o, r: o >= 0.4),
    ("S2", "p99 latency, ms", "p99_ms", lower, "≤ 10", lambda s, o, r: o <= 10),
    ("S2", "errors under load", "errors", None, "0", lambda s, o, r: o == 0),
    (
        "S2",
        "publishing shows on the next request",
        "fresh_after_publish",
        None,
        "yes",
        lambda s, o, r: o,
    ),
    (
        "S2",
        "editors and previews never cached",
        "editors_uncached",
        None,
        "yes",
        lambda s, o, r: o,
    ),
    ("S3", "first view TTFB, ms", "ttfb_ms", lower, "≤ 200", lambda s, o, r: o <= 200),
    ("S3", "web process peak RSS, MiB", "web_rss", lower, "≤ 300", lambda s, o, r: o <= 300),
    (
        "S3",
        "gallery sets ready after publish, s",
        "ready_s",
        lower,
        "≤ 60",
        lambda s, o, r: o <= 60,
    ),
    ("S3", "task worker peak RSS, MiB", "worker_rss", None, "", None),
    (
        "S4",
        "renditions per CPU-second",
        "per_cpu_second",
        higher,
        "≥ 3× stock",
        lambda s, o, r: o >= 3 * s,
    ),
    ("S4", "CPU seconds for 6 renditions", "cpu", lower, "", None),
    (
        "S4",
        "RSS growth while rendering, MiB",
        "rss_growth",
        lower,
        "≤ 100",
        lambda s, o, r: o <= 100,
    ),
    ("S4", "bytes of the 6 renditions", "bytes", lower, "", None),
    (
        "S5",
        "image bytes, first screen at 1440 px",
        "first_screen_bytes",
        lower,
        "≤ 250 KB",
        lambda s, o, r: o <= 250_000,
    ),
    (
        "S5",
        "image bytes, whole scroll",
        "scroll_bytes",
        lower,
        "≥ 30 % fewer",
        lambda s, o, r: o <= 0.7 * s,
    ),
    ("S5", "every <img> has width and height", "all_sized", None, "yes", lambda s, o, r: o),
    ("S5", "first photo not lazy", "lcp_eager", None, "yes", lambda s, o, r: o),
    (
        "S5",
        "lazy photos of 60",
        "lazy",
        None,
        "all but the first screen's 4",
        lambda s, o, r: o == r["images"] - 4,
    ),
    ("S6", "uploads accepted", "accepted", higher, "all", lambda s, o, r: o == r["uploads"]),
    ("S6", "server errors", "server_errors", None, "0", lambda s, o, r: o == 0),
    (
        "S6",
        "slowest upload, s",
        "slowest_upload_s",
        lower,
        "< 30 (gunicorn timeout)",
        lambda s, o, r: o < 30,
    ),
    ("S6", "image listing TTFB, ms", "listing_ms", lower, "≤ 1000", lambda s, o, r: o <= 1000),
    ("S6", "web process peak RSS, MiB", "web_rss", lower, "≤ 300", lambda s, o, r: o <= 300),
    (
        "S7",
        "edit form, 135 photos: server time, ms",
        "edit_form_ms",
        lower,
        "≤ 1500",
        lambda s, o, r: o <= 1500,
    ),
    (
        "S7",
        "edit form, 135 photos: HTML bytes",
        "edit_form_bytes",
        lower,
        "≤ 1 MB",
        lambda s, o, r: o <= 1_000_000,
    ),
    (
        "S7",
        "image save: server time, ms",
        "image_save_ms",
        lower,
        "≤ 1000",
        lambda s, o, r: o <= 1000,
    ),
    (
        "S7",
        "publish, 60 photos: server time, ms",
        "publish_ms",
        lower,
        "≤ 1500",
        lambda s, o, r: o <= 1500,
    ),
    (
        "S7",
        "publish: gallery renditions made by its answer",
        "renditions_at_answer",
        None,
        "0",
        lambda s, o, r: o == 0,
    ),
    (
        "S7",
        "publish: the task worker makes them after",
        "worker_makes_renditions",
        None,
        "yes",
        lambda s, o, r: o,
    ),
]


def child(name, variant, workdir, template, photo_dir, **extra_environment):
    """Runs one scenario on its own copy of the template database and files."""
    database = workdir / f"{name}-{variant}.sqlite3"
    private = workdir / f"{name}-{variant}-private"
    if template:
        shutil.copy(workdir / f"{template}.sqlite3", database)
        shutil.copytree(workdir / f"{template}-private", private, copy_function=os.link)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings",
        "PYTHONPATH": os.pathsep.join(str(CHECKOUT / part) for part in ("", "site", "bench")),
        "DATABASE_URL": f"sqlite:///{database}",
        "PRIVATE_MEDIA_ROOT": str(private),
        "MEDIA_ROOT": str(workdir / f"{name}-{variant}-media"),
        **extra_environment,
    }
    print(f"  {name} {variant} …", file=sys.stderr, flush=True)
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(CHECKOUT / "bench" / "scenarios.py"), name, variant, str(photo_dir)],
        cwd=CHECKOUT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"{name} {variant} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def keep_as_template(workdir, name):
    (workdir / f"prepare-{name}.sqlite3").rename(workdir / f"{name}.sqlite3")
    private = workdir / f"prepare-{name}-private"
    private.mkdir(exist_ok=True)
    private.rename(workdir / f"{name}-private")


def make_photos(folder, size, count):
    folder.mkdir()
    for number in range(count):
        (folder / f"DSC_{number:04d}.jpg").write_bytes(camera_photo(number, size))
    return folder


def figure(value):
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "∞" if math.isinf(value) else f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}"


def table(results, size):
    header = ("scenario", "metric", "stock", "ours", "ratio", "goal (ours)", "")
    rows, met, goals = [header], 0, 0
    skipped = {}
    for scenario, label, key, better, goal, test in ROWS:
        if (scenario.lower(), "ours") not in results:
            continue
        if reason := results[scenario.lower(), "ours"].get("skipped"):
            skipped[scenario] = reason
            continue
        stock = results[scenario.lower(), "stock"].get(key)
        ours_run = results[scenario.lower(), "ours"]
        ours = ours_run.get(key)
        ratio = f"{better(stock, ours):.1f}×" if better and stock is not None and ours else ""
        verdict = ""
        if test:
            goals += 1
            passed = test(stock, ours, ours_run)
            met += passed
            verdict = "met" if passed else "MISSED"
        rows.append((scenario, label, figure(stock), figure(ours), ratio, goal, verdict))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    print()
    if ("s4", "ours") in results:
        goals += 1
        met += quality_guard(results["s4", "ours"])
    for variant in ("stock", "ours"):
        if results.get(("s6", variant), {}).get("messages"):
            print(f"S6 {variant} refusals: " + "; ".join(results["s6", variant]["messages"]))
    if ("s7", "ours") in results:
        ours = results["s7", "ours"]
        print(
            "S7: round trips on 127.0.0.1 (edit form and image save: median of 3); 135 and 60 "
            f"photos at every size, of {ours['photo_size']} px; "
            f"{ours['renditions_wanted']:,} gallery renditions to make"
        )
    for scenario, reason in skipped.items():
        print(f"{scenario} skipped: {reason}")
    note = "" if size == "full" else " (goals are set for the full size)"
    print(f"\nbench {size}: {met} of {goals} goals met{note}")


def quality_guard(guard):
    """Prints the S4 quality figures; returns whether the resize met its PSNR goal."""
    print(
        "S4 quality guard, PSNR of our resized pixels against a full decode (dB): "
        + ", ".join(f"{width} px {value}" for width, value in guard["psnr"].items())
        + " (goal ≥ 45)"
    )
    print(
        "AVIF encoder speed, 1600 px at the site's quality: "
        + "; ".join(
            f"speed {speed}: {v['ms']} ms, {v['bytes']:,} bytes, PSNR {v['psnr']} dB"
            for speed, v in guard["avif"].items()
        )
    )
    return min(guard["psnr"].values()) >= 45


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=SIZES, default="full")
    parser.add_argument(
        "--only",
        nargs="*",
        choices=["s1", "s2", "s3", "s4", "s5", "s6", "s7"],
        help="some scenarios",
    )
    arguments = parser.parse_args()
    size_name = arguments.size
    size = SIZES[size_name]
    workdir = Path(tempfile.mkdtemp(prefix="connecting-humans-bench-"))
    try:
        print("Making test photos …", file=sys.stderr, flush=True)
        gallery = make_photos(workdir / "gallery-photos", size["photo"], size["gallery"])
        uploads = workdir / "upload-photos"
        uploads.mkdir()
        for path in sorted(gallery.iterdir())[: size["uploads"]]:
            os.link(path, uploads / path.name)
        print("Preparing the database …", file=sys.stderr, flush=True)
        # Two templates: the demo site, and the demo site with the photos as images.
        child("prepare", "site", workdir, None, gallery)
        keep_as_template(workdir, "site")
        child("prepare", "gallery", workdir, "site", gallery)
        keep_as_template(workdir, "gallery")
        child("prepare", "warm", workdir, "gallery", gallery)
        keep_as_template(workdir, "warm")
        editor = ("gallery", gallery)
        if size["gallery"] < EDITOR_PHOTOS and (not arguments.only or "s7" in arguments.only):
            photos = make_photos(workdir / "editor-photos", size["photo"], EDITOR_PHOTOS)
            child("prepare", "editor", workdir, "site", photos)
            keep_as_template(workdir, "editor")
            editor = ("editor", photos)
        results = {}
        # scenario: (template database, photos)
        scenarios = {
            "s1": ("warm", gallery),
            "s2": ("warm", gallery),
            "s5": ("warm", gallery),
            "s4": ("gallery", gallery),
            "s3": ("gallery", gallery),
            "s6": ("site", uploads),
            "s7": editor,
        }
        for name, (template, photos) in scenarios.items():
            if arguments.only and name not in arguments.only:
                continue
            extra = {}
            if name == "s2":
                extra = {"REDIS_URL": S2_REDIS_URL, "BENCH_S2_SECONDS": str(size["s2_seconds"])}
            for variant in ("stock", "ours"):
                results[name, variant] = child(name, variant, workdir, template, photos, **extra)
        table(results, size_name)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
