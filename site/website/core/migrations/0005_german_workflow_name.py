from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
# The editors work in German: Wagtail's default workflow and its task get a German name
# ("Zur Freigabe durch die Redaktion einreichen"), not an English one inside German text.
GERMAN_NAME = "Freigabe durch die Redaktion"


def rename(apps, old, new):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def to_german(apps, schema_editor):
    rename(apps, WAGTAIL_NAME, GERMAN_NAME)


def to_wagtails(apps, schema_editor):
    rename(apps, GERMAN_NAME, WAGTAIL_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_social_links_web_addresses"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_german, to_wagtails)]
