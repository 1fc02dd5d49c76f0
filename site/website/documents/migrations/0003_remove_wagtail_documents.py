"""Wagtail's own document rows and their files go, now that nothing points to them: the
toolbox's worksheets point to the CustomDocuments (its migration 0002 runs before this one)."""

import contextlib
from importlib import import_module

from django.db import migrations, transaction

copied = import_module("website.documents.migrations.0002_from_wagtail_documents")


def forwards(apps, schema_editor):
    Document, CustomDocument = copied.models(apps)
    storage = Document._meta.get_field("file").storage
    kept = set(CustomDocument.objects.values_list("file", flat=True))
    names = set(Document.objects.values_list("file", flat=True)) - kept
    Document.objects.all().delete()

    def delete_files():
        for name in names:
            with contextlib.suppress(OSError):
                storage.delete(name)

    transaction.on_commit(delete_files)


def backwards(apps, schema_editor):
    Document, CustomDocument = copied.models(apps)
    copied.copy_rows(CustomDocument, Document, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_from_wagtail_documents")]

    operations = [migrations.RunPython(forwards, backwards)]
