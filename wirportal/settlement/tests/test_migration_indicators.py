"""Migration 0009: the old `ProofOfUse.participants` column is folded into the indicator
"participants" of the proof's line (added, optional, to a line whose defaults have none)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wirportal.settlement import services
from wirportal.settlement.models import LineIndicator, ProofIndicatorValue

from .factories import accepted_decision

BEFORE = [("settlement", "0008_indicators_and_receipt_sample")]


@pytest.mark.django_db(transaction=True)
def test_participants_become_indicator_values(world):
    applicant = world.users["applicant_a"]
    lotsen = services.proof_start(
        decision=accepted_decision(organisation=world["org_a"], applicant=applicant, code="lotsen"),
        by=applicant,
    )
    course = services.proof_start(
        decision=accepted_decision(
            organisation=world["org_a"], applicant=applicant, code="deutsch4u"
        ),
        by=applicant,
    )
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        with connection.cursor() as cursor:
            for proof, count in ((lotsen, 17), (course, 24)):
                cursor.execute(
                    "UPDATE settlement_proofofuse SET participants = %s WHERE id = %s",
                    [count, proof.pk],
                )
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
    values = {
        row.proof_id: (row.indicator.key, row.value, row.indicator.required)
        for row in ProofIndicatorValue.objects.select_related("indicator")
    }
    assert values[course.pk] == ("participants", 24, True)  # the line's own indicator
    assert values[lotsen.pk] == ("participants", 17, False)  # added to the line, optional
    keys = LineIndicator.objects.filter(line=lotsen.decision.application.line).values_list(
        "key", flat=True
    )
    assert list(keys) == ["guides_trained", "guide_hours", "participants"]
