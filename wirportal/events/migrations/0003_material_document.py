import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 1 of 3: materials get a link to the shared upload store (nullable while copying)."""

    dependencies = [
        ("documents", "0001_initial"),
        ("events", "0002_event_cancellation"),
    ]

    operations = [
        migrations.AddField(
            model_name="material",
            name="document",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="documents.storeddocument",
                verbose_name="Datei",
            ),
        ),
        migrations.AddField(
            model_name="historicalmaterial",
            name="document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="documents.storeddocument",
                verbose_name="Datei",
            ),
        ),
    ]
