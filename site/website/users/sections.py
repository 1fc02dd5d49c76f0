"""Sections: top-level parts of the site, each with its own editors, images and documents.

A section is an index page or project page directly below a home page, together with its
translations. Its editors' group holds page permissions on the section's pages (in every
locale) and image and document permissions on the section's own collection, and nothing else,
so editors of one section neither see nor change another section's pages, images or documents.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
)
from wagtail.permissions import policy_registry

SECTION_PAGE_TYPES = [
    "exhibitions.exhibitionindexpage",
    "stories.storyindexpage",
    "news.newsindexpage",
    "toolbox.toolboxpage",
    "projects.projectpage",
]
# Editors publish on their own; unlocking a colleague's lock or deleting whole subtrees at
# once is left to the site's administrators.
PAGE_PERMISSIONS = ["add", "change", "publish", "lock"]
COLLECTION_ACTIONS = ["add", "change", "choose"]


def home_pages():
    # The home page of each language: the pages right below the tree's root.
    return Page.get_first_root_node().get_children()


def collection_permissions():
    """The image and document permissions as Wagtail checks them (on its own models, even for
    the custom image model)."""
    permissions = []
    for model in (get_image_model(), get_document_model()):
        auth_model = policy_registry.get_by_type(model).auth_model
        content_type = ContentType.objects.get_for_model(auth_model)
        permissions += Permission.objects.filter(
            content_type=content_type,
            codename__in=[get_permission_codename(a, auth_model._meta) for a in COLLECTION_ACTIONS],
        ).order_by("codename")
    return permissions


def group_name(title):
    return f"{title} editors"


def section_pages():
    """The section pages in the default locale (or in their own, if they have no such version)."""
    homes = home_pages()
    pages = Page.objects.none()
    for home in homes:
        pages |= Page.objects.child_of(home)
    pages = [page for page in pages.select_related("content_type") if is_section_type(page)]
    default_locale = Locale.get_default()
    by_key = {}
    for page in pages:
        chosen = by_key.get(page.translation_key)
        if chosen is None or page.locale_id == default_locale.pk:
            by_key[page.translation_key] = page
    return sorted(by_key.values(), key=lambda page: page.path)


def is_section_type(page):
    content_type = page.content_type
    return f"{content_type.app_label}.{content_type.model}" in SECTION_PAGE_TYPES


def ensure_collection(title):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=title).first()
    if collection is not None:
        return collection, False
    return root.add_child(name=title), True


def ensure_section(page):
    """The section's collection and editors' group with their permissions; returns what is new.

    Safe to call again: only what is missing is added.
    """
    changes = []
    collection, created = ensure_collection(page.title)
    if created:
        changes.append(f"collection “{collection.name}”")
    group, created = Group.objects.get_or_create(name=group_name(page.title))
    if created:
        changes.append(f"group “{group.name}”")
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(admin_access)
    page_permissions_added = collection_permissions_added = 0
    for translation in Page.objects.filter(translation_key=page.translation_key):
        for permission_type in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            )
            _, created = GroupPagePermission.objects.get_or_create(
                group=group, page=translation, permission=permission
            )
            page_permissions_added += created
    for permission in collection_permissions():
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
        collection_permissions_added += created
    if page_permissions_added:
        changes.append(f"{page_permissions_added} page permissions")
    if collection_permissions_added:
        changes.append(f"{collection_permissions_added} image and document permissions")
    return collection, group, changes


def setup_sections(log=None):
    """Every section's collection and editors' group; returns them by section page."""
    result = {}
    for page in section_pages():
        collection, group, changes = ensure_section(page)
        result[page] = (collection, group)
        if log and changes:
            log(f"{page.title}: " + ", ".join(changes))
    return result


def section_of(page):
    """The section page (in the default locale if there is one) that the page belongs to."""
    for home in home_pages():
        if page.depth > home.depth and page.path.startswith(home.path):
            top = Page.objects.get(path=page.path[: len(home.path) + Page.steplen])
            if not is_section_type(top):
                return None
            default_version = Page.objects.filter(
                translation_key=top.translation_key, locale=Locale.get_default()
            ).first()
            return default_version or top
    return None


def collect_images(page, image_ids):
    """Moves these images from the root collection into the collection of the page's section."""
    section = section_of(page)
    if section is None:
        return 0
    collection, _ = ensure_collection(section.title)
    return (
        get_image_model()
        .objects.filter(pk__in=image_ids, collection=Collection.get_first_root_node())
        .update(collection=collection)
    )
