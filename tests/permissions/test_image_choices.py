"""An editor saves only images they may choose: an image's id is no way to another section's
photo, whether as a page's social image, in a block, in a gallery row or on a snippet."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from tests.stories.consent_helpers import form_data
from website.people.models import Person

pytestmark = pytest.mark.django_db

REFUSED = "holds an image you may not choose"


def edit_page(client, page, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url))
    # The body's blocks are drawn by the admin's script: posted as it would post them.
    data.update(nested_form_data({"body": streamfield([])}))
    data.update(changes)
    return client.post(url, data)


def errors_of(response):
    assert response.status_code == 200, "saved"
    form = response.context["form"]
    errors = {name: " ".join(messages) for name, messages in form.errors.items()}
    for name, formset in form.formsets.items():
        for child in formset.errors:
            errors.update({f"{name}-{key}": " ".join(value) for key, value in child.items()})
    return errors


def gallery_row(image):
    return {
        "gallery_photos-TOTAL_FORMS": "1",
        "gallery_photos-INITIAL_FORMS": "0",
        "gallery_photos-0-image": str(image.pk),
        "gallery_photos-0-caption": "",
        "gallery_photos-0-alt_text": "Ein Garten",
        "gallery_photos-0-ORDER": "1",
        "gallery_photos-0-id": "",
    }


def image_block(image):
    block = ("image", {"image": image.pk, "alt_text": "Ein Garten", "caption": "", "credit": ""})
    return nested_form_data({"body": streamfield([block])})


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("social_image", "social_image"),
        ("listing_image", "listing_image"),
        ("body", "body"),
        ("gallery", "gallery_photos-image"),
    ],
)
def test_another_sections_image_is_refused_in_every_place(editor_client, sections, where, field):
    page = sections.page_a
    revisions = page.revisions.count()
    chosen = {
        "social_image": lambda image: {"social_image": str(image.pk)},
        "listing_image": lambda image: {"listing_image": str(image.pk)},
        "body": image_block,
        "gallery": gallery_row,
    }[where]
    errors = errors_of(edit_page(editor_client, page, **chosen(sections.image_b), title="Neu"))
    assert REFUSED in errors[field]
    assert page.revisions.count() == revisions
    # The own section's image is accepted in the same place.
    response = edit_page(editor_client, page, **chosen(sections.image_a), title="Neu")
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).get_latest_revision().content["title"] == "Neu"


def test_an_image_already_there_stays_when_the_editor_changes_something_else(
    editor_client, sections
):
    page = sections.page_a
    page.social_image = sections.image_b  # chosen by an administrator
    page.save_revision()
    response = edit_page(editor_client, page, title="Neuer Titel")
    assert response.status_code == 302
    revision = Page.objects.get(pk=page.pk).get_latest_revision()
    assert revision.content["title"] == "Neuer Titel"
    assert revision.content["social_image"] == sections.image_b.pk


def test_the_error_is_in_the_editors_language(editor_client, sections):
    profile = sections.editor.wagtail_userprofile
    profile.preferred_language = "de"
    profile.save()
    errors = errors_of(
        edit_page(editor_client, sections.page_a, social_image=str(sections.image_b.pk))
    )
    assert "„Bild beim Teilen“ enthält ein Bild" in errors["social_image"]


def test_snippets_refuse_another_sections_image(editor_client, sections):
    editor = sections.editor
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_person", "change_person"])
    )
    url = reverse("wagtailsnippets_people_person:add")
    data = {**form_data(editor_client.get(url)), "name": "Anna Beispiel"}
    errors = errors_of(editor_client.post(url, {**data, "photo": sections.image_b.pk}))
    assert REFUSED in errors["photo"]
    assert not Person.objects.exists()
    assert editor_client.post(url, {**data, "photo": sections.image_a.pk}).status_code == 302
    assert Person.objects.get().photo == sections.image_a


def test_another_sections_document_is_refused_in_a_block(editor_client, sections):
    def document_block(document):
        block = ("document", {"document": document.pk, "label": ""})
        return nested_form_data({"body": streamfield([block])})

    page = sections.page_a
    revisions = page.revisions.count()
    errors = errors_of(edit_page(editor_client, page, **document_block(sections.doc_b)))
    assert "holds a document you may not choose" in errors["body"]
    assert page.revisions.count() == revisions
    response = edit_page(editor_client, page, **document_block(sections.doc_a), title="Neu")
    assert response.status_code == 302
