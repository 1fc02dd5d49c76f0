"""One benchmark scenario in a process of its own: `scenarios.py NAME VARIANT PHOTO_DIR`.

Run by run.py with the settings and files of the run; prints its figures as one JSON line.
"""

import contextlib
import datetime
import io
import itertools
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.files import File  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from wagtail.fields import StreamField  # noqa: E402
from wagtail.images.models import AbstractImage, Filter  # noqa: E402
from wagtail.models import Collection  # noqa: E402

import requests  # noqa: E402
from PIL import Image, ImageChops, ImageStat  # noqa: E402

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage, GalleryPhoto  # noqa: E402
from tools.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.demo_server import answers, free_port  # noqa: E402
from tools.demo_server import gunicorn as gunicorn_command  # noqa: E402
from website.demo import home as demo  # noqa: E402
from website.images import renditions  # noqa: E402
from website.images.models import CustomImage  # noqa: E402
from website.users.models import User  # noqa: E402

from editor import form_data  # noqa: E402
from measure import status, stopwatch  # noqa: E402
from stock import become_stock  # noqa: E402

PHOTO_SET = renditions.SETS["photo"]
# What a published gallery shows: its grid's thumbnails and the photo pages' photos.
GALLERY_SPECS = sorted({*PHOTO_SET.specs, *renditions.SETS["thumb"].specs})
NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
GALLERY_SIZES = (12, 60, 120)
S2_CONNECTIONS = 8
# S7: the gallery whose edit form is opened, and the photos of the exhibition published.
EDIT_FORM_ROWS = 135
PUBLISHED_PHOTOS = 60
S7_REPEATS = 3


def exhibition(slug, images):
    """A draft exhibition in the index whose gallery shows the images."""
    page = ExhibitionPage(
        title="Beulwitz designt", slug=slug, start_date=datetime.date(2025, 5, 1), live=False
    )
    page.gallery_photos.set(
        [
            GalleryPhoto(image=image, caption=f"Modell {n}", alt_text=f"Kleid {n}")
            for n, image in enumerate(images, start=1)
        ]
    )
    ExhibitionIndexPage.objects.get().add_child(instance=page)
    return page


def prepare(photo_dir, variant):
    """The template databases.

    "site": the demo's pages; "gallery": and the photos as images, without renditions, and
    an exhibition index ("editor": the same with S7's own photos); "warm": and published
    galleries of 12, 60 and 120 photos whose renditions (ours, and stock's 800 pixel JPEG) are
    all made.
    """
    call_command("migrate", verbosity=0)
    home, _ = demo.build(lambda message: None)
    if variant in ("gallery", "editor"):
        with override_settings(TASKS=NO_TASKS):  # no renditions yet: the scenarios make them
            for number, path in enumerate(sorted(photo_dir.iterdir()), start=1):
                with open(path, "rb") as file:
                    CustomImage(title=f"Foto {number}", file=File(file, name=path.name)).save()
        home.add_child(instance=ExhibitionIndexPage(title="Ausstellungen", slug="ausstellungen"))
    if variant == "warm":
        images = list(CustomImage.objects.order_by("pk"))
        for image in images:
            renditions.generate(image, GALLERY_SPECS)
            AbstractImage.create_rendition(image, Filter("width-800"))
        with override_settings(TASKS=NO_TASKS):
            for count in GALLERY_SIZES:
                photos = list(itertools.islice(itertools.cycle(images), count))
                exhibition(f"galerie-{count}", photos).save_revision().publish()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {}


def psnr(first, second):
    rms = ImageStat.Stat(ImageChops.difference(first, second)).rms
    mse = sum(value * value for value in rms) / len(rms)
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)


def quality_guard(image):
    """Our resized pixels (draft-mode decode) against a full decode resized with LANCZOS."""
    plans = [renditions.plan(image, Filter(PHOTO_SET.spec(w, "jpeg"))) for w in PHOTO_SET.widths]
    source, factor, _ = renditions.decode(image, plans)
    with image.open_file() as file, Image.open(file) as full:
        full = full.convert("RGB")
    figures, pixels_1600 = {}, None
    for item in plans:
        box = tuple(coordinate / factor for coordinate in item.box)
        ours = source.resize(item.size, Image.Resampling.LANCZOS, box=box)
        reference = full.resize(item.size, Image.Resampling.LANCZOS, box=item.box)
        figures[item.size[0]] = round(psnr(ours, reference), 2)
        pixels_1600 = ours
    return {"psnr": figures, "avif": avif_speeds(pixels_1600)}


