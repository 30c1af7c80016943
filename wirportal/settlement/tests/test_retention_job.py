"""Brief G as a job: the Belegliste is deleted after the retention period, figures kept,
logged without the deleted data, twice changes nothing; staff see it a month ahead."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from wirportal.audit.models import AuditEntry
from wirportal.settlement import selectors, services
from wirportal.settlement.models import ProofOfUse, ProofReceipt

from .factories import accepted_decision


@pytest.fixture
def submitted(world):
    """Final proof submitted Fri 10.03.2028 (G1) with two receipts."""
    applicant = world.users["applicant_a"]
    decision = accepted_decision(organisation=world["org_a"], applicant=applicant)
    proof = services.proof_start(decision=decision, by=applicant)
    for payee in ("Kursleitung Müller", "Druckerei Grün"):
        services.receipt_add(
            proof=proof,
            by=applicant,
            paid_on=date(2027, 3, 1),
            payee=payee,
            purpose="Honorar",
            amount=D("100"),
        )
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Bericht",
        participants=None,
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={row.pk: (row.planned, None) for row in proof.cost_lines.all()},
    )
    services.proof_submit(proof=proof, by=applicant)
    ProofOfUse.objects.filter(pk=proof.pk).update(
        submitted_at=datetime(2028, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    )
    return proof


def test_g1_receipts_kept_until_10_03_2033_then_deleted_once(submitted):
    assert services.receipts_retention_purge(today=date(2033, 3, 10)) == 0
    assert ProofReceipt.objects.filter(proof=submitted).count() == 2
    assert services.receipts_retention_purge(today=date(2033, 3, 11)) == 1
    proof = ProofOfUse.objects.get(pk=submitted.pk)
    assert ProofReceipt.objects.filter(proof=proof).count() == 0
    assert ProofReceipt.history.filter(proof_id=proof.pk).count() == 0
    assert (proof.receipts_count, proof.receipts_total) == (2, D("200.00"))
    assert services.receipts_retention_purge(today=date(2033, 3, 12)) == 0  # twice: nothing
    entry = AuditEntry.objects.get(action="proof_of_use.receipts_purged")
    assert "Müller" not in str(entry.data) and entry.data["rows"] == 2


def test_staff_see_the_deletion_a_month_ahead(submitted):
    assert selectors.receipts_retention(today=date(2033, 2, 1), ahead_days=31) == []
    due = selectors.receipts_retention(today=date(2033, 2, 15), ahead_days=31)
    assert [(proof.pk, end) for proof, end in due] == [(submitted.pk, date(2033, 3, 10))]


def test_the_period_is_data(submitted):
    from wirportal.settlement.models import RetentionRule

    RetentionRule.objects.filter(record_class="belege").update(years=10)
    assert services.receipts_retention_purge(today=date(2033, 3, 11)) == 0
    assert services.receipts_retention_purge(today=date(2038, 3, 11)) == 1
