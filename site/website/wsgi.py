import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

application = get_wsgi_application()

from website.page_cache import serve_from_cache  # noqa: E402 (needs the settings loaded)

application = serve_from_cache(application)
