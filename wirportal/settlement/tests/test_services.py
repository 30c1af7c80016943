"""Proof of use end to end through the services: start, save, receipts, submit, check, settle."""

from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.decisions.models import DecisionStatus
from wirportal.settlement import selectors, services
from wirportal.settlement.interest import compute_interest
from wirportal.settlement.models import (
    BaseRate,
    CheckResult,
    LineSettlementRules,
    ProofStatus,
    RetentionRule,
)
from wirportal.settlement.retention import StartEvent, retention_end

from .factories import accepted_decision, sample_checked


@pytest.fixture
def decision(world):
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def fill(proof, by, *, fees="7500", material="500", own="1500", third="0"):
    lines = {row.label: row.pk for row in proof.cost_lines.all()}
    return services.proof_save(
        proof=proof,
        by=by,
        report="Zwei Kurse mit 24 Teilnehmenden durchgeführt.",
        participants=24,
        own_funds=D(own),
        third_party_funds=D(third),
        lines={lines["Honorare"]: (D(fees), None), lines["Sachausgaben"]: (D(material), None)},
    )


def test_base_rates_are_reference_data_from_the_migration(db):
    rates = {rate.effective_from: rate.rate for rate in selectors.base_rates()}
    assert rates[date(2025, 1, 1)] == D("2.27")
    assert rates[date(2025, 7, 1)] == D("1.27")
    assert date(2026, 1, 1) not in rates  # not known when this was written: refused, not guessed
    result = compute_interest(
        principal=D("800"),
        start=date(2025, 3, 3),
        end=date(2025, 9, 30),
        base_rates=selectors.base_rates(),
    )
    assert result.amount == D("31.60")  # D1 from the table staff maintain


def test_staff_can_add_the_next_half_year(db):
    BaseRate.objects.create(effective_from=date(2026, 1, 1), rate=D("1.27"), source="Test")
    result = compute_interest(
        principal=D("100"),
        start=date(2025, 12, 31),
        end=date(2026, 1, 31),
        base_rates=selectors.base_rates(),
    )
    assert result.periods[0].rate == D("6.27")


def test_g1_retention_rule_is_data(db):
    rule = RetentionRule.objects.get(record_class="belege")
    assert (rule.years, rule.start_event) == (5, StartEvent.PROOF_SUBMITTED)
    assert "ANBest-P" in rule.legal_basis
    assert retention_end(date(2028, 3, 10), rule.years) == date(2033, 3, 10)


def test_c1_due_date_three_months_after_the_project_end(decision, world):
    proof = services.proof_start(decision=decision, by=world.users["applicant_a"])
    assert proof.due_on == date(2028, 2, 29)  # project end 30.11.2027 + 3 months (§ 188 Abs. 3)
    assert [(row.label, row.planned) for row in proof.cost_lines.all()] == [
        ("Honorare", D("6000.00")),
        ("Sachausgaben", D("2000.00")),
    ]
    # starting again gives the same proof
    assert services.proof_start(decision=decision, by=world.users["applicant_a"]) == proof


def test_f2_interim_proof_due_by_the_line_setting(decision, world):
    LineSettlementRules.objects.create(
        line=decision.application.line, interim_proof_day=31, interim_proof_month=5
    )
    proof = services.proof_start(decision=decision, by=world.users["applicant_a"], year=2027)
    assert proof.due_on == date(2028, 5, 31)


@pytest.mark.parametrize(
    "role", ["applicant_b", "case_worker", "reviewer", "coordinator_x", "admin"]
)
def test_only_members_of_the_recipient_start_a_proof(decision, world, role):
    with pytest.raises(NotAllowed):
        services.proof_start(decision=decision, by=world.users[role])


def test_no_proof_before_acceptance(world):
    decision = accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])
    type(decision).objects.filter(pk=decision.pk).update(status=DecisionStatus.ISSUED)
    decision = type(decision).objects.get(pk=decision.pk)
    with pytest.raises(NotAllowed):
        services.proof_start(decision=decision, by=world.users["applicant_a"])


