"""What a CDN must forget when content changes, where WAGTAILFRONTENDCACHE configures one.

One rule for publishing, unpublishing and consent takedowns: a page goes with every live page
that lists or links it. Those are its ancestors (index pages and the home page list their
children), the pages that refer to it (a link, a chosen page) and the pages it refers to, which
list it back: a story names its participant, whose sub-project's page lists the story; a news
item or exhibition names its sub-projects. Pages it refers to count in every language, as the
sub-project page of each language lists what names any translation of it.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site


def referred_pages(page):
    """Ids of the pages the page refers to, directly or through a snippet."""
    page_type = ContentType.objects.get_for_model(Page).pk
    ids, records = set(), defaultdict(set)
    for content_type_id, pk in ReferenceIndex.get_references_for_object(page).values_list(
        "to_content_type_id", "to_object_id"
    ):
        if content_type_id == page_type:
            ids.add(int(pk))
        else:
            records[content_type_id].add(pk)
    for content_type_id, pks in records.items():
        ids.update(
            int(pk)
            for pk in ReferenceIndex.objects.filter(
                base_content_type_id=content_type_id,
                object_id__in=pks,
                to_content_type_id=page_type,
            ).values_list("to_object_id", flat=True)
        )
    # The reference index leaves out many-to-many fields (a news item's sub-projects).
    specific = page.specific
    for field in specific._meta.many_to_many:
        if issubclass(field.related_model, Page):
            ids.update(item.pk for item in field.value_from_object(specific))
    return ids


def listing_pages(page):
    """The live pages, other than the page itself, that list or link it."""
    ids = set(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))
    ids.update(
        int(pk)
        for pk in ReferenceIndex.get_references_to(page)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    referred = Page.objects.filter(pk__in=referred_pages(page)).values("translation_key")
    ids.update(Page.objects.filter(translation_key__in=referred).values_list("pk", flat=True))
    ids.discard(page.pk)
    return Page.objects.live().filter(pk__in=ids).specific()


def purge(pages=(), paths=()):
    """Make the CDN forget the pages, every page listing them, and these paths (a rendition's
    URL, say) on every site."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    for page in pages:
        batch.add_page(page)
        batch.add_pages(listing_pages(page))
    roots = [site.root_url for site in Site.objects.all()]
    batch.add_urls(root + path for root in roots for path in paths)
    batch.purge()


def purge_page(sender, instance, **kwargs):
    purge([instance])
