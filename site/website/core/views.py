from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail import views as wagtail_views
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.documents.views import serve as wagtail_document_views
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from .security import ThrottledPasswordViewRestrictionForm
from .sitemap import MultilingualSitemap


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MultilingualSitemap})


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Passwords of protected pages and collections: our throttled form checks the password first;
# only a password it has let through reaches Wagtail's view, which lets the visitor in.


def throttled_password_form(request, restriction_model, restriction_id):
    """The posted form, bound and checked; None when the password was right."""
    restriction = get_object_or_404(restriction_model, id=restriction_id)
    form = ThrottledPasswordViewRestrictionForm(request.POST, instance=restriction, request=request)
    return None if form.is_valid() else form


def authenticate_with_password(request, page_view_restriction_id, page_id):
    if request.method == "POST":
        form = throttled_password_form(request, PageViewRestriction, page_view_restriction_id)
        if form is not None:
            page = get_object_or_404(Page, id=page_id).specific
            return page.serve_password_required_response(request, form, request.path)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def authenticate_with_document_password(request, restriction_id):
    if request.method == "POST":
        form = throttled_password_form(request, CollectionViewRestriction, restriction_id)
        if form is not None:
            template = getattr(
                settings,
                "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE",
                "wagtaildocs/password_required.html",
            )
            return TemplateResponse(request, template, {"form": form, "action_url": request.path})
    return wagtail_document_views.authenticate_with_password(request, restriction_id)
