"""Section editors see their own section's photos only; a photo taken down is seen by no one
but those who judge consent."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from tests.stories.consent_helpers import DAY, TODAY, make_participant
from website.images.renditions import ADMIN_THUMBNAIL, generate

from .conftest import assert_refused

pytestmark = pytest.mark.django_db

SPEC = "width-800|format-jpeg"


def rendition_url(image):
    generate(image, [SPEC])
    return image.renditions.get(filter_spec=SPEC).url


def test_originals_and_renditions_only_for_the_editors_of_the_images_collection(
    editor_client, admin_client, sections
):
    own_rendition, other_rendition = (
        rendition_url(sections.image_a),
        rendition_url(sections.image_b),
    )
    assert editor_client.get(sections.image_a.file.url).status_code == 200
    assert editor_client.get(own_rendition).status_code == 200
    # The file name of another section's photo is no key to it.
    assert editor_client.get(sections.image_b.file.url).status_code == 404
    assert editor_client.get(other_rendition).status_code == 404
    filter_preview = reverse("wagtailimages:preview", args=[sections.image_b.pk, "original"])
    assert_refused(editor_client.get(filter_preview))
    assert admin_client.get(sections.image_b.file.url).status_code == 200


@pytest.fixture
def taken_down(sections):
    """The section's own photo, with renditions, of someone who then withdrew consent."""
    image = sections.image_a
    url = rendition_url(image)
    leyla = make_participant("Leyla")
    image.participants.add(leyla)
    leyla.consents.update(withdrawn_on=TODAY - DAY)
    return image, url


def test_a_photo_taken_down_is_served_to_no_editor_but_superusers_and_the_consent_team(
    editor_client, admin_client, client, django_user_model, sections, taken_down
):
    image, rendition = taken_down
    assert editor_client.get(image.file.url).status_code == 404
    assert editor_client.get(rendition).status_code == 404
    assert_refused(editor_client.get(reverse("wagtailimages:preview", args=[image.pk, "original"])))
    assert admin_client.get(image.file.url).status_code == 200
    member = django_user_model.objects.create_user(username="einwilligungen", password="x")
    member.groups.add(Group.objects.get(name="consent"))
    client.force_login(member)
    assert client.get(image.file.url).status_code == 200


def test_a_photo_taken_down_gets_no_renditions_made_again(
    editor_client, sections, taken_down, django_capture_on_commit_callbacks
):
    image, _ = taken_down
    image.renditions.all().delete()
    # The admin's listing asks for thumbnails; the task worker makes them (here at once).
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.get(reverse("wagtailimages:index")).status_code == 200
    assert not image.renditions.exists()
    assert generate(image, [ADMIN_THUMBNAIL]) == 0
    assert not image.renditions.exists()


@pytest.mark.parametrize("kind", ["images", "documents"])
def test_the_admin_api_lists_only_the_own_collection(editor_client, sections, kind):
    own, other = (
        (sections.image_a, sections.image_b)
        if kind == "images"
        else (sections.doc_a, sections.doc_b)
    )
    listing = editor_client.get(f"/admin/api/main/{kind}/").json()
    assert [item["title"] for item in listing["items"]] == [own.title]
    assert editor_client.get(f"/admin/api/main/{kind}/{own.pk}/").status_code == 200
    assert editor_client.get(f"/admin/api/main/{kind}/{other.pk}/").status_code == 404
