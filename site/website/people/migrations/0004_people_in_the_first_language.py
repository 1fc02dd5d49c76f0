# Every person and partner made before they were translatable is an original in the site's
# first language.

from django.db import migrations

from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0003_translatable_fields'),
    ]

    operations = [
        BootstrapTranslatableModel('people.PartnerOrganisation'),
        BootstrapTranslatableModel('people.Person'),
    ]
