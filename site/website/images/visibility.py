"""Who may see an image: visitors of a page that shows it, and the editors of its collection.

An image is reachable by a visitor only while some live page that uses it, directly or through a
snippet (a person's photo), may be viewed by that visitor. Partner logos are always public.
Originals are for the editors of the image's collection (its section) only. A photo taken down
(see blocking.py) is for no one but those who judge it.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from website import generation

from .blocking import is_blocked, may_see_blocked


def pages_using(image):
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(image).values_list(
        "base_content_type_id", "object_id"
    )
    page_ids = set()
    snippets = []
    for base_content_type_id, object_id in references:
        if base_content_type_id == page_type.pk:
            page_ids.add(object_id)
        else:
            snippets.append((base_content_type_id, object_id))
    for content_type_id, object_id in snippets:
        page_ids.update(
            ReferenceIndex.objects.filter(
                to_content_type_id=content_type_id,
                to_object_id=object_id,
                base_content_type=page_type,
            ).values_list("object_id", flat=True)
        )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])


def has_public_use(image):
    """Whether a use outside pages makes the image public: other apps say so through the
    `is_image_public` hook, a function of an image (people: partner logos, listed on the home
    page and the partner overview)."""
    return any(check(image) for check in hooks.get_hooks("is_image_public"))


def is_public(image):
    """Whether anyone at all may see the image; cached until content changes."""
    key = f"image-public:{generation.current()}:{image.pk}"
    public = cache.get(key)
    if public is None:
        public = has_public_use(image) or pages_using(image).public().exists()
        cache.set(key, public, 60 * 60)
    return public


def is_collection_editor(user, image):
    """Whether the user may change or choose the image: a permission on its own collection."""
    policy = policy_registry.get_by_type(get_image_model())
    return user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], image
    )


def may_view_original(user, image):
    if is_blocked(image):
        return may_see_blocked(user)
    return is_collection_editor(user, image)


def may_view(request, image):
    """A rendition: for visitors of a page that shows the image, and its collection's editors."""
    if is_blocked(image):
        return may_see_blocked(request.user)
    if is_public(image) or is_collection_editor(request.user, image):
        return True
    return any(
        all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
        for page in pages_using(image)
    )
