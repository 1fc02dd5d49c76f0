"""An editor reorders a large gallery in its compact rows: by typing a place, and by keyboard."""

import re

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from exhibitions.models import ExhibitionPage, GalleryPhoto
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHOTOS = 20
PASSWORD = "ein-langes-testpasswort-42"  # noqa: S105
TIMEOUT = 20_000


@pytest.fixture
def exhibition():
    home = build_site()["de"]
    index = ExhibitionIndexPageFactory(parent=home)
    exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    image = make_image(plain_jpeg(90, 60), title="Kleid")
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(
                image=image, caption=f"Modell {n}", alt_text=f"Kleid Nummer {n}", sort_order=n
            )
            for n in range(1, PHOTOS + 1)
        ]
    )
    exhibition.save_revision().publish()
    return exhibition


@pytest.fixture
def admin_page(browser, live_server):
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    context = browser.new_context(locale="de-DE", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label(re.compile("Benutzername|Username")).fill("admin")
    page.get_by_label(re.compile("Passwort|Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Anmelden|Sign in")).click()
    expect(page).to_have_url(live_server.url + "/admin/")
    yield page
    context.close()


def row(page, number):
    return page.locator("[data-inline-panel-child]").filter(
        has=page.get_by_text(f"Foto {number}", exact=True)
    )


def shown_order(page):
    return page.locator("[data-inline-panel-child] .gallery-row__number").all_inner_texts()


def saved_order(exhibition):
    draft = ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision_as_object()
    return [photo.number for photo in draft.gallery_photos.all()]


def test_an_editor_moves_photos_by_typing_their_place_and_with_the_keyboard(
    admin_page, live_server, exhibition
):
    page = admin_page
    page.goto(live_server.url + f"/admin/pages/{exhibition.pk}/edit/")
    expect(page.locator("[data-inline-panel-child]")).to_have_count(PHOTOS)

    # Folded: a row is one line until it is opened.
    caption = page.get_by_role("textbox", name="Bildunterschrift")
    expect(caption).to_have_count(0)
    row(page, 15).get_by_role("button", name="Foto 15").click()
    expect(row(page, 15).get_by_role("textbox", name="Bildunterschrift")).to_have_value("Modell 15")

    place = row(page, 15).get_by_role("textbox", name="Platz in der Galerie")
    expect(place).to_have_value("15")
    place.fill("3")
    place.press("Enter")
    expected = [1, 2, 15, *range(3, 15), *range(16, PHOTOS + 1)]
    expect(page.locator("[data-gallery-position]").nth(2)).to_have_value("3")
    assert shown_order(page) == [f"Foto {n}" for n in expected]
    expect(row(page, 3).get_by_role("textbox", name="Platz in der Galerie")).to_have_value("4")

    # The keyboard: the arrow keys on a photo's handle move it one place.
    handle = row(page, 20).get_by_role("button", name="Ziehen oder mit den Pfeiltasten verschieben")
    handle.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expected = [*expected[:17], 20, *expected[17:19]]
    assert shown_order(page) == [f"Foto {n}" for n in expected]
    expect(handle).to_be_focused()
    expect(row(page, 20).get_by_role("textbox", name="Platz in der Galerie")).to_have_value("18")

    page.get_by_role("button", name="Entwurf speichern").click()
    expect(page.get_by_role("main").get_by_role("status").first).to_contain_text(
        "wurde aktualisiert"
    )
    assert saved_order(exhibition) == expected
    # The photos keep their numbers: only their places changed.
    assert sorted(saved_order(exhibition)) == list(range(1, PHOTOS + 1))
    assert shown_order(page) == [f"Foto {n}" for n in expected]
