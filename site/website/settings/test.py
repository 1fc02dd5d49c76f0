import atexit
import shutil
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files from the app folders without collectstatic.
WHITENOISE_AUTOREFRESH = True
# Caches of one test process, emptied before every test (tests/conftest.py).
CACHES = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    for name in CACHES  # noqa: F405
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Uploaded files of a test run live in a throwaway folder.
TEST_FILES = Path(tempfile.mkdtemp(prefix="connecting-humans-tests-"))  # noqa: F405
atexit.register(shutil.rmtree, TEST_FILES, ignore_errors=True)
MEDIA_ROOT = TEST_FILES / "media"
PRIVATE_MEDIA_ROOT = TEST_FILES / "private"
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
