"""`manage.py backup site.tar.gz`: the whole site in one archive, for `manage.py restore`.

The archive holds:
  manifest.json      when and from what it was made, and the counts restore checks against
  data.json          every app's rows with their own ids; links to content types and
                     permissions by name, because their ids differ between databases (so the
                     archive loads into SQLite or PostgreSQL alike)
  files/<storage>/…  every file of the public media storage ("default") and of the private
                     storage of image originals and renditions ("private"), read through the
                     storages, so S3 works as well as local folders

Left out, because the target rebuilds them: content types and permissions (made by migrate),
sessions, task results, the search index (restore runs update_index) and who-is-editing state.
"""

import io
import json
import os
import tarfile
import tempfile

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.serializers import json as json_serializer
from django.db import connection
from django.utils import timezone

import wagtail
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

STORAGE_ALIASES = ("default", "private")
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_tasks_database",
    "wagtailsearch",
    "wagtailadmin.editingsession",
]
# Made by migrate on the target with ids of its own: linked to by their names.
NAMED_MODELS = (ContentType, Permission)
SERIALIZER = "site-json"
MANIFEST = "manifest.json"
DATA = "data.json"
FORMAT_VERSION = 1


class Serializer(json_serializer.Serializer):
    """Django's JSON, with natural keys only for links to content types and permissions.

    Other models' natural keys are not unique enough (a page's URL path) or point at rows
    that are gone (the log of a deleted page keeps its id), so links to them keep their ids.
    loaddata reads both kinds with the plain "json" format.
    """

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NAMED_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NAMED_MODELS
        super().handle_m2m_field(obj, field)


Deserializer = json_serializer.Deserializer


def content_counts():
    """What a person would miss after a bad restore, counted."""
    image_model = get_image_model()
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": image_model.objects.count(),
        "renditions": image_model.get_rendition_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def storage_files(storage, folder=""):
    """Every file name in a storage, walking its folders (listdir works for S3 too)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage nothing was ever stored in
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, f"{folder}/{name}" if folder else name)


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


class Command(BaseCommand):
    help = "Writes the database content and all media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive to write, for example site.tar.gz.")

    def handle(self, *args, archive, **options):
        with tempfile.TemporaryDirectory() as folder:
            data_file = os.path.join(folder, DATA)
            self.stdout.write("Dumping the database …")
            serializers.register_serializer(SERIALIZER, __name__)
            call_command(
                "dumpdata",
                format=SERIALIZER,
                exclude=EXCLUDED,
                indent=None,
                output=data_file,
                verbosity=0,
            )
            partial = f"{archive}.partial"
            file_counts = {}
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(data_file, arcname=DATA)
                for alias in STORAGE_ALIASES:
                    file_counts[alias] = self.add_storage(tar, alias)
                manifest = {
                    "format": FORMAT_VERSION,
                    "created": timezone.now().isoformat(),
                    "database": connection.vendor,
                    "wagtail": wagtail.__version__,
                    "counts": content_counts(),
                    "files": file_counts,
                }
                add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            # Only a complete archive gets the name asked for.
            os.replace(partial, archive)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
        for name, count in {**manifest["counts"], **file_counts}.items():
            self.stdout.write(f"  {name}: {count}")

    def add_storage(self, tar, alias):
        storage = storages[alias]
        count = 0
        for name in storage_files(storage):
            info = tarfile.TarInfo(f"files/{alias}/{name}")
            info.size = storage.size(name)
            info.mtime = int(storage.get_modified_time(name).timestamp())
            with storage.open(name, "rb") as file:
                tar.addfile(info, file)
            count += 1
            if count % 100 == 0:
                self.stdout.write(f"  {alias}: {count} files …")
        self.stdout.write(f"  {alias}: {count} files")
        return count
