"""The first version of the IKÖ self-check (catalogue.py), published. Idempotent; programme
staff make later versions on the portal."""

from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from wirportal.opening import catalogue

    Questionnaire = apps.get_model("opening", "Questionnaire")
    ActionField = apps.get_model("opening", "ActionField")
    Indicator = apps.get_model("opening", "Indicator")
    if Questionnaire.objects.exists():
        return
    questionnaire = Questionnaire.objects.create(
        version=1, title=catalogue.TITLE, levels=list(catalogue.LEVELS), published_at=timezone.now()
    )
    for position, (code, name, description, suggestions, indicators) in enumerate(
        catalogue.FIELDS, start=1
    ):
        field = ActionField.objects.create(
            questionnaire=questionnaire,
            code=code,
            position=position,
            name=name,
            description=description,
            suggestions=list(suggestions),
        )
        for number, text in enumerate(indicators, start=1):
            Indicator.objects.create(field=field, position=number, text=text)


class Migration(migrations.Migration):
    dependencies = [("opening", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
