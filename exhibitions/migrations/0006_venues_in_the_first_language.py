# Every venue made before venues were translatable is an original in the site's first language.

from django.db import migrations

from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):

    dependencies = [
        ('exhibitions', '0005_translatable_fields'),
    ]

    operations = [
        BootstrapTranslatableModel('exhibitions.Venue'),
    ]
