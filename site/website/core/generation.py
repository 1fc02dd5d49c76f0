"""One number that changes whenever published content or its surroundings change.

Cached fragments of pages (navigation, footer, breadcrumbs, facts) and cached answers about
pages (view restrictions, image visibility) carry it in their keys, so a single increment makes
all of them stale at once, in every process that shares the cache.
"""

import time

from django.core.cache import cache

KEY = "content-generation"


def current():
    # Starting from the clock keeps the number rising even if the cache lost it.
    return cache.get_or_set(KEY, int(time.time()), None)


def bump(*args, **kwargs):
    try:
        cache.incr(KEY)
    except ValueError:
        cache.set(KEY, int(time.time()), None)
