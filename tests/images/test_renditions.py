"""Renditions: made by a task from one decode, clean in every format, never in a page view."""

import io
import logging
import time

from django.core.cache import cache

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.factories import build_site
from tests.images.helpers import make_image, page_showing
from tests.images.photos import leaks, phone_photo, plain_jpeg
from website.images import renditions
from website.images.renditions import PUBLISH_SPECS, SETS, UPLOAD_SPECS, generate

pytestmark = pytest.mark.django_db

EXTRA_SPECS = ["original", "max-800x600", "width-300|format-png", "fill-100x100|bgcolor-fff"]


def rendition_bytes(rendition):
    with rendition.file.open("rb") as file:
        return file.read()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_every_rendition_in_every_format_is_clean_and_upright(
    django_capture_on_commit_callbacks, image_format
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(phone_photo(image_format), name="Fatima_Al-Hassan.jpg")
    assert image.renditions.count() == len(UPLOAD_SPECS)
    generate(image, PUBLISH_SPECS + EXTRA_SPECS)

    formats_seen = set()
    for rendition in image.renditions.all():
        data = rendition_bytes(rendition)
        assert leaks(data) == [], rendition.filter_spec
        with Image.open(io.BytesIO(data)) as picture:
            formats_seen.add(picture.format)
            if not rendition.filter_spec.startswith("fill"):
                assert picture.height > picture.width, rendition.filter_spec  # upright
        assert "Fatima" not in rendition.file.name and "Fatima" not in rendition.url
    assert {"JPEG", "WEBP", "AVIF", "PNG"} <= formats_seen


def test_a_set_is_made_from_one_decode_of_the_original_in_draft_mode(monkeypatch):
    image = make_image(plain_jpeg(4000, 3000))
    image.renditions.all().delete()
    opened = []
    real_open = Image.open

    def counting_open(*args, **kwargs):
        picture = real_open(*args, **kwargs)
        opened.append(picture)
        return picture

    monkeypatch.setattr(renditions.Image, "open", counting_open)
    assert generate(image, SETS["photo"].specs) == 6
    assert len(opened) == 1
    assert opened[0].size == (2000, 1500)  # decoded at half size: enough for 1600 pixels
    assert sorted(image.renditions.values_list("width", flat=True)) == [800] * 3 + [1600] * 3


def test_page_view_with_missing_renditions_decodes_nothing_then_the_task_fills_the_set(
    client, task_queue, monkeypatch, django_capture_on_commit_callbacks
):
    homes = build_site()
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(plain_jpeg(1200, 800))
        page = page_showing(homes["de"], image)
    assert image.renditions.count() == 0  # queued, not made

    def no_decoding(self):
        raise AssertionError("a page view decoded an image")

    with monkeypatch.context() as patch:
        patch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
        started = time.monotonic()
        response = client.get(page.url)
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 1
    img = BeautifulSoup(response.content, "html.parser").select_one("figure img")
    assert img.has_attr("data-placeholder")
    assert (img["width"], img["height"]) == ("800", "533")

    assert task_queue.run_all() >= 1
    assert set(SETS["photo"].specs) <= set(image.renditions.values_list("filter_spec", flat=True))
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    sources = {s["type"]: s["srcset"] for s in html.select("figure picture source")}
    assert set(sources) == {"image/avif", "image/webp"}
    assert "800w" in sources["image/avif"] and "1200w" in sources["image/avif"]
    img = html.select_one("figure picture img")
    assert (img["width"], img["height"], img["loading"]) == ("800", "533", "lazy")
    assert img["alt"] == "Ein Foto"


def test_many_views_queue_a_set_only_once(client, task_queue, django_capture_on_commit_callbacks):
    homes = build_site()
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(plain_jpeg(1200, 800))
        page = page_showing(homes["de"], image)
    task_queue.results.clear()
    cache.clear()  # a web process that has not queued anything itself
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(20):
            assert client.get(page.url).status_code == 200
    queued = [r for r in task_queue.results if r.task.name == "make_renditions"]
    assert len(queued) == 1


def corrupt(image, how):
    path = image.file.path
    if how == "missing":
        image.file.storage.delete(image.file.name)
    elif how == "truncated":
        with open(path, "r+b") as file:
            file.truncate(200)
    else:
        open(path, "wb").close()


@pytest.mark.parametrize("how", ["missing", "truncated", "empty"])
def test_a_broken_original_shows_a_placeholder_and_is_logged(
    client, caplog, django_capture_on_commit_callbacks, how
):
    homes = build_site()
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(plain_jpeg(1200, 800))
        page = page_showing(homes["de"], image)
    image.renditions.all().delete()
    corrupt(image, how)
    cache.clear()  # some time later: the queue no longer remembers asking
    with (
        caplog.at_level(logging.ERROR, logger="website.images.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.get(page.url)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("figure img[data-placeholder]")
    assert f"Could not make renditions of image {image.pk}" in caplog.text


def queries_to_render(client, page):
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches["renditions"].clear()  # as after a restart: nothing to find there
    with CaptureQueriesContext(connection) as context:
        assert client.get(page.url).status_code == 200
    return len(context.captured_queries)


def test_photos_in_a_body_cost_no_query_each(client, django_capture_on_commit_callbacks):
    homes = build_site()
    with django_capture_on_commit_callbacks(execute=True):
        images = [make_image(plain_jpeg(), title=f"Foto {n}") for n in range(10)]
        few = page_showing(homes["de"], images[0])
        many = page_showing(homes["de"], images[1])
        many.body = [
            {"type": "image", "value": {"image": image.pk, "alt_text": "Foto"}} for image in images
        ]
        many.save_revision().publish()
    for _ in range(2):  # warm; the first view also creates the site's settings row
        client.get(few.url), client.get(many.url)
    assert queries_to_render(client, many) == queries_to_render(client, few)
