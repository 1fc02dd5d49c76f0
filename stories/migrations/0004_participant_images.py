"""Who a photo shows is stored by the stories app, keyed on the image.

It used to be the image's own field (images 0002 added the table `images_customimage_participants`
in databases made before). Where that table exists, its rows move to the new one and it goes.
"""

from django.db import migrations, models

OLD_TABLE = "images_customimage_participants"


def move_from_the_image_table(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    through = apps.get_model("stories", "Participant").images.through
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT customimage_id, participant_id FROM {quote(OLD_TABLE)}")
        rows = cursor.fetchall()
    through.objects.using(schema_editor.connection.alias).bulk_create(
        through(customimage_id=image_id, participant_id=participant_id)
        for image_id, participant_id in rows
    )
    schema_editor.execute(f"DROP TABLE {quote(OLD_TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ('images', '0003_remove_raw_uploads'),
        ('stories', '0003_body_clean_rich_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='participant',
            name='images',
            field=models.ManyToManyField(blank=True, related_name='participants', to='images.customimage', verbose_name='images'),
        ),
        migrations.RunPython(move_from_the_image_table, migrations.RunPython.noop),
    ]
