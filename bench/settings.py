"""Settings of the benchmark's processes: production-like, on the run's own files."""

from website.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not REDIS_URL:  # noqa: F405
    # Caches of one process, and no page cache: the scenarios measure how pages are made. S2
    # measures the page cache, in Redis, shared by gunicorn's workers.
    CACHES = {  # noqa: F405
        name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
        for name in CACHES  # noqa: F405
    }
    PAGE_CACHE = False
LOGGING = {"version": 1, "root": {"level": "ERROR"}}

# The stock variants' gallery templates.
TEMPLATES[0]["DIRS"].append(BASE_DIR / "bench" / "templates")  # noqa: F405
