"""Settlement wired to payments and the ledger (issue #11): the amount paid comes from the paid
call-downs, D2 interest from their payout days, a Widerruf books the ledger as brief D5 says, a
full Rückforderung revokes the decision, the due date is the decision's own (C1)."""

import uuid
from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments.models import PaymentRequest
from wirportal.programmes.models import LedgerEntry, LedgerKind
from wirportal.programmes.selectors import line_free, source_position
from wirportal.settlement import selectors, services
from wirportal.settlement.models import CheckResult, Recovery, RecoveryStatus

from .factories import accepted_decision, sample_checked

pytestmark = pytest.mark.django_db


def _decision(world, **kwargs):
    return accepted_decision(
        organisation=world["org_a"], applicant=world.users["applicant_a"], **kwargs
    )


def _checked(decision, world, *, fees="7500", material="500", receipts=()):
    applicant, worker = world.users["applicant_a"], world.users["case_worker"]
    proof = services.proof_start(decision=decision, by=applicant)
    lines = {row.label: row.pk for row in proof.cost_lines.all()}
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Bericht",
        participants=10,
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={lines["Honorare"]: (D(fees), None), lines["Sachausgaben"]: (D(material), None)},
    )
    for paid_on, amount in receipts:
        services.receipt_add(
            proof=proof, by=applicant, paid_on=paid_on, payee="A", purpose="B", amount=D(amount)
        )
    services.proof_submit(proof=proof, by=applicant)
    sample_checked(proof, worker)
    return services.proof_check(proof=proof, by=worker, result=CheckResult.PASSED)


def _ledger(decision):
    return source_position(line=decision.application.line, source_key=decision.source_key)


def test_paid_comes_from_the_payments_and_the_rest_stays_to_be_paid(world):
    """C7's proof (final grant 6,200) with only 4,000 paid: 2,200 still to pay, stays bound;
    the 300 not needed are released."""
    decision = _decision(world, paid="4000.00")
    proof = services.proof_settle(proof=_checked(decision, world), by=world.users["case_worker"])
    assert (proof.paid, proof.final_grant, proof.repayment) == (
        D("4000.00"),
        D("6200.00"),
        D("0.00"),
    )
    assert any("noch auszuzahlen 2.200,00" in step for step in proof.settlement_steps)
    assert _ledger(decision).bound == D("6200.00")
    assert AuditEntry.objects.get(action="proof_of_use.settled").data["released"] == "300.00"


def test_settlement_waits_for_call_downs_in_progress(world):
    decision = _decision(world, paid="4000.00")
    proof = _checked(decision, world)
    PaymentRequest.objects.create(
        decision=decision,
        number=2,
        token=uuid.uuid4(),
        amount=D("500"),
        needed_on=date(2027, 10, 1),
        budget_year=2027,
        requested_by=world.users["applicant_a"],
    )
    with pytest.raises(DomainError, match="Mittelabrufe"):
        services.proof_settle(proof=proof, by=world.users["case_worker"])


def test_d2_interest_for_money_not_used_promptly_from_the_real_payout_day(world):
    """D2: 6,000 paid Mon 03.03.2025; 2,000 spent 20.03.2025, 4,000 on 15.07.2025 → 105.12."""
    decision = _decision(world, paid="6000.00", paid_on=date(2025, 3, 3))
    proof = _checked(
        decision, world, receipts=[(date(2025, 3, 20), "2000"), (date(2025, 7, 15), "4000")]
    )
    computation = selectors.unused_money_interest_for(proof)
    assert computation is not None and computation.amount == D("105.12")
    proof = services.proof_settle(proof=proof, by=world.users["case_worker"])
    assert AuditEntry.objects.get(action="proof_of_use.settled").data["unused_interest"] == (
        "105.12"
    )
    assert any("§ 49a Abs. 4" in step for step in proof.settlement_steps)


def _recovery(decision, worker, principal, *, in_full=False):
    return services.recovery_open(
        decision=decision,
        by=worker,
        principal=D(principal),
        in_full=in_full,
        reason="Stelle nie besetzt (D3).",
        effective_from=date(2027, 3, 3),
        facts_known_on=date(2027, 8, 15),
        hearing_posted_on=date(2027, 8, 18),
        today=date(2027, 8, 18),
    )


def test_d5_full_rueckforderung_revokes_the_decision_and_books_the_ledger(world):
    """D5: 6,500 bound, 4,000 paid; a Widerruf in full: the decision is revoked in the same
    transaction, 2,500 released, 4,000 receivable; the repayment settles it. In full, all that
    was paid is reclaimed (§ 49a Abs. 1 HVwVfG): 3,999.99 is refused next to the amount."""
    decision = _decision(world, paid="4000.00")
    worker = world.users["case_worker"]
    line = decision.application.line
    free_before = line_free(line=line, year=2027)
    with pytest.raises(DomainError) as error:
        _recovery(decision, worker, "4000.01")
    assert error.value.field == "principal"
    with pytest.raises(DomainError) as error:
        _recovery(decision, worker, "3999.99", in_full=True)
    assert error.value.field == "principal"
    recovery = _recovery(decision, worker, "4000", in_full=True)
    services.recovery_revoke(recovery=recovery, by=worker, today=date(2027, 9, 10))
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.REVOKED
    assert AuditEntry.objects.filter(action="decision.revoked").count() == 1
    assert line_free(line=line, year=2027) - free_before == D("2500.00")
    assert (_ledger(decision).open_receivable, _ledger(decision).bound) == (
        D("4000.00"),
        D("4000.00"),
    )
    recovery = Recovery.objects.get(pk=recovery.pk)
    services.repayment_book(
        recovery=recovery, by=worker, received_on=date(2027, 9, 30), amount=D("4000"), reference="x"
    )
    position = _ledger(decision)
    assert (position.open_receivable, position.bound, position.paid) == (D(0), D(0), D(0))
    repaid = LedgerEntry.objects.filter(source_key=decision.source_key, kind=LedgerKind.REPAYMENT)
    assert [e.amount for e in repaid] == [D("4000.00")]


