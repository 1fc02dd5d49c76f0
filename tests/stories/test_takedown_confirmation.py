"""A save that would take something down asks first, and then says what it took down."""

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from stories.models import Consent, Participant
from tests.factories import build_site
from website.images.models import Rendition

from .consent_helpers import TODAY, exhibition_with, form_data, make_participant, photo_of

pytestmark = pytest.mark.django_db

CONFIRM = {"confirm_takedown": "1"}


@pytest.fixture
def live_photo(django_capture_on_commit_callbacks, client):
    """A photo of Anna (face visible) in a live German and a live English exhibition; Zuhal
    allows her face only unrecognisable."""
    with django_capture_on_commit_callbacks(execute=True):
        homes = build_site()
        anna = make_participant("Anna")
        zuhal = make_participant("Zuhal", face=Consent.Face.UNRECOGNISABLE)
        photo = photo_of(anna, title="Am Webstuhl")
        exhibitions = [
            exhibition_with(homes["de"], photo, title="Neue Wege"),
            exhibition_with(homes["en"], photo, title="New Paths"),
        ]
    for exhibition in exhibitions:
        client.get(exhibition.url)  # visitors have seen it: its renditions exist
    assert Rendition.objects.filter(image=photo).exists()
    return {"photo": photo, "anna": anna, "zuhal": zuhal, "exhibitions": exhibitions}


def image_url(photo):
    return reverse("wagtailimages:edit", args=[photo.pk])


def participant_url(participant):
    return reverse("wagtailsnippets_stories_participant:edit", args=[participant.pk])


def history_url(participant):
    return reverse("wagtailsnippets_stories_participant:history", args=[participant.pk])


def ticking_zuhal(admin_client, world):
    data = form_data(admin_client.get(image_url(world["photo"])))
    data["participants"] = [str(world["anna"].pk), str(world["zuhal"].pk)]
    data.pop("faces_unrecognisable", None)
    return data


def assert_unchanged(world):
    photo = world["photo"]
    assert set(photo.participants.all()) == {world["anna"]}
    assert Rendition.objects.filter(image=photo).exists()
    for exhibition in fresh(world["exhibitions"]):
        assert exhibition.live
        assert exhibition.gallery_photos.filter(image=photo).exists()


def assert_asked_first(response, callbacks, world):
    """The confirmation lists both live exhibitions and the photo; nothing changed or queued."""
    titles = [a.get_text(strip=True) for a in confirmation(response).select("li a")]
    assert {"Neue Wege", "New Paths", "Am Webstuhl"} <= set(titles)
    assert not callbacks
    assert Participant.objects.get(pk=world["anna"].pk).has_valid_consent()
    assert_unchanged(world)


def fresh(pages):
    return [type(page).objects.get(pk=page.pk) for page in pages]


def confirmation(response):
    doc = BeautifulSoup(response.content, "html.parser")
    return doc.select_one(".takedown-confirmation")


def test_ticking_someone_shown_beyond_their_consent_asks_first(
    admin_client, live_photo, django_capture_on_commit_callbacks
):
    data = ticking_zuhal(admin_client, live_photo)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(image_url(live_photo["photo"]), data)

    assert response.status_code == 200
    panel = confirmation(response)
    assert panel is not None
    links = {a.get_text(strip=True): a["href"] for a in panel.select("a")}
    for exhibition in live_photo["exhibitions"]:
        assert links[exhibition.title] == reverse("wagtailadmin_pages:edit", args=[exhibition.pk])
    assert "Am Webstuhl" in links
    assert panel.select_one("button[name=confirm_takedown]") is not None
    # The editor's input is kept: Zuhal is still ticked in the re-rendered form.
    assert form_data(response)["participants"] == data["participants"]
    assert not callbacks
    assert_unchanged(live_photo)


def test_confirming_takes_down_and_says_what_and_links_the_history(
    admin_client, live_photo, django_capture_on_commit_callbacks
):
    data = {**ticking_zuhal(admin_client, live_photo), **CONFIRM}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(image_url(live_photo["photo"]), data, follow=True)

    photo = live_photo["photo"]
    assert set(photo.participants.all()) == {live_photo["anna"], live_photo["zuhal"]}
    assert not Rendition.objects.filter(image=photo).exists()
    for exhibition in fresh(live_photo["exhibitions"]):
        assert not exhibition.live or not exhibition.gallery_photos.filter(image=photo).exists()
    doc = BeautifulSoup(response.content, "html.parser")
    message = doc.select_one(".messages").get_text(" ", strip=True)
    assert "Neue Wege" in message and "New Paths" in message
    assert doc.select_one(f'.messages a[href="{history_url(live_photo["zuhal"])}"]') is not None


def test_cancel_goes_back_to_the_unchanged_form(admin_client, live_photo):
    response = admin_client.post(
        image_url(live_photo["photo"]), ticking_zuhal(admin_client, live_photo)
    )
    cancel = (
        confirmation(response).find("a", string="Cancel")
        or confirmation(response).select("a.button")[-1]
    )

    form = admin_client.get(cancel["href"])

    assert form.status_code == 200
    assert form_data(form)["participants"] == [str(live_photo["anna"].pk)]
    assert_unchanged(live_photo)


