"""RSS and Atom feeds of a news index: its newest published news, in its language."""

import datetime
import logging
from urllib.parse import urlsplit

from django.core.cache import cache
from django.utils import timezone
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from website.images import renditions

logger = logging.getLogger(__name__)

ITEMS = 20
ENCLOSURE_SET = renditions.SETS["card"]
# The larger card rendition: big enough for a feed reader's preview, small enough to download.
ENCLOSURE_SPEC = ENCLOSURE_SET.spec(ENCLOSURE_SET.widths[-1], "jpeg")


def build(index, request, feed_class, route):
    items = list(
        index.published_news()
        .select_related("listing_image", "lead_image")
        .prefetch_related("tags")[:ITEMS]
    )
    renditions.prefetch([item.card_image for item in items], "card")
    home = index.get_parent()
    index_url = index.get_full_url(request)
    feed = feed_class(
        title=f"{index.title} · Connecting Humans",
        link=index_url,
        description=index.search_description
        or strip_tags(index.intro).strip()
        or _("News from Connecting Humans"),
        subtitle=index.search_description or None,
        language=index.locale.language_code,
        feed_url=index_url + route,
        author_name="Connecting Humans",
        author_link=home.get_full_url(request) if home else None,
        feed_guid=index_url,
    )
    site_root = index.get_url_parts(request)[1]
    enclosures = enclosures_for(site_root, items)
    for item in items:
        feed.add_item(
            title=item.title,
            link=item.get_full_url(request),
            # Feed readers read descriptions as HTML: the plain summary is escaped once more.
            description=escape(item.summary or item.card_summary or ""),
            unique_id=tag_uri(site_root, item),
            unique_id_is_permalink=False,
            pubdate=published_at(item),
            updateddate=item.last_published_at,
            categories=[tag.name for tag in item.tags.all()],
            enclosures=enclosures.get(item.pk, ()),
        )
    return feed


def published_at(item):
    """The news item's date as a moment: when it went live if that was on the same day."""
    first = item.first_published_at
    if first and timezone.localdate(first) == item.date:
        return first
    return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time.min))


def tag_uri(site_root, item):
    # RFC 4151: stays the same when the page's slug or title changes.
    day = (item.first_published_at or timezone.now()).date().isoformat()
    return f"tag:{urlsplit(site_root).hostname},{day}:news/{item.pk}"


def enclosures_for(site_root, items):
    """The card JPEG of each item's image, if the pipeline has made it; never made here."""
    found = {}
    for item in items:
        image = item.card_image
        if image is None:
            continue
        rendition = image.get_renditions(ENCLOSURE_SPEC)[ENCLOSURE_SPEC]
        if not rendition.is_placeholder:
            found[item.pk] = rendition
    sizes = file_sizes([rendition.file for rendition in found.values()])
    return {
        pk: [Enclosure(site_root + rendition.url, str(sizes[rendition.file.name]), "image/jpeg")]
        for pk, rendition in found.items()
        if sizes.get(rendition.file.name)
    }


def file_sizes(files):
    """Sizes of rendition files by name. A rendition's file never changes: sizes are cached."""
    keys = {f"rendition-size:{file.name}": file for file in files}
    sizes = cache.get_many(keys)
    for key, file in keys.items():
        if key not in sizes and (size := stored_size(file)):
            sizes[key] = size
            cache.set(key, size, 60 * 60 * 24 * 7)
    return {file.name: sizes[key] for key, file in keys.items() if key in sizes}


def stored_size(file):
    try:
        return file.storage.size(file.name)
    except Exception:  # a file missing from storage gives no enclosure, not a broken feed
        logger.warning("Rendition file %s is missing from storage", file.name, exc_info=True)
        return None
