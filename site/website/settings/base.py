"""Settings safe for production: secrets, hosts and services come from the environment.

dev.py and test.py relax them; production.py adds the HTTPS hardening.
"""

import os
import zoneinfo
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/website
SITE_DIR = PROJECT_DIR.parent  # site
BASE_DIR = SITE_DIR.parent  # the checkout


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website.core",
    "website.images",
    "website.documents",
    "website.people",
    "website.users",
    "website.projects",
    "website.news",
    "website.toolbox",
    "website.search",
    "exhibitions",
    "wagtail.contrib.routable_page",
    "stories",
    "website.dashboard",
    "website.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost: stored pages keep every header the others add (security headers, CSP).
    "website.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "website.core.security.ContentSecurityPolicyMiddleware",
    "website.core.middleware.RejectNulInPathMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it runs the view itself, after every other middleware has prepared the request.
    "website.core.busy.BusyDatabaseMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


# Database: DATABASE_URL (PostgreSQL in production), an embedded SQLite file by default.


def database_from_url(url):
    config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Concurrent editors: readers never block the writer (WAL), a transaction takes the
        # write lock when it begins instead of failing half-way (IMMEDIATE), and a writer waits
        # for the lock instead of raising "database is locked" at once (timeout, in seconds).
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        }
    return config


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Caches shared by every process: Redis when REDIS_URL is set, otherwise files. The default
# cache also keeps anonymous visitors' pages (website.page_cache) for PAGE_CACHE_TIMEOUT;
# "renditions" knows where image files are.

REDIS_URL = os.environ.get("REDIS_URL")
CACHE_DIR = Path(os.environ.get("CACHE_DIR", BASE_DIR / "cache"))
CACHE_TIMEOUTS = {"default": 300, "renditions": 60 * 60 * 24 * 7}
PAGE_CACHE = True
PAGE_CACHE_TIMEOUT = 60 * 60 * 24
if REDIS_URL:
    CACHES = {
        name: {
            "BACKEND": "website.core.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": name,
            "TIMEOUT": timeout,
        }
        for name, timeout in CACHE_TIMEOUTS.items()
    }
else:
    CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / name),
            "TIMEOUT": timeout,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
        for name, timeout in CACHE_TIMEOUTS.items()
    }


# A CDN in front of the site is purged when pages change (website.core.signal_handlers, with
# the backends of wagtail.contrib.frontend_cache):
# FRONTEND_CACHE_PURGE_URL for a Varnish-like HTTP purge, or Cloudflare's zone and API token.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []  # every page's address already names its language


# Background tasks: the database queue of django-tasks-db, worked off by `manage.py db_worker`.

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTHENTICATION_BACKENDS = ["website.core.security.ThrottledModelBackend"]


# Security: the browser loads scripts, styles, images and fonts from this site only (embeds
# frame another site only after the visitor asks); repeated failed logins are refused for a while.

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src https:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Wrong passwords (logins, protected pages and collections) per target and per address within
# the window, then refusal until it has passed (website.core.security); password reset mails
# likewise per email address and per address.
LOGIN_THROTTLE_ATTEMPTS = 5
LOGIN_THROTTLE_SECONDS = 15 * 60
PASSWORD_RESET_THROTTLE_ATTEMPTS = 3
# Behind a proxy every request comes from the proxy: name the header in which it passes the
# visitor's address (for example HTTP_X_REAL_IP), or one visitor's typos lock out everybody.
LOGIN_THROTTLE_CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER")
WAGTAILADMIN_USER_LOGIN_FORM = "website.core.security.ThrottledLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "website.core.security.ThrottledPasswordResetForm"  # noqa: S105
# The admin asks no other host either: no Gravatar avatars, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False


# Languages: German first and without URL prefix, English under /en/, Arabic under /ar/.

LANGUAGE_CODE = "de"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [SITE_DIR / "locale"]
# Dates follow the language: 3. November 2026, 3 November 2026, 3 نوفمبر 2026.
FORMAT_MODULE_PATH = ["website.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
# The time zones editors may choose in their account: the system's, without the two names
# that are no zone a browser knows ("localtime", Debian's link to the machine's own, and
# "Factory"); Wagtail's script naming the choices stops at the first of them.
WAGTAIL_USER_TIME_ZONES = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


# Static files, compressed and fingerprinted by WhiteNoise; media through default_storage.

STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Production leaves MEDIA_URL to the web server or S3; development serves it itself.
SERVE_MEDIA_FILES = False
# Image originals and renditions are private: served only through a view that checks access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "website.images.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},  # task arguments are JSON
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage; django-storages reads its AWS_* settings from the environment.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    STORAGES["private"] = {
        "BACKEND": "website.images.storage.PrivateS3Storage",
        "OPTIONS": {"location": "private"},
    }

# Page editors submit many fields at once.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Wagtail

WAGTAIL_SITE_NAME = "Connecting Humans"
# How long a shared cache (CDN) may keep a page that anonymous visitors see.
PAGE_CACHE_SECONDS = 300
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "website.images.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "heic"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 40 * 1024 * 1024  # camera photos of 24 MP and more
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_JPEG_QUALITY = 80
WAGTAILIMAGES_WEBP_QUALITY = 80
WAGTAILIMAGES_AVIF_QUALITY = 60
# Uploads above this size are spooled to disk instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # PostgreSQL's full-text search with German stemming; SQLite uses its own FTS5. Queries
        # reach them as words only (website.search.query).
        "BACKEND": "website.search.backend",
        "SEARCH_CONFIG": "german",
    }
}
WAGTAILDOCS_DOCUMENT_MODEL = "documents.CustomDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "website.documents.forms.DocumentForm"
# Sent by the site itself, from S3 too, so that a download is named after the document's title.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"website": {"level": "INFO"}},
}
