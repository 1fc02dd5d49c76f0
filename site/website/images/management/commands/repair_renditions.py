import json
import sys

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from wagtail.images import get_image_model

from website.images.renditions import ADMIN_THUMBNAIL, PUBLISH_SPECS, generate

CHECKPOINT = "maintenance/repair-renditions.json"


class Command(BaseCommand):
    help = (
        "Finds renditions whose files are missing and makes every image's set of renditions "
        "anew where it is incomplete. With --regenerate, remakes all of them. "
        "Interrupted, it carries on where it stopped when run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help="Delete and remake every rendition (after a change of sizes or quality).",
        )
        parser.add_argument(
            "--restart", action="store_true", help="Ignore where an earlier run stopped."
        )

    def handle(self, *args, regenerate=False, restart=False, **options):
        images = get_image_model().objects.order_by("pk")
        done_up_to = 0 if restart else self.read_checkpoint(regenerate)
        if done_up_to:
            self.stdout.write(f"Carrying on after image {done_up_to}.")

        missing = self.drop_renditions_without_files(images.filter(pk__gt=done_up_to))
        self.stdout.write(f"Renditions whose file was missing: {missing}")

        todo = images.filter(pk__gt=done_up_to)
        total, made, failed = todo.count(), 0, []
        for number, image in enumerate(todo.iterator(), start=1):
            if regenerate:
                image.renditions.all().delete()
            try:
                made += generate(image, [*PUBLISH_SPECS, ADMIN_THUMBNAIL])
            except Exception as error:  # noqa: BLE001 (one broken original must not stop the run)
                failed.append(image.pk)
                self.stderr.write(f"\nImage {image.pk}: {error}")
            self.write_checkpoint(image.pk, regenerate)
            self.progress(number, total)

        default_storage.delete(CHECKPOINT)
        self.stdout.write(
            self.style.SUCCESS(f"\nRenditions made: {made}; images that failed: {len(failed)}")
        )
        if failed:
            self.stdout.write(
                "Failed images (is their original missing or damaged?): "
                + ", ".join(map(str, failed))
            )

    def drop_renditions_without_files(self, images):
        Rendition = get_image_model().get_rendition_model()
        gone = []
        for rendition in Rendition.objects.filter(image__in=images).iterator():
            if not rendition.file.storage.exists(rendition.file.name):
                gone.append(rendition.pk)
        for rendition in Rendition.objects.filter(pk__in=gone):
            rendition.delete()  # one by one, so each leaves the rendition cache too
        return len(gone)

    def progress(self, number, total):
        width = 30
        filled = width * number // max(total, 1)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {number}/{total} images"
        if sys.stdout.isatty():
            self.stdout.write(f"\r{line}", ending="")
        elif number == total or number % max(total // 10, 1) == 0:
            self.stdout.write(line)

    def read_checkpoint(self, regenerate):
        if not default_storage.exists(CHECKPOINT):
            return 0
        with default_storage.open(CHECKPOINT) as file:
            checkpoint = json.load(file)
        return checkpoint["image"] if checkpoint["regenerate"] == regenerate else 0

    def write_checkpoint(self, image_pk, regenerate):
        default_storage.delete(CHECKPOINT)
        checkpoint = {"image": image_pk, "regenerate": regenerate}
        default_storage.save(CHECKPOINT, ContentFile(json.dumps(checkpoint)))
