"""The content tokens moved to the `versions` cache (core.caching, ADR 0013): the table goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_content_version")]

    operations = [migrations.DeleteModel(name="ContentVersion")]
