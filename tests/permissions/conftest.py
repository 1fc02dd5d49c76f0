"""Two sections, "Ausstellungen" (A) and "Aktuelles" (B), and an editor of A only."""

from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.documents import get_document_model
from wagtail.models import Page, Revision
from wagtail.users.models import UserProfile

import pytest

from tests.factories import (
    ExhibitionIndexPageFactory,
    ExhibitionPageFactory,
    build_site,
    publish_translation,
)
from tests.images.helpers import make_image
from tests.images.photos import plain_jpeg
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory, publish
from website.images.models import CustomImage
from website.users.sections import setup_sections


@pytest.fixture
def sections(django_user_model):
    homes = build_site()
    index_a = publish(ExhibitionIndexPageFactory(parent=homes["de"]))
    page_a = publish(ExhibitionPageFactory(parent=index_a, title="Gartenbilder", slug="garten"))
    page_a.save_revision()  # a draft on top of the live version, so compare has two sides
    index_a_en = publish_translation(index_a, homes["en"].locale, title="Exhibitions")
    index_b = publish(NewsIndexPageFactory(parent=homes["de"]))
    page_b = publish(NewsPageFactory(parent=index_b, title="Sommerfest im Quartier"))
    page_b.save_revision()
    collections = {page.title: collection for page, (collection, _) in setup_sections().items()}
    image_a = make_image(plain_jpeg(40, 30), title="Foto Gartenbilder")
    image_b = make_image(plain_jpeg(40, 30), title="Foto Sommerfest")
    CustomImage.objects.filter(pk=image_a.pk).update(collection=collections["Ausstellungen"])
    CustomImage.objects.filter(pk=image_b.pk).update(collection=collections["Aktuelles"])
    Document = get_document_model()
    doc_a = Document.objects.create(
        title="Ablaufplan Ausstellung",
        file=ContentFile(b"Plan A", name="plan-a.txt"),
        collection=collections["Ausstellungen"],
    )
    doc_b = Document.objects.create(
        title="Einladung Sommerfest",
        file=ContentFile(b"Plan B", name="plan-b.txt"),
        collection=collections["Aktuelles"],
    )
    editor = django_user_model.objects.create_user(username="ausstellungen", password="x")
    editor.groups.add(Group.objects.get(name="Ausstellungen editors"))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return SimpleNamespace(
        homes=homes,
        index_a=index_a,
        index_a_en=index_a_en,
        page_a=page_a,
        index_b=index_b,
        page_b=page_b,
        image_a=image_a,
        image_b=image_b,
        doc_a=doc_a,
        doc_b=doc_b,
        collections=collections,
        editor=editor,
    )


@pytest.fixture
def editor_client(client, sections):
    client.force_login(sections.editor)
    return client


def snapshot():
    """Everything a refused request must leave as it was."""
    Document = get_document_model()
    return {
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "path", "title", "slug", "live", "locked", "latest_revision_id"
            )
        ),
        "revisions": Revision.objects.count(),
        "images": list(
            CustomImage.objects.order_by("pk").values_list("pk", "title", "collection_id", "file")
        ),
        "documents": list(
            Document.objects.order_by("pk").values_list("pk", "title", "collection_id", "file")
        ),
    }


def assert_refused(response):
    """A 403, or Wagtail's redirect to the dashboard with its permission error."""
    if response.status_code == 403:
        return
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    errors = [str(message).strip() for message in get_messages(response.wsgi_request)]
    # The message is in the site's language: the redirect leaves the editor's own behind.
    with translation.override("de"):
        assert gettext("Sorry, you do not have permission to access this area.") in errors
