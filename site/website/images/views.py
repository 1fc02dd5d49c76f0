import logging
import mimetypes

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from wagtail.admin.auth import require_admin_access
from wagtail.images.views import images as wagtail_image_views

from .models import CustomImage, Rendition
from .storage import private_storage
from .visibility import is_public, may_view, may_view_original

logger = logging.getLogger(__name__)

BROWSER_SECONDS = 5 * 60
SHARED_CACHE_SECONDS = 24 * 60 * 60


@require_safe
def serve(request, name):
    """An original (for its collection's editors) or a rendition (for whoever may see its image)."""
    if name.startswith("originals/"):
        image = CustomImage.objects.filter(file=name).first()
        allowed = image is not None and may_view_original(request.user, image)
    else:
        rendition = Rendition.objects.select_related("image").filter(file=name).first()
        image = rendition.image if rendition else None
        allowed = image is not None and may_view(request, image)
    if not allowed:
        raise Http404

    try:
        file = private_storage().open(name)
    except FileNotFoundError:
        logger.error("Image file %s of image %s is missing from storage", name, image.pk)
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    if name.startswith("images/") and is_public(image):
        # A CDN may keep a public rendition for a day: a consent takedown purges it there.
        # Nothing can purge a browser's copy, so browsers keep it for five minutes only: a
        # withdrawn photo leaves visitors' screens within minutes, like the pages showing it.
        patch_cache_control(
            response, public=True, max_age=BROWSER_SECONDS, s_maxage=SHARED_CACHE_SECONDS
        )
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_admin_access
def preview(request, image_id, filter_spec):
    """Wagtail's preview of a filter, made from the original: for those who may see it."""
    image = get_object_or_404(CustomImage, pk=image_id)
    if not may_view_original(request.user, image):
        raise PermissionDenied
    return wagtail_image_views.preview(request, image_id, filter_spec)
