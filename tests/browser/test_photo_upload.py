"""An editor drops and chooses files on "Fotos hinzufügen": each uploads on its own line."""

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import pytest
from playwright.sync_api import expect

from exhibitions.models import ExhibitionPage, GalleryPhoto
from tests.browser.test_journeys import PASSWORD, log_in, page_timeouts  # noqa: F401
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A DataTransfer holding files, as the browser hands it to a drop.
DROPPED_FILES = """files => {
    const transfer = new DataTransfer();
    for (const [name, bytes] of files) {
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "image/jpeg" }));
    }
    return transfer;
}"""


@pytest.fixture
def exhibition():
    index = ExhibitionIndexPageFactory(parent=build_site()["de"])
    exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    exhibition.gallery_photos.set(
        [GalleryPhoto(image=make_image(plain_jpeg(90, 60)), caption="Modell 1", alt_text="Kleid")]
    )
    exhibition.save_revision().publish()
    return exhibition


@pytest.fixture
def editor():
    user = get_user_model().objects.create_superuser("chefin", "chefin@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    return user


def line(page, name):
    return page.locator(".photo-upload__file").filter(has=page.get_by_text(name, exact=True))


def test_files_upload_one_by_one_and_a_bad_one_does_not_stop_the_others(
    browser,
    live_server,
    exhibition,
    editor,
    page_timeouts,  # noqa: F811
):
    base = live_server.url
    revisions = exhibition.revisions.count()
    page = page_timeouts(browser.new_context(locale="de-DE").new_page())
    log_in(page, base, editor)
    page.goto(f"{base}/admin/ausstellungen/{exhibition.pk}/fotos/")
    expect(page.get_by_role("button", name="Hochladen")).to_be_hidden()  # the plain form's
    expect(page.get_by_role("button", name="Dateien auswählen")).to_be_visible()

    # Two files by the file picker, one bad; then one dropped on the zone.
    page.locator("[data-photo-upload-input]").set_input_files(
        [
            {"name": "erstes.jpg", "mimeType": "image/jpeg", "buffer": plain_jpeg(120, 80)},
            {"name": "notiz.txt", "mimeType": "text/plain", "buffer": b"Keine Fotos"},
        ]
    )
    dropped = page.evaluate_handle(DROPPED_FILES, [["zweites.jpg", list(plain_jpeg(80, 120))]])
    page.dispatch_event("[data-photo-upload-zone]", "drop", {"dataTransfer": dropped})

    summary = "Hinzugefügte Fotos: 2. Nicht hinzugefügt: 1."
    expect(page.locator("[data-photo-upload-summary]")).to_have_text(summary)
    expect(page.locator("[aria-live=polite]")).to_have_text(summary)
    for name in ("erstes.jpg", "notiz.txt", "zweites.jpg"):
        expect(page.get_by_role("progressbar", name=name)).to_have_js_property("value", 100)
    whole = page.get_by_role("progressbar", name="3 von 3 Dateien gesendet")
    expect(whole).to_have_js_property("value", 3)
    expect(line(page, "erstes.jpg")).to_contain_text("Hinzugefügt")
    expect(line(page, "zweites.jpg")).to_contain_text("Hinzugefügt")
    expect(line(page, "notiz.txt")).to_contain_text(
        "Fotos müssen JPEG-, PNG-, WebP- oder HEIC-Dateien sein."
    )

    # Both photos are in the draft, in the order they were sent, in one new revision.
    draft = ExhibitionPage.objects.get(pk=exhibition.pk).get_latest_revision_as_object()
    photos = list(draft.gallery_photos.all())
    assert [photo.image.width for photo in photos] == [90, 120, 80]
    assert exhibition.revisions.count() == revisions + 1

    # A connection that breaks is reported on its file's line; the next file still goes.
    page.route("**/fotos/", lambda route: route.abort(), times=1)
    dropped = page.evaluate_handle(
        DROPPED_FILES,
        [["abgebrochen.jpg", list(plain_jpeg())], ["drittes.jpg", list(plain_jpeg())]],
    )
    page.dispatch_event("[data-photo-upload-zone]", "drop", {"dataTransfer": dropped})
    expect(page.locator("[data-photo-upload-summary]")).to_have_text(
        "Hinzugefügte Fotos: 3. Nicht hinzugefügt: 2."
    )
    expect(line(page, "abgebrochen.jpg")).to_contain_text("Die Verbindung wurde unterbrochen")
    expect(line(page, "drittes.jpg")).to_contain_text("Hinzugefügt")
    link = page.get_by_role("link", name="Zurück zur Ausstellung")
    expect(link).to_have_attribute("href", f"/admin/pages/{exhibition.pk}/edit/")