def test_withdrawing_a_consent_asks_first_then_takes_down(
    admin_client, live_photo, django_capture_on_commit_callbacks
):
    anna = live_photo["anna"]
    data = form_data(admin_client.get(participant_url(anna)))
    data["consents-0-withdrawn_on"] = TODAY.isoformat()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(participant_url(anna), data)

    assert response.status_code == 200
    assert_asked_first(response, callbacks, live_photo)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(participant_url(anna), {**data, **CONFIRM}, follow=True)

    assert not Participant.objects.get(pk=anna.pk).has_valid_consent()
    assert not Rendition.objects.filter(image=live_photo["photo"]).exists()
    doc = BeautifulSoup(response.content, "html.parser")
    assert "Neue Wege" in doc.select_one(".messages").get_text(" ", strip=True)
    assert doc.select_one(f'.messages a[href="{history_url(anna)}"]') is not None


def test_a_change_that_takes_nothing_down_saves_at_once(admin_client, live_photo):
    data = ticking_zuhal(admin_client, live_photo)
    data["faces_unrecognisable"] = "on"

    response = admin_client.post(image_url(live_photo["photo"]), data)

    assert response.status_code == 302
    photo = live_photo["photo"]
    assert set(photo.participants.all()) == {live_photo["anna"], live_photo["zuhal"]}
    assert Rendition.objects.filter(image=photo).exists()


def delete_url(participant):
    return reverse("wagtailsnippets_stories_participant:delete", args=[participant.pk])


def test_the_delete_confirmation_lists_what_deleting_takes_down(
    admin_client, live_photo, django_capture_on_commit_callbacks
):
    anna = live_photo["anna"]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.get(delete_url(anna))

    assert response.status_code == 200
    assert_asked_first(response, callbacks, live_photo)


def test_deleting_takes_down_and_says_what(
    admin_client, live_photo, django_capture_on_commit_callbacks
):
    anna = live_photo["anna"]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(delete_url(anna), follow=True)

    assert not Participant.objects.filter(pk=anna.pk).exists()
    assert not Rendition.objects.filter(image=live_photo["photo"]).exists()
    message = BeautifulSoup(response.content, "html.parser").select_one(".messages")
    assert "Neue Wege" in message.get_text(" ", strip=True)


def test_deleting_someone_shown_nowhere_lists_nothing(admin_client, live_photo):
    response = admin_client.get(delete_url(live_photo["zuhal"]))

    assert response.status_code == 200
    assert confirmation(response) is None


@pytest.fixture
def live_blurred_photo(django_capture_on_commit_callbacks, client):
    """Zuhal, who allows her face only unrecognisable, on a live photo that makes it so."""
    with django_capture_on_commit_callbacks(execute=True):
        zuhal = make_participant("Zuhal", face=Consent.Face.UNRECOGNISABLE)
        photo = photo_of(zuhal, faces_unrecognisable=True, title="Am Webstuhl")
        exhibition = exhibition_with(build_site()["de"], photo, title="Neue Wege")
    client.get(exhibition.url)
    return photo, exhibition


def multiple_upload_form(photo, **changes):
    prefix = f"image-{photo.pk}"
    data = {"title": photo.title, "collection": photo.collection_id, **changes}
    return {f"{prefix}-{name}": value for name, value in data.items()}


def test_the_multiple_upload_form_refuses_a_change_that_takes_something_down(
    admin_client, live_blurred_photo
):
    photo, exhibition = live_blurred_photo
    url = reverse("wagtailimages:edit_multiple", args=[photo.pk])

    answer = admin_client.post(url, multiple_upload_form(photo)).json()

    assert answer["success"] is False
    form = BeautifulSoup(answer["form"], "html.parser")
    assert "auf der eigenen Seite des Fotos" in form.get_text()
    photo.refresh_from_db()
    assert photo.faces_unrecognisable
    assert Rendition.objects.filter(image=photo).exists()
    assert fresh([exhibition])[0].gallery_photos.filter(image=photo).exists()


def test_the_multiple_upload_form_saves_a_change_that_takes_nothing_down(
    admin_client, live_blurred_photo
):
    photo, _exhibition = live_blurred_photo
    url = reverse("wagtailimages:edit_multiple", args=[photo.pk])
    form = multiple_upload_form(photo, title="Am Webstuhl, 2024", faces_unrecognisable="on")

    assert admin_client.post(url, form).json()["success"] is True
    photo.refresh_from_db()
    assert photo.title == "Am Webstuhl, 2024"


def bulk_delete_url(*participants):
    url = reverse("wagtail_bulk_action", args=["stories", "participant", "delete"])
    ids = "&".join(f"id={participant.pk}" for participant in participants)
    return f"{url}?{ids}&next={reverse('wagtailsnippets_stories_participant:list')}"


def test_deleting_several_from_the_listing_lists_what_it_takes_down_first(
    admin_client, live_photo, django_capture_on_commit_callbacks
):
    url = bulk_delete_url(live_photo["anna"], live_photo["zuhal"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.get(url)

    assert_asked_first(response, callbacks, live_photo)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, follow=True)

    assert not Participant.objects.exists()
    assert not Rendition.objects.filter(image=live_photo["photo"]).exists()
    message = BeautifulSoup(response.content, "html.parser").select_one(".messages")
    assert "Neue Wege" in message.get_text(" ", strip=True)
