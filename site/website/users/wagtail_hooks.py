"""Editors limited to some sections see and act on those sections' pages only.

Wagtail filters most admin views by permission already; these hooks close the gaps where it
shows another section's page by its id: the page chooser, the explorer and the move
confirmation; and the admin API, which lists the images and documents of every collection.
"""

from django.core.exceptions import PermissionDenied

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry


def explorable_pages(user):
    """The pages the user may see in the admin, or None where Wagtail's defaults apply:
    for superusers, and for users without page permissions (who choose pages for snippets).
    """
    if user.is_superuser:
        return None
    policy = PagePermissionPolicy()
    if not policy.get_cached_permissions_for_user(user):
        return None
    return policy.explorable_instances(user)


@hooks.register("construct_page_chooser_queryset")
def offer_only_explorable_pages(pages, request):
    explorable = explorable_pages(request.user)
    if explorable is None:
        return pages
    parent_page_id = request.resolver_match.kwargs.get("parent_page_id")
    if parent_page_id and not explorable.filter(pk=parent_page_id).exists():
        # Otherwise the chooser would still show the other section's page as the parent.
        raise PermissionDenied
    return pages.filter(pk__in=explorable.values("pk"))


@hooks.register("construct_explorer_page_queryset")
def explore_only_explorable_pages(parent_page, pages, request):
    explorable = explorable_pages(request.user)
    if explorable is not None and not explorable.filter(pk=parent_page.pk).exists():
        raise PermissionDenied
    return pages


@hooks.register("before_move_page")
def confirm_only_allowed_moves(request, page, destination):
    # Wagtail checks the move itself, but shows its confirmation for any page and destination.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


class OwnCollectionsOnly:
    """An admin API endpoint of images or documents: those the user may choose or change."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class ImagesAPIViewSet(OwnCollectionsOnly, ImagesAdminAPIViewSet):
    pass


class DocumentsAPIViewSet(OwnCollectionsOnly, DocumentsAdminAPIViewSet):
    pass


# After Wagtail's own hooks, whose endpoints these replace.
@hooks.register("construct_admin_api", order=100)
def admin_api_of_own_collections(router):
    router.register_endpoint("images", ImagesAPIViewSet)
    router.register_endpoint("documents", DocumentsAPIViewSet)
