"""Reference data: the Basiszinssatz per half-year (settlement/reference.py) and the default
retention rules (brief G). Idempotent; staff maintain both afterwards."""

from django.db import migrations

RETENTION_RULES = [
    (
        "belege",
        "Belege, Verträge und Belegliste des Verwendungsnachweises",
        "vn_eingereicht",
        5,
        "ANBest-P Nr. 6 (Bundesfassung Nr. 6.5: fünf Jahre nach Vorlage des "
        "Verwendungsnachweises); hessische Fassung prüfen",
    ),
    (
        "teilnehmendenlisten",
        "Personenbezogene Teilnehmendenlisten (z. B. Lotsen-Schulungen)",
        "vn_eingereicht",
        5,
        "ANBest-P Nr. 6 mit Art. 5 Abs. 1 Buchst. e DSGVO (Speicherbegrenzung); "
        "hessische Fassung prüfen",
    ),
    (
        "foerderakte",
        "Förderakte (Antrag, Bescheid, Verwendungsnachweis, Abrechnung)",
        "vn_eingereicht",
        5,
        "ANBest-P Nr. 6; mindestens so lange wie die Belege des Zuwendungsempfängers; "
        "hessische Fassung prüfen",
    ),
]


def load(apps, schema_editor):
    from wirportal.settlement.reference import BASE_RATES

    BaseRate = apps.get_model("settlement", "BaseRate")
    for day, rate in BASE_RATES:
        BaseRate.objects.get_or_create(
            effective_from=day,
            defaults={"rate": rate, "source": "Deutsche Bundesbank, Basiszinssatz (§ 247 BGB)"},
        )
    RetentionRule = apps.get_model("settlement", "RetentionRule")
    for record_class, label, start_event, years, legal_basis in RETENTION_RULES:
        RetentionRule.objects.get_or_create(
            record_class=record_class,
            defaults={
                "label": label,
                "start_event": start_event,
                "years": years,
                "legal_basis": legal_basis,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("settlement", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
