"""The site as a stock Wagtail site, where images are concerned, for gunicorn."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from stock import become_stock  # noqa: E402 (needs the apps loaded)

become_stock()
