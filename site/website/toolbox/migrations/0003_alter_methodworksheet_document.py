import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_from_wagtail_documents"),
        ("toolbox", "0002_steps_clean_rich_text"),
    ]
    # Wagtail's own document rows are removed there, once no worksheet points to them.
    run_before = [("documents", "0003_remove_wagtail_documents")]

    operations = [
        migrations.AlterField(
            model_name="methodworksheet",
            name="document",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="documents.customdocument",
                verbose_name="document",
            ),
        ),
    ]
