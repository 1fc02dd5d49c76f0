"""Anonymous visitors' pages, kept in a cache that every process shares.

A page is stored only when it says shared caches may keep it (`Cache-Control: public`, see
`CacheHeadersMixin`), sets no cookie and shows no placeholder for a photo still being made.
Requests that carry a session cookie (editors, previews, anyone logged in) never touch the
cache. Keys carry the content generation, so publishing, unpublishing, moving or deleting a
page and every consent change make all stored pages stale at once, in every process, without
waiting for the task queue.
"""

import hashlib
import logging
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import generation

logger = logging.getLogger(__name__)

# Longer query strings are answered but not stored: random ones must not fill the cache.
MAX_QUERY_LENGTH = 100
HEADER = "X-Page-Cache"

_incomplete = ContextVar("page_incomplete", default=False)


def mark_incomplete():
    """This response shows something unfinished (a photo being made): nobody may keep it."""
    _incomplete.set(True)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["pages"]
        self.skipped_prefixes = ("/admin/", settings.STATIC_URL, settings.MEDIA_URL, "/bilder/")

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        stored = self.read(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "hit"
            return response

        token = _incomplete.set(False)
        try:
            response = self.get_response(request)
            if _incomplete.get():
                patch_cache_control(response, s_maxage=0)
            elif self.storable(response):
                self.write(key, response)
                response[HEADER] = "miss"
        finally:
            _incomplete.reset(token)
        return response

    def key(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path.startswith(self.skipped_prefixes)
            or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH
        ):
            return None
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
        return f"page:{generation.current()}:{digest}"

    @staticmethod
    def storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "public" in cache_control
            and "private" not in cache_control
        )

    # A cache that fails (full, restarting) costs speed, never the page.

    def read(self, key):
        try:
            return self.cache.get(key)
        except Exception:
            logger.exception("Page cache unreadable")
            return None

    def write(self, key, response):
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        try:
            self.cache.set(key, (response.status_code, headers, response.content))
        except Exception:
            logger.exception("Page cache unwritable")
