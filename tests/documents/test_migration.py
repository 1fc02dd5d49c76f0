"""Wagtail's own documents move to the site's document model: same ids (links in rich text,
blocks and worksheets keep working), collections, tags and files, under random names."""

import re

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.rich_text import expand_db_html

import pytest

from tests.factories import build_site
from tests.migrations import migrate
from tests.toolbox.factories import MethodPageFactory, ToolboxPageFactory
from website.documents.models import CustomDocument
from website.toolbox.models import MethodWorksheet

FILE_NAME = "Fatima_Hassan_Teilnehmerliste.txt"


@pytest.fixture
def before_the_move(django_db_serialized_rollback, transactional_db):
    """The database as it was before the site had its own document model.

    The serialized rollback brings back what the migrations made (the root collection) after
    an earlier test's flush, and keeps this test's flush from making content types the next
    such test would make again.
    """
    migrate([("documents", "0001_initial")])
    yield
    migrate()


def test_wagtails_documents_move_with_everything_that_points_to_them(before_the_move):
    collection = Collection.get_first_root_node().add_child(name="Toolbox")
    plan = Document.objects.create(
        title="Ablaufplan", file=ContentFile(b"Plan", name="plan_v2.pdf"), collection=collection
    )
    plan.tags.add("Workshop", "Sommer")
    listed = [
        Document.objects.create(title=title, file=ContentFile(b"Liste", name=FILE_NAME))
        for title in ("Teilnehmerliste", "Fatima_Hassan_Teilnehmerliste")
    ]
    # The second file's name was taken: Django added a suffix, the title is the uploader's name.
    assert listed[1].file.name != f"documents/{FILE_NAME}"
    method = MethodPageFactory(parent=ToolboxPageFactory(parent=build_site()["de"]))
    MethodWorksheet.objects.create(page=method, document_id=plan.pk, label="Plan")
    old_files = [document.file.name for document in (plan, *listed)]

    migrate()

    assert not Document.objects.exists()
    moved = CustomDocument.objects.get(pk=plan.pk)
    assert moved.title == "Ablaufplan"
    assert moved.collection == collection
    assert set(moved.tags.names()) == {"Workshop", "Sommer"}
    assert re.fullmatch(r"documents/[0-9a-f]{32}\.pdf", moved.file.name)
    with moved.open_file() as file:
        assert file.read() == b"Plan"
    assert moved.url == f"/documents/{plan.pk}/ablaufplan.pdf"
    assert MethodWorksheet.objects.get(page=method).document == moved
    assert f'href="{moved.url}"' in expand_db_html(f'<a linktype="document" id="{plan.pk}">x</a>')
    assert list(CustomDocument.objects.search("Ablaufplan")) == [moved]

    kept, renamed = (CustomDocument.objects.get(pk=document.pk) for document in listed)
    assert kept.title == "Teilnehmerliste"
    assert renamed.title.startswith("Dokument vom ")
    for document in (kept, renamed):
        assert "Fatima" not in document.file.name and "fatima" not in document.url
        with document.open_file() as file:
            assert file.read() == b"Liste"
    assert not any(default_storage.exists(name) for name in old_files)

    # New documents take ids after the moved ones.
    new = CustomDocument.objects.create(title="Neu", file=ContentFile(b"Neu", name="neu.txt"))
    assert new.pk > renamed.pk
