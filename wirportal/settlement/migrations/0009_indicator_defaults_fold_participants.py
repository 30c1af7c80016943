"""Data: the default indicators of the Sachbericht for every funding line on record
(`indicators.defaults_for`, domain.md 4.2), and the old `ProofOfUse.participants` column folded
into the indicator "participants" of the proof's line (an optional one is added to a line whose
defaults have none), so there is one place to aggregate from (issue #14)."""

from django.db import migrations

from wirportal.settlement.indicators import PARTICIPANTS, defaults_for


def forwards(apps, schema_editor):
    FundingLine = apps.get_model("programmes", "FundingLine")
    LineIndicator = apps.get_model("settlement", "LineIndicator")
    ProofOfUse = apps.get_model("settlement", "ProofOfUse")
    ProofIndicatorValue = apps.get_model("settlement", "ProofIndicatorValue")
    for line in FundingLine.objects.exclude(indicators__isnull=False).order_by("pk"):
        LineIndicator.objects.bulk_create(
            LineIndicator(
                line=line,
                key=default.key,
                label=default.label,
                kind=default.kind,
                required=default.required,
                position=position,
            )
            for position, default in enumerate(defaults_for(line.code))
        )
    proofs = ProofOfUse.objects.filter(participants__isnull=False).select_related(
        "decision__application__line"
    )
    for proof in proofs:
        line = proof.decision.application.line
        indicator = LineIndicator.objects.filter(line=line, key=PARTICIPANTS.key).first()
        if indicator is None:
            indicator = LineIndicator.objects.create(
                line=line,
                key=PARTICIPANTS.key,
                label=PARTICIPANTS.label,
                kind=PARTICIPANTS.kind,
                required=False,
                position=LineIndicator.objects.filter(line=line).count(),
            )
        ProofIndicatorValue.objects.update_or_create(
            proof=proof, indicator=indicator, defaults={"value": proof.participants}
        )


class Migration(migrations.Migration):
    dependencies = [("settlement", "0008_indicators_and_receipt_sample")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="historicalproofofuse", name="participants"),
        migrations.RemoveField(model_name="proofofuse", name="participants"),
    ]