def avif_speeds(pixels):
    """What the AVIF encoder's speed costs: time, bytes and fidelity at the site's quality."""
    figures = {}
    for speed in sorted({6, renditions.AVIF_SPEED}):
        output = io.BytesIO()
        started = time.perf_counter()
        pixels.save(output, "AVIF", quality=settings.WAGTAILIMAGES_AVIF_QUALITY, speed=speed)
        encode_ms = (time.perf_counter() - started) * 1000
        with Image.open(output) as decoded:
            fidelity = psnr(decoded.convert("RGB"), pixels.convert("RGB"))
        figures[speed] = {
            "ms": round(encode_ms),
            "bytes": output.tell(),
            "psnr": round(fidelity, 2),
        }
    return figures


def s4(photo_dir, variant):
    """Renditions of one 24 MP photo into the photo set (3 formats × 2 widths)."""
    image = CustomImage.objects.order_by("pk").first()
    filters = [Filter(spec) for spec in PHOTO_SET.specs]
    rss_before = status("VmRSS")
    with stopwatch() as used:
        if variant == "stock":
            AbstractImage.create_renditions(image, *filters)
        else:
            renditions.generate(image, PHOTO_SET.specs)
    result = {
        "cpu": used["cpu"],
        "per_cpu_second": len(filters) / used["cpu"],
        "rss_growth": status("VmHWM") - rss_before,
        "bytes": sum(r.file.size for r in image.renditions.all()),
    }
    if variant == "ours":
        result.update(quality_guard(image))
    return result


def start_worker(log):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
        cwd=Path(__file__).resolve().parents[1],
        env=os.environ,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


def s3(photo_dir, variant):
    """A visitor opens a 60-photo exhibition the moment it is published."""
    images = list(CustomImage.objects.order_by("pk"))
    page = exhibition("beulwitz-designt", images)
    revision = page.save_revision()
    worker = None
    try:
        if variant == "stock":
            become_stock()
        else:
            worker = start_worker(sys.stderr)
            time.sleep(5)  # a running worker, as in production, not one starting up
        client = Client()
        client.get("/")  # a warm web process, as in production: templates loaded
        published = time.perf_counter()
        revision.publish()
        started = time.perf_counter()
        response = client.get(page.url)
        ttfb = time.perf_counter() - started
        result = {"status": response.status_code, "ttfb_ms": ttfb * 1000}
        result["web_rss"] = status("VmHWM")
        if variant == "stock":
            result["ready_s"] = time.perf_counter() - published
        else:
            result["ready_s"] = wait_for_renditions(images, published)
            result["worker_rss"] = status("VmHWM", worker.pid)
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=30)
    return result


def wait_for_renditions(images, since, limit=900):
    wanted = len(images) * len(GALLERY_SPECS)
    rendition_model = CustomImage.get_rendition_model()
    while time.perf_counter() - since < limit:
        made = rendition_model.objects.filter(
            image__in=images, filter_spec__in=GALLERY_SPECS
        ).count()
        if made >= wanted:
            return time.perf_counter() - since
        time.sleep(0.25)
    return math.inf


