"""Gallery tiles of about 256 px load 400 px files, made when the exhibition is published."""

import pytest
from bs4 import BeautifulSoup

from exhibitions.models import GalleryPhoto
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from website.images import renditions

pytestmark = pytest.mark.django_db

THUMBNAILS = {"width-400|format-avif", "width-400|format-webp", "width-400|format-jpeg"}


def test_gallery_tiles_offer_400_pixels_made_at_publish_not_by_a_visit(
    client, task_queue, monkeypatch, django_capture_on_commit_callbacks
):
    index = ExhibitionIndexPageFactory(parent=build_site()["de"])
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image(plain_jpeg(1600, 1200))
        exhibition = ExhibitionPageFactory(parent=index)
        exhibition.gallery_photos.set([GalleryPhoto(image=image, alt_text="Ein Foto")])
        exhibition.save_revision().publish()
    task_queue.run_all()
    assert set(image.renditions.values_list("filter_spec", flat=True)) >= THUMBNAILS

    def no_decoding(self):
        raise AssertionError("a page view decoded an image")

    made = image.renditions.count()
    with monkeypatch.context() as patch:
        patch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
        response = client.get(exhibition.url)
    assert image.renditions.count() == made
    tile = BeautifulSoup(response.content, "html.parser").select_one(".gallery-grid picture")
    candidates = [tile.select_one("img"), *tile.select("source")]
    for candidate in candidates:
        widths = [entry.split()[-1] for entry in candidate["srcset"].split(", ")]
        assert widths == ["400w", "800w"]
        # Justified rows: up to 384 px on wide screens (400 px at 1x, 800 px at 2x), half the
        # width on phones.
        assert candidate["sizes"] == "(min-width: 60rem) 24rem, 50vw"
    assert tile.select_one("img")["width"] == "400"


@pytest.mark.parametrize("field_name", sorted(renditions.SETS_BY_FIELD))
def test_each_use_names_each_rendition_once(field_name):
    # The load test counts what a gallery's publish makes against this list.
    specs = renditions.specs_for_use(field_name)
    assert len(specs) == len(set(specs))