def test_partial_rueckforderung_leaves_the_decision_in_force(world):
    """C2/D1: 6,500 paid, 800 reclaimed: the decision stays accepted, 800 receivable, nothing
    released; once repaid 5,700 stays bound and paid."""
    decision = _decision(world)
    worker = world.users["case_worker"]
    recovery = services.recovery_revoke(
        recovery=_recovery(decision, worker, "800"), by=worker, today=date(2027, 9, 10)
    )
    assert recovery.status == RecoveryStatus.REVOKED
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.ACCEPTED
    assert (_ledger(decision).open_receivable, _ledger(decision).bound) == (
        D("800.00"),
        D("6500.00"),
    )
    services.repayment_book(
        recovery=recovery, by=worker, received_on=date(2027, 9, 30), amount=D("800"), reference="x"
    )
    position = _ledger(decision)
    assert (position.bound, position.paid, position.open_receivable) == (
        D("5700.00"),
        D("5700.00"),
        D(0),
    )


def _multi_year(world):
    """240,000 for 2026–2027 (120,000 a year), 60,000 of it paid on 25.03.2026."""
    from wirportal.payments.tests.factories import accepted_grant, pay

    decision = accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
        amount="240000.00",
        costs="300000.00",
        own="60000.00",
        year_amounts={"2026": "120000.00", "2027": "120000.00"},
    )
    pay(decision, "60000.00", date(2026, 3, 25))
    return decision


def _mid_term_recovery(decision, worker, principal):
    return services.recovery_open(
        decision=decision,
        by=worker,
        principal=D(principal),
        reason="Ausgaben für nicht förderfähige Zwecke.",
        effective_from=date(2026, 3, 25),
        facts_known_on=date(2026, 10, 1),
        hearing_posted_on=date(2026, 10, 5),
        today=date(2026, 10, 5),
    )


def test_partial_rueckforderung_of_a_multi_year_grant_keeps_the_later_years_bound(world):
    """D5 (§ 49a Abs. 1 HVwVfG): 10,000 of the 60,000 paid are reclaimed while the grant runs.
    Only the 10,000 become a receivable; the 180,000 not yet paid stay bound for the coming
    payments (the Widerruf releases only what it revokes and was not paid: here nothing). Once
    repaid, 230,000 stay bound. The bug: 180,000 of later years were released."""
    decision = _multi_year(world)
    worker = world.users["case_worker"]
    before = _ledger(decision)
    recovery = _mid_term_recovery(decision, worker, "10000")
    services.recovery_revoke(recovery=recovery, by=worker, today=date(2026, 11, 1))
    after = _ledger(decision)
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.ACCEPTED
    assert (after.bound, after.paid, after.open_receivable) == (
        before.bound,
        D("60000.00"),
        D("10000.00"),
    )
    services.repayment_book(
        recovery=Recovery.objects.get(pk=recovery.pk),
        by=worker,
        received_on=date(2026, 11, 20),
        amount=D("10000"),
        reference="x",
    )
    repaid = _ledger(decision)
    assert (repaid.bound, repaid.paid, repaid.open_receivable) == (
        D("230000.00"),
        D("50000.00"),
        D(0),
    )


def test_reclaiming_all_paid_money_while_the_grant_runs_does_not_revoke_it_in_full(world):
    """All 60,000 paid are reclaimed in the first year: the Rückforderung covers the money paid,
    not the 180,000 still to come; the decision stays in force and they stay bound (a Widerruf
    of the whole grant is the decision's own revocation)."""
    decision = _multi_year(world)
    worker = world.users["case_worker"]
    recovery = _mid_term_recovery(decision, worker, "60000")
    services.recovery_revoke(recovery=recovery, by=worker, today=date(2026, 11, 1))
    after = _ledger(decision)
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.ACCEPTED
    assert (after.bound, after.open_receivable) == (D("240000.00"), D("60000.00"))


def test_c1_due_date_is_the_one_the_decision_prints(world):
    decision = _decision(world)
    GrantDecision.objects.filter(pk=decision.pk).update(proof_of_use_due=date(2028, 6, 30))
    decision = GrantDecision.objects.get(pk=decision.pk)
    proof = services.proof_start(decision=decision, by=world.users["applicant_a"])
    assert proof.due_on == date(2028, 6, 30)
