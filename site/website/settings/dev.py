from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Template changes show at once: no page cache while developing.
PAGE_CACHE = False
# Serve static files from the app folders without collectstatic, with DEBUG off too (demo.py).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Uploads (admin avatars, documents' files) come from the development server itself.
SERVE_MEDIA_FILES = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WAGTAILADMIN_BASE_URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"  # noqa: F405
