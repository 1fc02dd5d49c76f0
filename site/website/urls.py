import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as static_serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from website.core import views as core_views
from website.images import views as image_views
from website.search import views as search_views
from website.users import tags

urlpatterns = [
    # Before the admin's own: Wagtail's view makes this from the original for anyone who may
    # change the image, also of a photo taken down.
    path(
        "admin/images/<int:image_id>/preview/<str:filter_spec>/",
        image_views.preview,
        name="image_preview",
    ),
    # Before the admin's own, which offers the tags of every section and of restricted pages.
    path("admin/tag-autocomplete/", tags.autocomplete),
    path("admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/", tags.autocomplete),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password views, throttled: our paths come before Wagtail's.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        core_views.authenticate_with_document_password,
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("bilder/<path:name>", image_views.serve, name="image_file"),
]

if settings.SERVE_MEDIA_FILES:
    # Django's static() serves only with DEBUG on; the demo runs with it off.
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# German pages have no language prefix; English lives under /en/, Arabic under /ar/.
urlpatterns += i18n_patterns(
    path("suche/", search_views.search, name="search"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.authenticate_with_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
