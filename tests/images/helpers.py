from tests.factories import StandardPageFactory
from website.demo.factories import make_image

__all__ = ["make_image", "page_showing"]


def page_showing(parent, image, **fields):
    """A published standard page whose body shows the image."""
    page = StandardPageFactory(
        parent=parent,
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "Ein Foto"}}],
        **fields,
    )
    page.save_revision().publish()
    return page
