"""An editor keeps a draft whose photos are not all described, and is led to them to publish."""

import re

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import pytest
from playwright.sync_api import expect

from exhibitions.models import GalleryPhoto
from tests.browser.test_journeys import PASSWORD, log_in, messages, page_timeouts  # noqa: F401
from tests.factories import ExhibitionIndexPageFactory, ExhibitionPageFactory, build_site
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHOTOS = 3


@pytest.fixture
def exhibition():
    index = ExhibitionIndexPageFactory(parent=build_site()["de"])
    index.save_revision().publish()
    exhibition = ExhibitionPageFactory(parent=index, title="Beulwitz designt")
    exhibition.gallery_photos.set(
        [
            GalleryPhoto(
                image=make_image(plain_jpeg(90, 60), title=f"Foto {n}"),
                caption=f"Modell {n}",
                alt_text=f"Kleid Nummer {n}",
            )
            for n in range(1, PHOTOS + 1)
        ]
    )
    exhibition.save_revision().publish()
    return exhibition


@pytest.fixture
def superuser():
    user = get_user_model().objects.create_superuser("chefin", "chefin@example.org", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_a_draft_saves_without_alt_text_and_publishing_leads_to_the_first_photo(
    browser,
    live_server,
    exhibition,
    superuser,
    page_timeouts,  # noqa: F811
):
    base = live_server.url
    edit_url = f"{base}/admin/pages/{exhibition.pk}/edit/"
    page = page_timeouts(browser.new_context(locale="en-GB").new_page())
    log_in(page, base, superuser)
    page.goto(edit_url)
    photos = page.locator("#id_gallery_photos-FORMS > [data-inline-panel-child]")
    expect(photos).to_have_count(PHOTOS)

    # The volunteer has described only the first photo; autosave keeps that as it is. (The
    # form takes its unchanged state two seconds after loading; edits count from then.)
    page.wait_for_timeout(2_500)
    with page.expect_response(
        lambda response: response.request.method == "POST" and response.url == edit_url
    ) as autosave:
        for n in (1, 2):
            photos.nth(n).locator("[data-gallery-toggle]").click()  # saved rows are folded
            photos.nth(n).get_by_role("textbox", name="Alternative text").fill("")
    assert autosave.value.json()["success"] is True

    page.get_by_role("button", name="Save draft").click()
    expect(messages(page)).to_contain_text("has been updated")
    notice = page.locator("[data-alt-text-missing]")
    expect(notice).to_contain_text("2 photos have no alternative text yet")

    # Publishing is refused; the form says how many lack it and leads to the first.
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(messages(page)).to_contain_text("2 photos have no alternative text yet")
    notice.get_by_role("link", name="Go to the first photo without alternative text").click()
    second = photos.nth(1).get_by_role("textbox", name="Alternative text")
    expect(page).to_have_url(re.compile(r"#id_gallery_photos-1-alt_text$"))
    # The photo's row opens and its field takes the focus.
    expect(second).to_be_visible()
    expect(second).to_be_focused()

    # Described, or marked decorative: now it is published.
    second.fill("Ein rotes Kleid aus Vorhangstoff")
    photos.nth(2).get_by_role("checkbox", name="Decorative").check()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(messages(page)).to_contain_text("has been published")
    expect(notice).to_have_count(0)
