"""When SQLite's write lock stays taken longer than the busy timeout: "busy, try again", not 500.

SQLite lets one writer at a time; the settings make a writer wait (up to the timeout) for the
lock. If another writer keeps it longer, Django raises OperationalError "database is locked".
This middleware answers that with 503 and Retry-After, in the person's language, and gives an
editor back what they submitted: a form with the same fields that sends them again.

An editor's save in the admin (a POST without uploaded files) runs in one transaction, so
"nothing was saved" is true, and a publish is applied entirely or not at all: Wagtail's publish
is several separate writes (the page row, then the signal receivers, aliases, the log entry).
Uploads are left out: sanitising many photos must not hold the write lock for minutes.

Goes last in MIDDLEWARE: it calls the view itself, after every other middleware's process_view.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, OperationalError, transaction
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

RETRY_AFTER_SECONDS = 5
BUSY = gettext_lazy("The site is busy right now: nothing was saved. Please try again in a moment.")
BUSY_FORM = gettext_lazy(
    "The site is busy right now: nothing was saved. What you entered is kept on this page; "
    "please send it again in a moment."
)
# Never sent back into a page, even to the person who typed it.
SECRET_FIELDS = ("password",)


def is_locked(error):
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def runs_in_one_transaction(request):
    return (
        request.method == "POST"
        and request.path.startswith(reverse("wagtailadmin_home"))
        and not request.FILES
    )


class BusyDatabaseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not runs_in_one_transaction(request):
            return None
        try:
            with transaction.atomic():
                return view_func(request, *view_args, **view_kwargs)
        except DatabaseError as error:
            if is_locked(error):
                return busy_response(request)
            raise

    def process_exception(self, request, exception):
        if is_locked(exception):
            return busy_response(request)
        return None


def editor_language(request):
    """The admin's language for editors (as Wagtail picks it), otherwise the page's."""
    user = getattr(request, "user", None)
    if request.path.startswith(reverse("wagtailadmin_home")) and user and user.is_authenticated:
        try:
            # Only a read: it works while another writer holds the lock.
            return user.wagtail_userprofile.get_preferred_language()
        except (DatabaseError, ObjectDoesNotExist):
            pass
    return translation.get_language()


def busy_response(request):
    with translation.override(editor_language(request)):
        message = BUSY_FORM if request.method == "POST" else BUSY
        if wants_json(request):
            response = JsonResponse(
                {"success": False, "error_code": "busy", "error_message": str(message)}, status=503
            )
        else:
            posted = request.method == "POST"
            context = {
                "language": translation.get_language(),
                "rtl": translation.get_language_bidi(),
                "heading": _("The site is busy"),
                "message": message,
                "action": request.get_full_path(),
                "again": _("Send again") if posted else _("Try again"),
                "fields": submitted_fields(request) if posted else None,
                "files": _("Files you attached were not kept: please choose them again.")
                if posted and request.FILES
                else "",
            }
            response = HttpResponse(render_to_string("busy.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "html" not in accept


def submitted_fields(request):
    return [
        (name, value)
        for name, values in request.POST.lists()
        if not any(secret in name.lower() for secret in SECRET_FIELDS)
        for value in values
    ]
