"""One number that changes whenever published content or its surroundings change.

Cached pages, fragments of pages (navigation, footer, breadcrumbs, facts) and cached answers
about pages (view restrictions, image visibility) carry it in their keys, so a single increment
makes all of them stale at once, in every process that shares the cache. The key also names
the version of the code, so a deploy with changed templates or code starts afresh.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

# What changes a page's HTML besides content: templates, code, translations, static files.
CODE_SUFFIXES = {".py", ".html", ".mo", ".css", ".js", ".svg"}


def code_version():
    digest = hashlib.sha1(usedforsecurity=False)
    for folder in ("site", "exhibitions", "stories"):
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


KEY = f"content-generation:{code_version()}"


def current():
    # Starting from the clock keeps the number rising even if the cache lost it.
    return cache.get_or_set(KEY, int(time.time()), None)


def bump(*args, **kwargs):
    try:
        cache.incr(KEY)
    except ValueError:
        cache.set(KEY, int(time.time()), None)
