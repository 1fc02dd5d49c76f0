"""The gallery panel of a large exhibition stays light and compact in the edit form."""

from django.urls import reverse

import pytest

from exhibitions.models import ExhibitionPage, GalleryPhoto

pytestmark = pytest.mark.django_db

PHOTOS = 135


@pytest.fixture
def large_exhibition(make_exhibition):
    return make_exhibition(photos=PHOTOS)


def test_the_edit_form_of_a_135_photo_exhibition_weighs_under_a_megabyte(
    admin_client, large_exhibition
):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[large_exhibition.pk]))
    assert response.status_code == 200
    assert len(response.content) < 1_000_000, f"{len(response.content):,} bytes"


def test_each_saved_photo_is_one_folded_line_with_its_thumbnail_number_and_place(
    admin_client, html, make_exhibition
):
    exhibition = make_exhibition(photos=3)
    GalleryPhoto.objects.filter(page=exhibition, number=2).update(alt_text="")
    ExhibitionPage.objects.get(pk=exhibition.pk).save_revision(clean=False)
    page = html(admin_client.get(reverse("wagtailadmin_pages:edit", args=[exhibition.pk])))

    rows = page.select("#id_gallery_photos-FORMS > [data-inline-panel-child]")
    assert len(rows) == 3
    for place, row in enumerate(rows, start=1):
        assert row.select_one("img[data-chooser-image]")["loading"] == "lazy"
        toggle = row.select_one("[data-gallery-toggle]")
        assert toggle["aria-expanded"] == "false"
        assert page.find(id=toggle["aria-controls"]).has_attr("hidden")
        assert row.select_one("[data-gallery-position]")["value"] == str(place)
        assert row.select_one(".gallery-row__number").get_text() == f"Foto {place}"
        assert row.select_one("[data-gallery-caption]").get_text() == f"Bild {place}"
    statuses = [row.select_one("[data-gallery-alt-status]").get_text() for row in rows]
    assert statuses == ["Beschrieben", "Kein Alternativtext", "Beschrieben"]


def test_a_new_photo_opens_unfolded(admin_client, html, make_exhibition):
    exhibition = make_exhibition(photos=1)
    page = html(admin_client.get(reverse("wagtailadmin_pages:edit", args=[exhibition.pk])))

    new_row = page.find(id="id_gallery_photos-EMPTY_FORM_TEMPLATE")
    assert new_row.select_one("[data-gallery-toggle]")["aria-expanded"] == "true"
    assert not new_row.select_one(".gallery-row__fields").has_attr("hidden")
