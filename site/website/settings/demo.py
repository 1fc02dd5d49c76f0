"""`make demo`: the development settings, serving the site as its visitors meet it, with a task
worker beside it.

DEBUG off shows the site's own 404 and 500 pages instead of Django's debug pages (which list
every URL pattern); DJANGO_DEBUG=1 brings the debug pages and tracebacks back. A plain
`manage.py runserver` keeps website.settings.dev, with DEBUG on.
"""

import os

from .dev import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
# As in production: tasks (renditions, search index) wait in the database for the worker that
# `make demo` starts beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
