"""A visitor looks at one photo: all of it in the window, on a wide screen and on a phone."""

import pytest
from playwright.sync_api import expect

from exhibitions.models import GalleryPhoto
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = [(1440, 900), (390, 844)]
# A tall portrait between two wide photos: the second has a previous and a next one.
SIZES = [(1600, 900), (1135, 1418), (1600, 700)]


@pytest.fixture
def exhibition():
    home = build_site()["de"]
    index = ExhibitionIndexPageFactory(parent=home)
    index.save_revision().publish()
    exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(
                image=make_image(plain_jpeg(width, height), title=f"Foto {n}"),
                caption=f"Modell {n}",
                alt_text=f"Kleid Nummer {n}",
                photographer="Anna Beispiel",
            )
            for n, (width, height) in enumerate(SIZES, start=1)
        ]
    )
    exhibition.save_revision().publish()
    return exhibition


# The lines a link's words take: a range yields one box per line.
LINES = """el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getClientRects().length;
}"""


def inside(box, width, height):
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


@pytest.mark.parametrize(("width", "height"), SCREENS)
@pytest.mark.parametrize("number", [1, 2])
def test_the_whole_photo_and_its_steps_fit_the_window(
    browser, live_server, exhibition, width, height, number
):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{live_server.url}{exhibition.url}foto/{number}/")
    page.wait_for_load_state()

    image = page.locator(".photo-page__figure img")
    box = image.bounding_box()
    large = box["width"] > width / 2 or box["height"] > height / 2
    assert large, f"the photo is shown large, not as a thumbnail: {box}"
    assert inside(box, width, height), f"the photo {box} leaves the {width}×{height} window"
    for name in ["Nächstes Foto", *(["Vorheriges Foto"] if number > 1 else [])]:
        link = page.get_by_role("link", name=name)
        assert inside(link.bounding_box(), width, height), f"{name} needs scrolling"
        assert link.evaluate(LINES) == 1, f"{name} wraps at {width} px"
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Modell {number}")
    expect(page.get_by_text("Anna Beispiel")).to_be_visible()
    context.close()


def test_copy_link_puts_the_address_of_the_photo_in_the_clipboard(browser, live_server, exhibition):
    context = browser.new_context(locale="de-DE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    address = f"{live_server.url}{exhibition.url}foto/2/"
    page.goto(address)

    page.get_by_role("button", name="Link kopieren").click()
    expect(page.get_by_text("Link kopiert")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address
    context.close()


def test_without_javascript_the_address_is_there_to_copy(
    visitor_without_javascript, live_server, exhibition
):
    page = visitor_without_javascript
    address = f"{live_server.url}{exhibition.url}foto/2/"
    page.goto(address)

    expect(page.get_by_label("Link zu diesem Foto")).to_have_value(address)
    expect(page.get_by_role("button", name="Link kopieren")).to_be_hidden()
