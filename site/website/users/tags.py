"""Which tags an editor is offered: those of what they may see.

Wagtail's tag autocomplete offers every tag of the site, also those used only on another
section's drafts, on restricted pages, or on another section's images and documents. Here an
editor is offered the tags of pages they may edit or anyone may open, and of the images and
documents they may choose.
"""

import re
from functools import reduce

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, JsonResponse

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.models import Page
from wagtail.permission_policies.collections import CollectionPermissionLookupMixin
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from taggit.managers import TaggableManager
from taggit.models import CommonGenericTaggedItemBase, Tag, TagBase

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def tagged_models():
    """(model, through model) of every model with tags."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, TaggableManager):
                yield model, field.through


def objects_seen_by(user, model):
    if issubclass(model, Page):
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
        public = Page.objects.live().public()
        return model.objects.filter(Q(pk__in=editable.values("pk")) | Q(pk__in=public.values("pk")))
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, CollectionPermissionLookupMixin):  # images, documents
        return policy.instances_user_has_any_permission_for(user, ["choose", "change"])
    return model.objects.none()


def tags_seen_by(user, tag_model=Tag):
    if user.is_active and user.is_superuser:
        return tag_model.objects.all()
    used = []
    for model, through in tagged_models():
        if through.tag_model() is not tag_model:
            continue
        objects = objects_seen_by(user, model)
        if issubclass(through, CommonGenericTaggedItemBase):
            content_type = ContentType.objects.get_for_model(model)
            rows = through.objects.filter(
                content_type=content_type, object_id__in=objects.values("pk")
            )
        else:
            rows = through.objects.filter(content_object__in=objects.values("pk"))
        used.append(Q(pk__in=rows.values("tag_id")))
    if not used:
        return tag_model.objects.none()
    return tag_model.objects.filter(reduce(lambda a, b: a | b, used))


@require_admin_access
def autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, offering only the tags of what the editor may see."""
    tag_model = Tag
    if app_name and model_name:
        content_type = ContentType.objects.filter(app_label=app_name, model=model_name).first()
        tag_model = content_type and content_type.model_class()
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
    # PostgreSQL refuses a NUL in a query.
    term = CONTROL_CHARACTERS.sub("", request.GET.get("term", ""))[:100].strip()
    tags = tag_model.objects.none()
    if term:
        tags = tags_seen_by(request.user, tag_model).filter(name__istartswith=term)
    names = tags.order_by("name").values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(list(names), safe=False)