@contextlib.contextmanager
def gunicorn(variant, workers=1, application=None):
    """The site served by gunicorn workers on a free port of 127.0.0.1."""
    port = free_port()
    if application is None:
        application = "stock_wsgi" if variant == "stock" else "website.wsgi"
    server = subprocess.Popen(  # noqa: S603
        gunicorn_command(port, workers, application=application),
        env=os.environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # not listening yet, or still starting
            if answers(port):
                break
            time.sleep(0.2)
        with open(f"/proc/{server.pid}/task/{server.pid}/children") as children:
            worker = int(children.read().split()[0])
        yield base, worker
    finally:
        server.terminate()
        server.wait(timeout=30)


def log_in(browser, base):
    """Logs the requests session in as a new editor; returns its CSRF token."""
    User.objects.create_superuser("bench", "bench@example.org", "bench")
    browser.get(base + "/admin/login/")
    browser.post(
        base + "/admin/login/",
        {
            "username": "bench",
            "password": "bench",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        headers={"Referer": base + "/admin/login/"},
    )
    return browser.cookies["csrftoken"]


def s6(photo_dir, variant):
    """An editor uploads camera photos through the admin, then opens the image listing."""
    collection = Collection.get_first_root_node().pk
    photos = sorted(photo_dir.iterdir())
    accepted, server_errors, slowest, messages = 0, 0, 0.0, set()
    with gunicorn(variant) as (base, worker), requests.Session() as browser:
        token = log_in(browser, base)
        for path in photos:
            with open(path, "rb") as file:
                started = time.perf_counter()
                try:
                    response = browser.post(
                        base + reverse("wagtailimages:add_multiple"),
                        data={"collection": collection, "csrfmiddlewaretoken": token},
                        files={"files[]": (path.name, file, "image/jpeg")},
                        headers={"Referer": base + "/admin/", "X-Requested-With": "XMLHttpRequest"},
                        timeout=60,
                    )
                except requests.RequestException as error:
                    server_errors += 1
                    messages.add(str(error))
                    continue
                finally:
                    slowest = max(slowest, time.perf_counter() - started)
            if response.status_code >= 500:
                server_errors += 1
            elif response.json().get("success"):
                accepted += 1
            else:
                messages.add(response.json().get("error_message", ""))
        started = time.perf_counter()
        listing = browser.get(base + reverse("wagtailimages:index"), timeout=60)
        listing_ms = (time.perf_counter() - started) * 1000
        web_rss = status("VmHWM", worker)
    return {
        "uploads": len(photos),
        "accepted": accepted,
        "server_errors": server_errors + (listing.status_code >= 500),
        "slowest_upload_s": slowest,
        "listing_ms": listing_ms,
        "web_rss": web_rss,
        "messages": sorted(messages),
    }


def wrk(url, seconds):
    """Requests per second and the 99th percentile latency (ms) of a load from wrk."""
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            "--threads",
            "2",
            "--connections",
            str(S2_CONNECTIONS),
            "--duration",
            f"{seconds}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    ).stdout
    figures = {"errors": 0}
    for line in output.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            figures["requests_per_second"] = float(words[1])
        elif words[:1] == ["99%"]:
            figures["p99_ms"] = duration_ms(words[1])
        elif line.strip().startswith(("Non-2xx", "Socket errors")):
            figures["errors"] += sum(int(n) for n in re.findall(r"\d+", line))
    return figures


def duration_ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


def s2(photo_dir, variant):
    """Anonymous visitors load a 60-photo gallery from two gunicorn workers under wrk.

    Stock Wagtail makes the page every time; ours serves it from the page cache in Redis, and a
    bare WSGI app serving the same bytes shows the ceiling. Ours also shows that publishing is
    visible on the very next request and that editors and previews never get cached HTML.
    """
    if not shutil.which("wrk"):
        return {"skipped": "wrk is not installed (Debian package wrk; .ci/run installs it)"}
    seconds = int(os.environ["BENCH_S2_SECONDS"])
    caches["default"].clear()  # the run's own Redis database: nothing of an earlier run
    page = ExhibitionPage.objects.get(slug="galerie-60")
    with gunicorn(variant, workers=2) as (base, worker):
        requests.get(base + page.url, timeout=30)  # warm: templates, and the cache for ours
        result = wrk(base + page.url, seconds)
        if variant == "stock":
            return result
        result.update(freshness(base, page))
        response = requests.get(base + page.url, timeout=30)
    with tempfile.NamedTemporaryFile("w", suffix=".json") as stored:
        json.dump(
            {
                "status": f"{response.status_code} {response.reason}",
                "headers": [
                    (name, value)
                    for name, value in response.headers.items()
                    if name.lower() not in ("content-length", "date", "server", "connection")
                ]
                + [("Content-Length", str(len(response.content)))],
                "body": response.text,
            },
            stored,
        )
        stored.flush()
        os.environ["BENCH_BARE_RESPONSE"] = stored.name
        with gunicorn(variant, workers=2, application="bare_wsgi") as (base, worker):
            bare = wrk(base + page.url, seconds)
    result["bare_requests_per_second"] = bare["requests_per_second"]
    result["of_bare"] = result["requests_per_second"] / bare["requests_per_second"]
    return result


def freshness(base, page):
    """What visitors, editors and previews see just after publishing."""
    page.title = "Beulwitz designt, neu gehängt"
    page.save_revision().publish()
    fresh = page.title in requests.get(base + page.url, timeout=30).text
    with requests.Session() as browser:
        log_in(browser, base)
        editor_view = browser.get(base + page.url, timeout=30)
        page.title = "Entwurf"
        page.save_revision()
        preview = browser.get(
            base + reverse("wagtailadmin_pages:view_draft", args=[page.pk]), timeout=30
        )
    return {
        "fresh_after_publish": fresh,
        "editors_uncached": (
            "X-Page-Cache" not in editor_view.headers
            and "X-Page-Cache" not in preview.headers
            and "Entwurf" in preview.text
        ),
    }


def s1(photo_dir, variant):
    """A warm gallery (all renditions made), viewed again and again without a page cache."""
    if variant == "stock":
        become_stock("stock/gallery_picture.html")
    client = Client()
    queries = {}
    for count in GALLERY_SIZES:
        url = ExhibitionPage.objects.get(slug=f"galerie-{count}").url
        for _ in range(2):  # warm: templates, site root paths, rendition cache
            if client.get(url).status_code != 200:
                raise RuntimeError(f"{url} does not answer")
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        queries[count] = len(context.captured_queries)
    url = ExhibitionPage.objects.get(slug="galerie-60").url
    with counting_rendition_cache() as cache_calls:
        client.get(url)
    times = []
    for _ in range(30):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {
        "queries": queries[60],
        "queries_by_size": queries,
        "same_queries": len(set(queries.values())) == 1,
        "server_ms": median * 1000,
        "requests_per_second": 1 / median,
        **cache_calls,
    }


@contextlib.contextmanager
def counting_rendition_cache():
    """Counts what a view asks of the rendition cache."""
    backend = CustomImage.get_rendition_model().cache_backend
    calls = {"cache_reads": 0, "cache_writes": 0}
    originals = {name: getattr(backend, name) for name in ("get", "get_many", "set", "set_many")}

    def counted(name, kind):
        def call(*args, **kwargs):
            calls[kind] += 1
            return originals[name](*args, **kwargs)

        return call

    for name in originals:
        setattr(backend, name, counted(name, "cache_reads" if "get" in name else "cache_writes"))
    try:
        yield calls
    finally:
        for name, method in originals.items():
            setattr(backend, name, method)


def s5(photo_dir, variant):
    """Image bytes of a gallery's first screen and of the whole scroll, and its layout."""
    if not os.path.exists("/usr/bin/chromium"):
        return {"skipped": "Chromium is not installed"}
    from playwright.sync_api import sync_playwright

    os.environ["BENCH_STOCK_GALLERY"] = "stock/gallery_image.html"
    url = ExhibitionPage.objects.get(slug="galerie-60").url
    with gunicorn(variant) as (base, worker), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        received = []
        page.on(
            "response",
            lambda response: (
                received.append(len(response.body()))
                if response.request.resource_type == "image"
                else None
            ),
        )
        page.goto(base + url, wait_until="networkidle")
        first_screen = sum(received)
        height = page.evaluate("document.body.scrollHeight")
        for y in range(0, height + 900, 600):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        layout = page.evaluate("""() => {
            const images = [...document.querySelectorAll('.gallery-grid img')];
            return {
                count: images.length,
                sized: images.filter(i => i.hasAttribute('width') && i.hasAttribute('height'))
                    .length,
                firstLazy: images[0].loading === 'lazy',
                lazy: images.filter(i => i.loading === 'lazy').length,
            };
        }""")
        browser.close()
    return {
        "first_screen_bytes": first_screen,
        "scroll_bytes": sum(received),
        "all_sized": layout["sized"] == layout["count"],
        "lcp_eager": not layout["firstLazy"],
        "lazy": layout["lazy"],
        "images": layout["count"],
    }


def s7(photo_dir, variant):
    """An editor at gunicorn, with the task worker running: opens the edit form of a
    135-photo exhibition, saves an image, publishes a 60-photo exhibition.

    Server times are round trips on 127.0.0.1, the edit form's after one warming open. The
    images have their admin thumbnails, as an upload through the admin leaves them. Publishing
    comes last: the renditions it asks for keep the worker busy.
    """
    images = list(CustomImage.objects.order_by("pk"))
    published = images[:PUBLISHED_PHOTOS]
    with override_settings(TASKS=NO_TASKS):  # the worker starts with an empty queue
        for image in images:
            renditions.generate(image, [renditions.ADMIN_THUMBNAIL])
        large = exhibition(
            f"galerie-{EDIT_FORM_ROWS}",
            list(itertools.islice(itertools.cycle(images), EDIT_FORM_ROWS)),
        )
        large.save_revision().publish()
        draft = exhibition("beulwitz-designt", published)
        draft.save_revision()
    if variant == "stock":
        os.environ["BENCH_STOCK_ADMIN"] = "1"
    worker = start_worker(sys.stderr)
    try:
        with gunicorn(variant) as (base, _), requests.Session() as browser:
            log_in(browser, base)
            browser.get(base + reverse("wagtailadmin_home"), timeout=60)
            result = open_edit_form(browser, base, large)
            result["image_save_ms"] = save_image(browser, base, images[0])
            result.update(publish(browser, base, draft, published, variant))
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    image = images[0]
    result["photo_size"] = f"{image.width}×{image.height}"
    return result


def timed_get(browser, url):
    """The answer and its round trip in ms."""
    started = time.perf_counter()
    response = browser.get(url, timeout=60)
    elapsed_ms = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return response, elapsed_ms


def page_form_data(response, page):
    """The fields the page's edit form posts back as it is."""
    data = form_data(response.text, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            data.setdefault(f"{field.name}-count", "0")  # added by the admin's script
    return data


def open_edit_form(browser, base, page):
    url = base + reverse("wagtailadmin_pages:edit", args=[page.pk])
    response, _ = timed_get(browser, url)  # warm: the admin's templates and panels loaded
    rows = int(page_form_data(response, page)["gallery_photos-TOTAL_FORMS"])
    if rows != EDIT_FORM_ROWS:
        raise RuntimeError(f"the edit form has {rows} gallery rows")
    times = [timed_get(browser, url)[1] for _ in range(S7_REPEATS)]
    return {"edit_form_ms": statistics.median(times), "edit_form_bytes": len(response.content)}


def save_image(browser, base, image):
    """Median time of saving the image's edit form with a new title."""
    path = reverse("wagtailimages:edit", args=[image.pk])
    times = []
    for number in range(S7_REPEATS):
        data = form_data(browser.get(base + path, timeout=60).text, path)
        data["title"] = f"Modell {number}"
        started = time.perf_counter()
        response = browser.post(base + path, data, allow_redirects=False, timeout=60)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            raise RuntimeError(f"saving the image answered {response.status_code}")
    return statistics.median(times)


def publish(browser, base, page, images, variant):
    """Publishes from the edit form; counts the gallery's renditions when the answer comes,
    then (ours) waits for the task worker to make them."""
    response, _ = timed_get(browser, base + reverse("wagtailadmin_pages:edit", args=[page.pk]))
    data = page_form_data(response, page)
    data["action-publish"] = "action-publish"
    started = time.perf_counter()
    response = browser.post(response.url, data, allow_redirects=False, timeout=60)
    publish_ms = (time.perf_counter() - started) * 1000
    at_answer = gallery_renditions(images)
    page.refresh_from_db()
    if response.status_code != 302 or not page.live:
        raise RuntimeError(f"publishing answered {response.status_code}")
    result = {
        "publish_ms": publish_ms,
        "renditions_at_answer": at_answer,
        "renditions_wanted": len(images) * len(GALLERY_SPECS),
    }
    if variant == "ours":
        result["worker_makes_renditions"] = wait_for_more_renditions(images, at_answer)
    return result


def gallery_renditions(images):
    rendition_model = CustomImage.get_rendition_model()
    return rendition_model.objects.filter(image__in=images, filter_spec__in=GALLERY_SPECS).count()


def wait_for_more_renditions(images, count, limit=120):
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if gallery_renditions(images) > count:
            return True
        time.sleep(0.25)
    return False


if __name__ == "__main__":
    name, variant, photo_dir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    scenarios = {
        "prepare": prepare,
        **{"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5, "s6": s6, "s7": s7},
    }
    scenario = scenarios[name]
    print(json.dumps(scenario(photo_dir, variant)))
