import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_id, specs):
    from .models import CustomImage
    from .renditions import generate

    image = CustomImage.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    try:
        return generate(image, specs)
    except Exception:
        # A missing or corrupt original: visitors keep seeing the placeholder.
        logger.exception("Could not make renditions of image %s (%s)", image_id, image.file.name)
        return 0
