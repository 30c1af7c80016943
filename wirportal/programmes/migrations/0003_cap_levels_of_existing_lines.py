"""Data: the level of the caps of the existing WIR lines (grant-law-examples.md A5–A10).

Lines "je Antrag und Jahr" (Vielfaltszentren, Migrantenorganisationen) cap per project year;
unit rates cap per person (Lotsen hours), per client (interpreters: at most 5 assignments),
per course (Deutsch 4U) or per year. Lines not named keep the default (per application / row).
"""

from decimal import Decimal

from django.db import migrations

LINE_LEVELS = {"vielfaltszentren": "jahr", "migrantenorganisationen": "jahr"}
RATE_LEVELS = {
    ("lotsen", "stunde"): ("person", None),
    ("lotsen", "koordination"): ("jahr", None),
    ("laiendolmetscher", "einsatz"): ("klient", Decimal("5")),
    ("deutsch4u", "ue"): ("kurs", None),
    ("deutsch4u", "kinderbetreuung"): ("kurs", None),
    ("vielfaltszentren", "koordination"): ("jahr", None),
    ("vielfaltszentren", "mitarbeit"): ("jahr", None),
    ("vielfaltszentren", "mikroprojekte"): ("jahr", None),
    ("migrantenorganisationen", "projekt"): ("jahr", None),
    ("migrantenorganisationen", "minijob"): ("jahr", None),
}


def forwards(apps, schema_editor):
    FundingLine = apps.get_model("programmes", "FundingLine")
    UnitRate = apps.get_model("programmes", "UnitRate")
    for code, level in LINE_LEVELS.items():
        FundingLine.objects.filter(code=code).update(cap_level=level)
    for (line_code, rate_code), (level, max_units) in RATE_LEVELS.items():
        rates = UnitRate.objects.filter(line__code=line_code, code=rate_code)
        rates.update(cap_level=level)
        if max_units is not None:
            rates.filter(max_units__isnull=True).update(max_units=max_units)


def backwards(apps, schema_editor):
    pass  # the columns go with the schema migration


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_grant_caps_by_level")]

    operations = [migrations.RunPython(forwards, backwards)]