def test_submit_refuses_missing_figures_next_to_the_field(decision, world):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    with pytest.raises(DomainError) as error:
        services.proof_submit(proof=proof, by=applicant)
    assert error.value.field == "report"
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Bericht",
        participants=None,
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={},
    )
    with pytest.raises(DomainError) as error:
        services.proof_submit(proof=proof, by=applicant)
    first_line = proof.cost_lines.first()
    assert error.value.field == f"actual_{first_line.pk}"
    proof = type(proof).objects.get(pk=proof.pk)
    assert proof.status == ProofStatus.DRAFT and proof.report == "Bericht"  # nothing lost


def test_c7_whole_flow_settles_with_repayment_300(decision, world):
    applicant, case_worker = world.users["applicant_a"], world.users["case_worker"]
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant)
    services.receipt_add(
        proof=proof,
        by=applicant,
        paid_on=date(2027, 3, 1),
        payee="Kursleitung Müller",
        purpose="Honorar Kurs 1",
        amount=D("3750"),
    )
    proof = services.proof_submit(proof=proof, by=applicant)
    assert proof.status == ProofStatus.SUBMITTED
    with pytest.raises(NotAllowed):  # no more changes after submission
        fill(proof, applicant)
    with pytest.raises(NotAllowed):  # the recipient does not check its own proof
        services.proof_check(proof=proof, by=applicant, result=CheckResult.PASSED)
    with pytest.raises(NotAllowed):
        services.proof_check(proof=proof, by=world.users["reviewer"], result=CheckResult.PASSED)
    sample_checked(proof, case_worker)
    proof = services.proof_check(proof=proof, by=case_worker, result=CheckResult.PASSED)
    proof = services.proof_settle(proof=proof, by=case_worker)
    assert proof.status == ProofStatus.SETTLED
    assert (proof.final_grant, proof.repayment) == (D("6200.00"), D("300.00"))
    assert any("ANBest-P Nr. 1.2" in step for step in proof.settlement_steps)
    entry = AuditEntry.objects.get(action="proof_of_use.settled")
    assert entry.data["repayment"] == "300.00"


def test_c8_small_amount_waiver_is_recorded(decision, world):
    LineSettlementRules.objects.create(line=decision.application.line, small_amount_limit=D("50"))
    applicant, case_worker = world.users["applicant_a"], world.users["case_worker"]
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant, fees="5960", material="2000")  # 40 less
    services.proof_submit(proof=proof, by=applicant)
    services.proof_check(proof=proof, by=case_worker, result=CheckResult.PASSED)
    proof = services.proof_settle(proof=proof, by=case_worker)
    assert (proof.final_grant, proof.repayment, proof.small_amount_waived) == (
        D("6460.00"),
        D("0.00"),
        True,
    )
    entry = AuditEntry.objects.get(action="proof_of_use.settled")
    assert entry.data["small_amount_waived"] is True and entry.data["overpaid"] == "40.00"


def test_check_with_objections_needs_a_note(decision, world):
    applicant, case_worker = world.users["applicant_a"], world.users["case_worker"]
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant)
    services.proof_submit(proof=proof, by=applicant)
    with pytest.raises(DomainError) as error:
        services.proof_check(proof=proof, by=case_worker, result=CheckResult.OBJECTIONS)
    assert error.value.field == "note"


def test_drafts_are_seen_only_by_the_recipient(decision, world):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    assert list(selectors.proofs_visible_to(applicant)) == [proof]
    for role in ["case_worker", "admin", "reviewer", "applicant_b", "coordinator_x"]:
        assert list(selectors.proofs_visible_to(world.users[role])) == [], role
    fill(proof, applicant)
    services.proof_submit(proof=proof, by=applicant)
    assert list(selectors.proofs_visible_to(world.users["case_worker"])) == [proof]
    for role in ["reviewer", "applicant_b", "coordinator_x"]:
        assert list(selectors.proofs_visible_to(world.users[role])) == [], role


def test_full_proof_needs_the_belegliste(decision, world):
    LineSettlementRules.objects.create(line=decision.application.line, full_proof=True)
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    assert proof.full
    fill(proof, applicant)
    with pytest.raises(DomainError) as error:
        services.proof_submit(proof=proof, by=applicant)
    assert error.value.field == "receipts"
    services.receipt_add(
        proof=proof, by=applicant, paid_on=date(2027, 3, 1), payee="A", purpose="B", amount=D("1")
    )
    assert services.proof_submit(proof=proof, by=applicant).status == ProofStatus.SUBMITTED
