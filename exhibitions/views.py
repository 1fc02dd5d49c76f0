from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from .bulk import MAX_ZIP_MEMBERS, add_to_gallery
from .models import ExhibitionPage


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.heic,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple) and data:
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        # No file at all (an empty list) is a missing file, not an empty upload.
        return [super().clean(data or None, initial)]


class PhotoUploadForm(forms.Form):
    files = MultipleFileField(label=gettext_lazy("Photos or ZIP archives"))

    class Media:
        # Drop zone and one upload at a time with its own progress; the form works without.
        js = ["js/photo-upload.js"]
        css = {"all": ["css/photo-upload.css"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in per request: a lazy text with % is translated at once, at import time.
        self.fields["files"].help_text = _(
            "JPEG, PNG, WebP or HEIC photos, or ZIP archives of them (up to %(count)s photos "
            "and 1 GB each). They are added to the end of the gallery in a new draft."
        ) % {"count": MAX_ZIP_MEMBERS}


@require_http_methods(["GET", "POST"])
def add_photos(request, page_id):
    page = get_object_or_404(ExhibitionPage, pk=page_id)
    image_policy = policy_registry.get_by_type(get_image_model())
    if not (
        page.permissions_for_user(request.user).can_edit()
        and image_policy.user_has_permission(request.user, "add")
    ):
        raise PermissionDenied
    if wants_json(request):
        return add_photos_json(request, page)
    outcomes = []
    form = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        outcomes, _revision = add_to_gallery(page, request.FILES.getlist("files"), request.user)
        added = sum(not outcome.error for outcome in outcomes)
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)s photo added to the gallery draft.",
                    "%(count)s photos added to the gallery draft.",
                    added,
                )
                % {"count": added},
            )
        if added < len(outcomes):
            messages.error(request, _("Some files could not be added; see the list below."))
    return TemplateResponse(
        request,
        "exhibitions/admin/add_photos.html",
        {"page": page, "form": form, "outcomes": outcomes},
    )


def wants_json(request):
    """The page's script sends one file per request and asks for JSON."""
    return request.method == "POST" and request.headers.get("Accept") == "application/json"


def add_photos_json(request, page):
    """One file's photos (a ZIP may hold many) into the draft, and an outcome for each.

    `revision` is the draft this upload saved so far: the script sends it back with the next
    file, so the whole upload extends one revision where it can.
    """
    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["files"])}, status=400)
    outcomes, revision = add_to_gallery(
        page, request.FILES.getlist("files"), request.user, request.POST.get("revision")
    )
    return JsonResponse(
        {
            "outcomes": [{"name": item.name, "error": item.error} for item in outcomes],
            "revision": revision.pk if revision else None,
        }
    )
