import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Step 3 of 3: the file lives only in the shared store now; the old columns go."""

    dependencies = [("events", "0004_material_to_documents")]

    operations = [
        migrations.RemoveField(model_name="material", name="file"),
        migrations.RemoveField(model_name="material", name="token"),
        migrations.RemoveField(model_name="material", name="size"),
        migrations.RemoveField(model_name="historicalmaterial", name="file"),
        migrations.RemoveField(model_name="historicalmaterial", name="token"),
        migrations.RemoveField(model_name="historicalmaterial", name="size"),
        migrations.AlterField(
            model_name="material",
            name="document",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="documents.storeddocument",
                verbose_name="Datei",
            ),
        ),
    ]
