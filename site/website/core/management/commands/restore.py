"""`manage.py restore site.tar.gz`: the site as `manage.py backup` saved it.

Migrates the database, replaces its content with the archive's, puts the files back into the
storages, empties the caches, rebuilds the search index and compares the counts with the
archive's manifest. A database that already holds content is replaced only with --force.
"""

import json
import os
import tarfile
import tempfile
from pathlib import PurePosixPath

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from .backup import DATA, FORMAT_VERSION, MANIFEST, STORAGE_ALIASES, content_counts


def existing_content():
    """What the database holds beyond what migrations create (Wagtail's root and welcome page)."""
    try:
        found = {
            "pages": Page.objects.filter(depth__gt=2).count(),
            "revisions": Revision.objects.count(),
            "images": get_image_model().objects.count(),
            "documents": get_document_model().objects.count(),
            "users": get_user_model().objects.count(),
        }
    except DatabaseError:  # no tables yet: a new database
        return {}
    return {name: count for name, count in found.items() if count}


def stored_name(member):
    """(storage alias, file name) of an archive member under files/, or None."""
    path = PurePosixPath(member.name)
    if not member.isfile() or len(path.parts) < 3 or path.parts[0] != "files":
        return None
    alias, name = path.parts[1], "/".join(path.parts[2:])
    if alias not in STORAGE_ALIASES or path.is_absolute() or ".." in path.parts:
        raise CommandError(f"The archive holds a file outside the storages: {member.name}")
    return alias, name


class Command(BaseCommand):
    help = "Restores the database content and all media files from a `backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="An archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty.",
        )

    def handle(self, *args, archive, force, **options):
        with tarfile.open(archive, "r:gz") as tar:
            manifest = self.read_manifest(tar)
            found = existing_content()
            if found and not force:
                listed = ", ".join(f"{count} {name}" for name, count in found.items())
                raise CommandError(
                    f"The database is not empty ({listed}). Restoring replaces all of it; "
                    "run again with --force if that is what you want."
                )
            self.stdout.write("Migrating the database …")
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write("Loading the content …")
            call_command("flush", interactive=False, verbosity=0)
            with tempfile.TemporaryDirectory() as folder:
                tar.extract(DATA, folder, filter="data")
                call_command("loaddata", os.path.join(folder, DATA), verbosity=0)
            self.restore_files(tar)
        for cache in caches.all():
            cache.clear()  # nothing the old content left there may be served
        self.stdout.write("Rebuilding the search index …")
        call_command("update_index", verbosity=0)
        self.report(manifest)

    def read_manifest(self, tar):
        try:
            manifest = json.load(tar.extractfile(MANIFEST))
        except KeyError:
            raise CommandError(f"{tar.name} is not an archive of `manage.py backup`.") from None
        if manifest.get("format") != FORMAT_VERSION:
            raise CommandError(f"Unknown archive format {manifest.get('format')}.")
        self.stdout.write(f"Archive of {manifest['created']} ({manifest['database']})")
        return manifest

    def restore_files(self, tar):
        count = 0
        for member in tar:
            target = stored_name(member)
            if target is None:
                continue
            alias, name = target
            storage = storages[alias]
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(tar.extractfile(member), name=name))
            if saved != name:
                raise CommandError(f"{name} could not be restored under its own name.")
            count += 1
            if count % 100 == 0:
                self.stdout.write(f"  {count} files …")
        self.stdout.write(f"  {count} files restored")

    def report(self, manifest):
        counts = content_counts()
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count} (archive: {manifest['counts'].get(name)})")
        differing = [name for name, count in counts.items() if manifest["counts"][name] != count]
        if differing:
            raise CommandError(f"Restored counts differ from the archive's: {', '.join(differing)}")
        self.stdout.write(self.style.SUCCESS("Restore complete."))
