"""Wagtail's own documents become CustomDocuments with the same ids, so links to them in rich
text and blocks keep working, and with their collections, tags, history and search entries.

Each file is copied to a random name, and a title that is the file's name becomes a neutral
one. 0003 removes the old rows and files once nothing points to them any more.
"""

import contextlib
import os
import re

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations
from django.utils import translation

from website.documents.models import document_path, neutral_title
from website.file_names import looks_like_file_name

FIELDS = [
    "id",
    "title",
    "created_at",
    "uploaded_by_user_id",
    "file_size",
    "file_hash",
    "collection_id",
]
# Rows of other apps that name a document by its content type and id.
CONTENT_TYPE_LINKS = [
    ("taggit", "TaggedItem", "content_type"),
    ("wagtailcore", "ReferenceIndex", "content_type"),
    ("wagtailcore", "ReferenceIndex", "base_content_type"),
    ("wagtailcore", "ReferenceIndex", "to_content_type"),
    ("wagtailcore", "ModelLogEntry", "content_type"),
    ("wagtailcore", "UploadedFile", "for_content_type"),
    ("wagtailsearch", "IndexEntry", "content_type"),
]
# What Django adds to a file name that is taken already.
DJANGO_SUFFIX = re.compile(r"_[A-Za-z0-9]{7}$")


def models(apps):
    return apps.get_model("wagtaildocs", "Document"), apps.get_model("documents", "CustomDocument")


def relink(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old, new = (
        ContentType.objects.get_or_create(app_label=m._meta.app_label, model=m._meta.model_name)[0]
        for m in (source, target)
    )
    for app_label, model, field in CONTENT_TYPE_LINKS:
        apps.get_model(app_label, model).objects.filter(**{field: old}).update(**{field: new})


def copy_rows(source, target, schema_editor, change=lambda row: row):
    target.objects.bulk_create(
        change(target(file=row.file.name, **{name: getattr(row, name) for name in FIELDS}))
        for row in source.objects.order_by("pk")
    )
    # Rows written with their ids leave PostgreSQL's sequence behind.
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [target]):
            cursor.execute(sql)


def was_file_name(title, stored_name):
    root, extension = os.path.splitext(os.path.basename(stored_name))
    uploaded_name = DJANGO_SUFFIX.sub("", root) + extension
    return not title.strip() or any(
        looks_like_file_name(title, name) for name in (stored_name, uploaded_name)
    )


def forwards(apps, schema_editor):
    Document, CustomDocument = models(apps)
    storage = CustomDocument._meta.get_field("file").storage
    copies = []

    def renamed(document):
        old_name = document.file.name
        if was_file_name(document.title, old_name):
            document.title = neutral_title(document.created_at)
        document.file = document_path(document, old_name)
        if storage.exists(old_name):
            with storage.open(old_name) as content:
                document.file = storage.save(document.file.name, content)
            copies.append(document.file.name)
        return document

    try:
        with translation.override(settings.LANGUAGE_CODE):
            copy_rows(Document, CustomDocument, schema_editor, renamed)
        relink(apps, Document, CustomDocument)
    except BaseException:
        for name in copies:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise


def backwards(apps, schema_editor):
    Document, CustomDocument = models(apps)
    relink(apps, CustomDocument, Document)
    # Their files stay: 0003's reverse gave the old rows the same ones.
    CustomDocument.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
