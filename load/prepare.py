"""The load test's data, after migrate, load_demo and repair_renditions: `prepare.py STEP`.

Run by run.py with the run's settings; prints one JSON line.
  setup: editor accounts, the pages they edit, a draft gallery of new photos (no renditions
         yet) and the addresses visitors start from.
  renditions: how far the draft gallery's renditions are, once it is published.
"""

import datetime
import io
import json
import random
import secrets
import sys

import django

django.setup()

from django.core.files.images import ImageFile  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

from exhibitions.models import ExhibitionIndexPage, ExhibitionPage, GalleryPhoto  # noqa: E402
from stories.models import StoryIndexPage  # noqa: E402
from website.core.models import HomePage  # noqa: E402
from website.images import renditions  # noqa: E402
from website.images.models import CustomImage  # noqa: E402
from website.news.models import NewsIndexPage, NewsPage  # noqa: E402
from website.users.models import User  # noqa: E402

EDITORS = 5
BURST_PHOTOS = 40
BURST_SLUG = "lastprobe-galerie"
NO_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def photo(seed, size=(3000, 2000)):
    """A camera-like JPEG: a gradient with soft shapes, different for every seed."""
    rng = random.Random(seed)  # noqa: S311 (reproducible pictures, not secrets)
    small = (size[0] // 8, size[1] // 8)
    top, bottom = (tuple(rng.randrange(30, 220) for _ in range(3)) for _ in range(2))
    mask = Image.linear_gradient("L").resize(small)
    scene = Image.composite(Image.new("RGB", small, bottom), Image.new("RGB", small, top), mask)
    draw = ImageDraw.Draw(scene)
    for _ in range(10):
        x, y, radius = rng.randrange(small[0]), rng.randrange(small[1]), rng.randrange(10, 90)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=tuple(rng.randbytes(3)))
    scene = scene.filter(ImageFilter.GaussianBlur(2)).resize(size, Image.Resampling.BICUBIC)
    output = io.BytesIO()
    scene.save(output, "JPEG", quality=88)
    return output


def burst_gallery():
    """A draft exhibition of new photos whose renditions are not made: publishing makes them."""
    with override_settings(TASKS=NO_TASKS):
        images = []
        for number in range(1, BURST_PHOTOS + 1):
            image = CustomImage(
                title=f"Lastprobe {number}",
                file=ImageFile(photo(number), name=f"lastprobe-{number}.jpg"),
            )
            image.save()
            images.append(image)
        page = ExhibitionPage(
            title="Lastprobe", slug=BURST_SLUG, start_date=datetime.date(2026, 1, 1), live=False
        )
        page.gallery_photos.set(
            [
                GalleryPhoto(image=image, caption=f"Foto {n}", alt_text=f"Probefoto {n}")
                for n, image in enumerate(images, start=1)
            ]
        )
        index = ExhibitionIndexPage.objects.filter(locale__language_code="de").first()
        index.add_child(instance=page)
        page.save_revision()
    return page


def setup():
    editors = []
    for number in range(1, EDITORS + 1):
        username = f"lastprobe-{number}"
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(username, f"{username}@example.org", password)
        editors.append({"username": username, "password": password})
    # Each editor their own page: the news items, then the exhibition.
    pages = [page.pk for page in NewsPage.objects.filter(locale__language_code="de")]
    pages += [ExhibitionPage.objects.filter(locale__language_code="de").first().pk]
    for editor, page in zip(editors, pages, strict=False):
        editor["page"] = page
    german = {"locale__language_code": "de"}
    burst = burst_gallery()
    return {
        "editors": editors,
        "home": HomePage.objects.get(**german).url,
        "exhibitions": ExhibitionIndexPage.objects.get(**german).url,
        "stories": StoryIndexPage.objects.get(**german).url,
        "news": NewsIndexPage.objects.get(**german).url,
        "search": reverse("search"),
        "burst": {"page": burst.pk, "url": burst.url, "photos": BURST_PHOTOS},
    }


def rendition_state():
    """Renditions of the burst gallery's photos: made, expected, and any made twice."""
    images = CustomImage.objects.filter(title__startswith="Lastprobe ")
    specs = renditions.specs_for_use("gallery_photos")
    made = CustomImage.get_rendition_model().objects.filter(image__in=images)
    twice = made.values("image", "filter_spec").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {
        "made": made.filter(filter_spec__in=specs).count(),
        "expected": images.count() * len(specs),
        "twice": twice,
    }


if __name__ == "__main__":
    step = {"setup": setup, "renditions": rendition_state}[sys.argv[1]]
    print(json.dumps(step()))
