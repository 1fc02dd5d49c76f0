"""Full-page screenshots of the site's main pages at 1440 and 390 px, for anyone to look at.

    python -m tools.screenshots                       # the demo, started on a free port
    python -m tools.screenshots --url http://127.0.0.1:8000   # a site already running
    python -m tools.screenshots --scheme dark         # as with prefers-color-scheme: dark

Pages: home, exhibition index, an exhibition, its first photo's page, a story and the Arabic
exhibition, found through the sitemap and the exhibition's hreflang links. Prints each path.
"""

import argparse
import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from tools.chromium import CHROMIUM, CHROMIUM_ARGS
from tools.demo_server import (
    CHECKOUT,
    MANAGE,
    first,
    free_port,
    manage,
    serving,
    sitemap_paths,
)

WIDTHS = {1440: 900, 390: 844}  # width: window height
# A full-page picture shows the photos below the fold too (no eval: the site's CSP forbids it).
LOAD_EVERY_PHOTO = """document.querySelectorAll("img").forEach(image => image.loading = "eager");
    Promise.all([...document.images].map(image => image.decode().catch(() => null)))"""


@contextlib.contextmanager
def demo_site(log_path):
    """The demo as `make demo` serves it (demo settings and a task worker), on a free port; what
    the server and the worker say goes to log_path."""
    port = free_port()
    environment = {
        **os.environ,
        "PORT": str(port),
        "DJANGO_SETTINGS_MODULE": "website.settings.demo",
    }
    # Every rendition made before the first picture, not by the task worker meanwhile.
    for command in (["migrate", "--noinput"], ["load_demo"], ["repair_renditions"]):
        manage(environment, *command)
    commands = [[*MANAGE, "runserver", "--noreload", f"127.0.0.1:{port}"], [*MANAGE, "db_worker"]]
    with serving(commands, environment, log_path, port):
        yield f"http://127.0.0.1:{port}"


def pages_to_shoot(base, page):
    """Name and path of each page, German first (unprefixed), then the Arabic exhibition."""
    paths = sitemap_paths(base)
    exhibition = first(paths, r"/ausstellungen/[^/]+/")
    exhibition_index = exhibition.rsplit("/", 2)[0] + "/"
    page.goto(base + exhibition)
    arabic = page.locator('head link[rel="alternate"][hreflang="ar"]').get_attribute("href")
    return [
        ("home", "/"),
        ("exhibition-index", exhibition_index),
        ("exhibition", exhibition),
        ("photo", exhibition + "foto/1/"),
        ("story", first(paths, r"/geschichten/[^/]+/")),
        ("exhibition-ar", urlsplit(arabic).path),
    ]


def shoot(base, folder, scheme):
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="de-DE", color_scheme=scheme)
        page = context.new_page()
        for name, path in pages_to_shoot(base, page):
            for width, height in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                page.goto(base + path, wait_until="networkidle")
                page.evaluate(LOAD_EVERY_PHOTO)
                target = folder / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=target, full_page=True)
                print(target)
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site; without it the demo is started")
    parser.add_argument("--out", default=CHECKOUT / "screenshots", type=Path)
    parser.add_argument("--scheme", choices=["light", "dark"], default="light")
    arguments = parser.parse_args()
    if arguments.url:
        shoot(arguments.url.rstrip("/"), arguments.out, arguments.scheme)
    else:
        arguments.out.mkdir(parents=True, exist_ok=True)
        with demo_site(arguments.out / "demo.log") as base:
            shoot(base, arguments.out, arguments.scheme)


if __name__ == "__main__":
    main()
