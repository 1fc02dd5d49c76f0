"""Removes the files Wagtail's multiple upload kept as they were sent.

When another field of its form failed, Wagtail stored the file unsanitised (camera data, GPS,
the uploader's file name) in the public default storage, as an `UploadedFile` for later. The
admin no longer does (website.images.multiple_upload), so what is left is removed once, here:
a migration runs on every deployment before the new code answers, and needs no worker.
"""

from django.db import migrations


def remove_raw_uploads(apps, schema_editor):
    UploadedFile = apps.get_model("wagtailcore", "UploadedFile")
    for upload in UploadedFile.objects.all():
        upload.file.delete(save=False)
        upload.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0002_participants"),
        ("wagtailcore", "0093_uploadedfile"),
    ]

    operations = [migrations.RunPython(remove_raw_uploads, migrations.RunPython.noop)]
