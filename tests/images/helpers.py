from django.core.files.base import ContentFile

from tests.factories import StandardPageFactory
from website.images.models import CustomImage


def make_image(content, name="foto.jpg", **fields):
    image = CustomImage(title=fields.pop("title", "Foto"), file=ContentFile(content, name=name))
    for key, value in fields.items():
        setattr(image, key, value)
    image.save()
    return image


def page_showing(parent, image, **fields):
    """A published standard page whose body shows the image."""
    page = StandardPageFactory(
        parent=parent,
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "Ein Foto"}}],
        **fields,
    )
    page.save_revision().publish()
    return page
