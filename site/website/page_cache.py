"""Anonymous visitors' pages, kept in a cache that every process shares.

A page is stored only when it says shared caches may keep it (`Cache-Control: public`, see
`CacheHeadersMixin`), sets no cookie and shows no placeholder for a photo still being made.
Requests that carry a session cookie (editors, previews, anyone logged in) never touch the
cache. Each stored page names the content generation it was made in, and is read together
with the current one in a single round trip: publishing, unpublishing, moving or deleting a
page and every consent change make all stored pages stale at once, in every process, without
waiting for the task queue.

`PageCacheMiddleware`, the outermost middleware, stores complete responses (every header
included). `serve_from_cache` wraps the WSGI application so that a stored page is answered
before Django builds a request at all.
"""

import hashlib
import logging
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from website import generation

logger = logging.getLogger(__name__)

# Longer query strings are answered but not stored: random ones must not fill the cache.
MAX_QUERY_LENGTH = 100
HEADER = "X-Page-Cache"
LOOKUP = "website.page_cache"  # the WSGI environ's note of the lookup, made once per request

_incomplete = ContextVar("page_incomplete", default=False)


def mark_incomplete():
    """This response shows something unfinished (a photo being made): nobody may keep it."""
    _incomplete.set(True)


def key_for(environ):
    """The page's cache key, or None for requests the cache must leave alone."""
    path = environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    if (
        environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
        or f"{settings.SESSION_COOKIE_NAME}=" in environ.get("HTTP_COOKIE", "")
        or path.startswith(("/admin/", settings.STATIC_URL, settings.MEDIA_URL, "/bilder/"))
        or len(query) > MAX_QUERY_LENGTH
    ):
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    address = f"{scheme(environ)}://{host}{environ.get('SCRIPT_NAME', '')}{path}?{query}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def scheme(environ):
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        if environ.get(header, "").split(",")[0].strip() == secure_value:
            return "https"
    return environ.get("wsgi.url_scheme", "http")


def look_up(environ):
    """(key, current content generation, stored page or None), asked of the cache once."""
    if LOOKUP not in environ:
        key, content_generation, stored = key_for(environ), None, None
        if key is not None:
            try:
                found = cache.get_many([generation.KEY, key])
            except Exception:
                logger.exception("Page cache unreadable")
                found = {}
            content_generation, stored = found.get(generation.KEY), found.get(key)
            if stored is not None and stored[0] != content_generation:
                stored = None
        environ[LOOKUP] = key, content_generation, stored
    return environ[LOOKUP]


def serve_from_cache(application):
    """The WSGI application, answering stored pages itself."""
    if not settings.PAGE_CACHE:
        return application

    def cached_application(environ, start_response):
        stored = look_up(environ)[2]
        if stored is None:
            return application(environ, start_response)
        _, status, headers, content = stored
        start_response(status, [*headers, (HEADER, "hit")])
        return [content]

    return cached_application


class PageCacheMiddleware:
    def __init__(self, get_response):
        if not settings.PAGE_CACHE:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        key, content_generation, stored = look_up(request.META)
        if key is None:
            return self.get_response(request)
        if stored is not None:  # reached only where the WSGI wrapper is absent (tests)
            _, status, headers, content = stored
            response = HttpResponse(content, status=int(status.split()[0]), headers=headers)
            response[HEADER] = "hit"
            return response

        token = _incomplete.set(False)
        try:
            response = self.get_response(request)
            if _incomplete.get():
                patch_cache_control(response, s_maxage=0)
            # The generation read before the page was made: a change meanwhile wins.
            elif self.storable(response) and self.write(
                key, content_generation or generation.current(), response
            ):
                response[HEADER] = "miss"
        finally:
            _incomplete.reset(token)
        return response

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

    @staticmethod
    def write(key, content_generation, response):
        status = f"{response.status_code} {response.reason_phrase}"
        headers = [(name, value) for name, value in response.items() if name != HEADER]
        stored = (content_generation, status, headers, response.content)
        try:
            cache.set(key, stored, settings.PAGE_CACHE_TIMEOUT)
        except Exception:
            logger.exception("Page cache unwritable")
            return False
        return True
