"""Originals are for editors; renditions for whoever may see a page that shows them."""

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import build_site
from tests.images.helpers import make_image, page_showing
from tests.images.photos import plain_jpeg
from website.images.renditions import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    image = make_image(plain_jpeg(1200, 800))
    generate(image, ["width-800|format-jpeg"])
    return image


def rendition_url(image):
    return image.renditions.get(filter_spec="width-800|format-jpeg").url


def test_originals_are_never_served_to_visitors(client, admin_client, image):
    page_showing(build_site()["de"], image)
    url = image.file.url
    assert url.startswith("/bilder/originals/")
    assert client.get(url).status_code == 404
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_rendition_of_a_public_page_is_served_to_everyone(client, image):
    homes = build_site()
    page_showing(homes["de"], image)
    response = client.get(rendition_url(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]


def cache_control(response):
    directives = [item.strip().split("=") for item in response["Cache-Control"].split(",")]
    return {name: int(value[0]) if value else True for name, *value in directives}


def test_a_cdn_keeps_public_renditions_but_browsers_only_for_minutes(client, image):
    page_showing(build_site()["de"], image)
    directives = cache_control(client.get(rendition_url(image)))
    assert directives["public"]
    assert directives["s-maxage"] >= 24 * 60 * 60  # a takedown purges the CDN
    assert directives["max-age"] <= 5 * 60  # nothing purges a browser


def test_renditions_of_protected_pages_are_never_public(client, image):
    homes = build_site()
    page = page_showing(homes["de"], image)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="geheim"
    )
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "geheim", "return_url": page.url},
    )
    directives = cache_control(client.get(rendition_url(image)))
    assert directives.keys() >= {"private", "no-store"}
    assert "public" not in directives and "s-maxage" not in directives


def test_rendition_of_an_unused_image_is_not_served(client, admin_client, image):
    assert client.get(rendition_url(image)).status_code == 404
    assert admin_client.get(rendition_url(image)).status_code == 200


def test_rendition_is_withdrawn_the_moment_its_page_is_unpublished(client, image):
    homes = build_site()
    page = page_showing(homes["de"], image)
    assert client.get(rendition_url(image)).status_code == 200
    page.unpublish()
    assert client.get(rendition_url(image)).status_code == 404


def test_rendition_of_a_restricted_page_needs_what_the_page_needs(client, django_user_model, image):
    homes = build_site()
    page = page_showing(homes["de"], image)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    url = rendition_url(image)
    assert client.get(url).status_code == 404
    client.force_login(django_user_model.objects.create_user("besucherin", password="x"))
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_rendition_of_a_password_page_after_the_password(client, image):
    homes = build_site()
    page = page_showing(homes["de"], image)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="geheim"
    )
    url = rendition_url(image)
    assert client.get(url).status_code == 404
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "geheim", "return_url": page.url},
    )
    assert client.get(url).status_code == 200


def test_unknown_and_traversing_names_are_not_found(client):
    for name in ("images/nichts.jpg", "../settings.py", "originals/../../etc/passwd", "%00.jpg"):
        assert client.get(f"/bilder/{name}").status_code == 404
