import pytest

from exhibitions.models import GalleryPhoto
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg


@pytest.fixture
def index():
    return ExhibitionIndexPageFactory(parent=build_site()["de"])


@pytest.fixture
def make_exhibition(index):
    """An exhibition published with `photos` gallery photos (tiny images, one file shared)."""

    def make(photos=0, **fields):
        exhibition = ExhibitionPageFactory(parent=index, **fields)
        if photos:
            images = [make_image(plain_jpeg(40, 30), title=f"Foto {n}") for n in range(photos)]
            exhibition.gallery_photos.set(
                [
                    GalleryPhoto(
                        image=image,
                        caption=f"Bild {n}",
                        alt_text=f"Beschreibung {n}",
                        sort_order=n,  # as the edit form numbers its rows
                    )
                    for n, image in enumerate(images, start=1)
                ]
            )
        exhibition.save_revision().publish()
        exhibition.refresh_from_db()
        return exhibition

    return make
