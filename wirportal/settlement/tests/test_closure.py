"""Abschluss der Förderakte (issue #11: "a grant is closed when its proof is checked and all money
settled"): each obstacle refuses with its reason, the happy path releases only unpaid
commitments, closing twice is refused, the closing day starts the retention period."""

import uuid
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.programmes.selectors import source_position
from wirportal.programmes.services import budget_commit
from wirportal.settlement import selectors, services
from wirportal.settlement.models import CheckResult, GrantClosure, ProofStatus
from wirportal.settlement.retention import StartEvent

from .factories import accepted_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def settle(decision, world, *, fees="7500", material="500"):
    """C7: 6,500 paid; fees 7,500 and material 500 → final grant 6,200, repayment 300."""
    applicant, case_worker = world.users["applicant_a"], world.users["case_worker"]
    proof = services.proof_start(decision=decision, by=applicant)
    lines = {row.label: row.pk for row in proof.cost_lines.all()}
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Bericht",
        participants=24,
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={lines["Honorare"]: (D(fees), None), lines["Sachausgaben"]: (D(material), None)},
    )
    services.proof_submit(proof=proof, by=applicant)
    services.proof_check(proof=proof, by=case_worker, result=CheckResult.PASSED)
    return services.proof_settle(proof=proof, by=case_worker)


def reclaim(decision, world, proof, *, repay: bool = True):
    """Rückforderung of the settlement's 300 after the hearing, interest waived with a reason,
    and (`repay`) the 300 received: the claim is closed."""
    worker = world.users["case_worker"]
    today = timezone.localdate()
    recovery = services.recovery_open(
        decision=decision,
        by=worker,
        proof=proof,
        principal=proof.repayment,
        reason="Geringere Ausgaben (C7).",
        effective_from=date(2027, 3, 3),
        facts_known_on=today - timedelta(days=30),
        hearing_posted_on=today - timedelta(days=30),
    )
    recovery = services.recovery_revoke(
        recovery=recovery,
        by=worker,
        waive_interest=True,
        waiver_reason="Rückzahlung in der gesetzten Frist (D4).",
    )
    if repay:
        services.repayment_book(
            recovery=recovery,
            by=worker,
            received_on=today,
            amount=proof.repayment,
            reference="Erstattung",
        )
    return recovery


def refusal(decision, world) -> str:
    with pytest.raises(DomainError) as error:
        services.grant_close(decision=decision, by=world.users["case_worker"])
    assert not GrantClosure.objects.filter(decision=decision).exists()
    return error.value.message


def test_refused_without_a_proof_of_use(decision, world):
    assert "noch kein Verwendungsnachweis" in refusal(decision, world)


def test_refused_while_the_proof_is_not_settled(decision, world):
    applicant = world.users["applicant_a"]
    services.proof_start(decision=decision, by=applicant)
    message = refusal(decision, world)
    assert "noch nicht abgerechnet" in message and "Entwurf" in message


def test_refused_while_a_call_down_is_open(decision, world):
    settle(decision, world, fees="6000", material="2000")  # final grant 6,500 = paid
    for status in (RequestStatus.REQUESTED, RequestStatus.CHECKED, RequestStatus.ORDERED):
        payment = PaymentRequest.objects.create(
            decision=decision,
            number=10,
            token=uuid.uuid4(),
            amount=D("10"),
            needed_on=date(2027, 3, 3),
            budget_year=2027,
            status=status,
            requested_by=world.users["applicant_a"],
        )
        assert "Mittelabruf ist noch in Bearbeitung" in refusal(decision, world), status
        payment.delete()
    # refused and paid call-downs are done
    PaymentRequest.objects.create(
        decision=decision,
        number=11,
        token=uuid.uuid4(),
        amount=D("10"),
        needed_on=date(2027, 3, 3),
        budget_year=2027,
        status=RequestStatus.REFUSED,
        requested_by=world.users["applicant_a"],
    )
    assert services.grant_close(decision=decision, by=world.users["case_worker"])


def test_refused_while_the_repayment_is_not_reclaimed(decision, world):
    proof = settle(decision, world)
    assert proof.repayment == D("300.00")
    message = refusal(decision, world)
    assert "Erstattung von 300,00" in message and "noch nicht zurückgefordert" in message


def test_refused_while_the_receivable_is_open(decision, world):
    proof = settle(decision, world)
    reclaim(decision, world, proof, repay=False)
    message = refusal(decision, world)
    assert "Rückforderung über 300,00" in message and "nicht erledigt" in message
    assert "Forderung von 300,00" in message  # the ledger's receivable too


def test_refused_while_part_of_the_final_grant_is_unpaid(world):
    decision = accepted_decision(
        organisation=world["org_a"], applicant=world.users["applicant_a"], paid="6000.00"
    )
    settle(decision, world, fees="6000", material="2000")  # final grant 6,500, paid 6,000
    assert "noch 500,00 € nicht ausgezahlt" in refusal(decision, world)


def test_only_case_workers_close(decision, world):
    settle(decision, world, fees="6000", material="2000")
    for role in ("applicant_a", "programme_staff", "auditor", "reviewer", "coordinator_x"):
        with pytest.raises(NotAllowed):
            services.grant_close(decision=decision, by=world.users[role])


def test_happy_path_closes_once_audited_and_starts_the_retention(decision, world):
    proof = settle(decision, world)
    reclaim(decision, world, proof)
    assert selectors.closure_state(decision).can_close
    assert selectors.retention_start(decision, StartEvent.SETTLEMENT_CLOSED) is None
    worker = world.users["case_worker"]
    closure = services.grant_close(decision=decision, by=worker)
    assert closure.closed_by == worker and closure.released == D("0.00")
    assert selectors.retention_start(decision, StartEvent.SETTLEMENT_CLOSED) == (
        timezone.localdate()
    )
    assert selectors.retention_start(decision, StartEvent.PROOF_SUBMITTED) == (timezone.localdate())
    entry = AuditEntry.objects.get(action="grant.closed")
    assert entry.actor == worker and entry.data["released"] == "0.00"
    # closing twice: refused with a clear message, nothing written
    with pytest.raises(DomainError) as error:
        services.grant_close(decision=decision, by=worker)
    assert "bereits seit dem" in error.value.message
    assert GrantClosure.objects.filter(decision=decision).count() == 1
    assert AuditEntry.objects.filter(action="grant.closed").count() == 1


def test_ledger_releases_the_unpaid_commitment_and_never_paid_money(decision, world):
    """6,500 bound and paid; a leftover commitment of 1,000 for 2028 that nobody released (e.g.
    a later year's VE) is released on closing; the 6,500 paid stays bound and paid."""
    settle(decision, world, fees="6000", material="2000")  # final grant 6,500 = paid
    line = decision.application.line
    from wirportal.programmes.tests.factories import LineBudgetFactory

    LineBudgetFactory(line=line, year=2028, amount=D("1000000"))
    budget_commit(
        line=line,
        year_amounts={2028: D("1000")},
        source_key=decision.source_key,
        by=world.users["case_worker"],
    )
    before = source_position(line=line, source_key=decision.source_key)
    assert (before.bound, before.paid) == (D("7500.00"), D("6500.00"))
    closure = services.grant_close(decision=decision, by=world.users["case_worker"])
    after = source_position(line=line, source_key=decision.source_key)
    assert closure.released == D("1000.00")
    assert (after.bound, after.paid, after.payments) == (D("6500.00"), D("6500.00"), D("6500.00"))
    assert after.bound >= after.paid  # committed never below paid


def test_pages_show_the_obstacles_the_action_and_closed(client, decision, world):
    proof = settle(decision, world)
    url = reverse("settlement:grant-close", kwargs={"pk": decision.pk})
    worker, applicant = world.users["case_worker"], world.users["applicant_a"]
    client.force_login(worker)
    page = client.get(reverse("settlement:proof-detail", kwargs={"pk": proof.pk}))
    assert "Die Förderakte kann noch nicht abgeschlossen werden" in page.content.decode()
    assert "Förderakte abschließen</span></button>" not in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302 and not GrantClosure.objects.exists()
    reclaim(decision, world, proof)
    page = client.get(reverse("settlement:proof-detail", kwargs={"pk": proof.pk}))
    assert "Förderakte abschließen</span></button>" in page.content.decode()
    assert client.post(url).status_code == 302
    assert GrantClosure.objects.filter(decision=decision).exists()
    client.force_login(applicant)
    for page_url in (url, reverse("settlement:proof-detail", kwargs={"pk": proof.pk})):
        body = client.get(page_url).content.decode()
        assert ">abgeschlossen<" in body and "Förderakte abschließen" not in body
    assert client.post(url).status_code == 403
    client.force_login(world.users["applicant_b"])
    assert client.get(url).status_code in (403, 404)
    assert proof.status == ProofStatus.SETTLED


def test_closure_page_has_constant_queries(client, decision, world, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    settle(decision, world)
    client.force_login(world.users["case_worker"])
    url = reverse("settlement:grant-close", kwargs={"pk": decision.pk})

    def more_rows():
        for n in range(5):
            PaymentRequest.objects.create(
                decision=decision,
                number=20 + n,
                token=uuid.uuid4(),
                amount=D("10"),
                needed_on=date(2027, 3, 3),
                budget_year=2027,
                status=RequestStatus.REFUSED,
                requested_by=world.users["applicant_a"],
            )

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more_rows)


def revoke_in_full(decision, world, *, repay: bool = True):
    """Widerruf in vollem Umfang (§ 49 Abs. 3 HVwVfG) before any proof of use: everything paid
    (6,500) is claimed back (§ 49a Abs. 1 HVwVfG), interest waived, and (`repay`) received."""
    worker = world.users["case_worker"]
    today = timezone.localdate()
    recovery = services.recovery_open(
        decision=decision,
        by=worker,
        in_full=True,
        principal=D("6500.00"),
        reason="Zweck nicht erreicht: das Projekt wurde nicht begonnen.",
        effective_from=date(2027, 1, 1),
        facts_known_on=today - timedelta(days=30),
        hearing_posted_on=today - timedelta(days=30),
    )
    recovery = services.recovery_revoke(
        recovery=recovery,
        by=worker,
        waive_interest=True,
        waiver_reason="Rückzahlung in der gesetzten Frist (D4).",
    )
    if repay:
        services.repayment_book(
            recovery=recovery, by=worker, received_on=today, amount=D("6500.00"), reference="E"
        )
    return recovery


def test_a_grant_revoked_in_full_closes_without_a_proof_of_use(decision, world):
    """After a Widerruf in vollem Umfang the grant no longer stands: no Verwendungsnachweis is
    owed (Nr. 6 ANBest-P asks it for the grant as paid and used), only the refund (§ 49a Abs. 1
    HVwVfG). Once that is received the file closes; before, the claim and the ledger refuse."""
    revoke_in_full(decision, world, repay=False)
    decision = type(decision).objects.get(pk=decision.pk)
    assert decision.status == "revoked"
    message = refusal(decision, world)
    assert "Verwendungsnachweis" not in message
    assert "Rückforderung über 6.500,00" in message and "Forderung von 6.500,00" in message
    recovery = decision.recoveries.get()
    services.repayment_book(
        recovery=recovery,
        by=world.users["case_worker"],
        received_on=timezone.localdate(),
        amount=D("6500.00"),
        reference="E",
    )
    assert selectors.closure_state(decision).can_close
    closure = services.grant_close(decision=decision, by=world.users["case_worker"])
    assert closure.released == D("0.00")
    assert selectors.retention_start(decision, StartEvent.SETTLEMENT_CLOSED) == (
        timezone.localdate()
    )


def test_a_proof_started_before_the_full_revocation_does_not_hold_the_file_open(decision, world):
    services.proof_start(decision=decision, by=world.users["applicant_a"])
    revoke_in_full(decision, world)
    decision = type(decision).objects.get(pk=decision.pk)
    assert selectors.closure_state(decision).can_close


def test_a_revoked_grant_stays_open_while_the_paid_money_is_not_claimed_back(decision, world):
    """Negative control: revoked through the decision's own Widerruf after 6,500 were paid, with
    no Rückforderung opened — the refund (§ 49a Abs. 1 HVwVfG) is still owed."""
    from wirportal.decisions.services import decision_revoke

    decision_revoke(decision=decision, by=world.users["case_worker"], reason="Zweck entfallen.")
    decision = type(decision).objects.get(pk=decision.pk)
    message = refusal(decision, world)
    assert "Verwendungsnachweis" not in message
    assert "von den ausgezahlten 6.500,00 € sind 6.500,00 € noch nicht zurückgefordert" in message


def test_the_refund_page_of_a_full_revocation_offers_the_closing(client, decision, world):
    recovery = revoke_in_full(decision, world, repay=False)
    detail = reverse("settlement:recovery-detail", kwargs={"pk": recovery.pk})
    client.force_login(world.users["case_worker"])
    assert "Abschluss der Förderakte" not in client.get(detail).content.decode()
    services.repayment_book(
        recovery=recovery,
        by=world.users["case_worker"],
        received_on=timezone.localdate(),
        amount=D("6500.00"),
        reference="E",
    )
    body = client.get(detail).content.decode()
    assert "ein Verwendungsnachweis wird nicht mehr verlangt" in body
    assert "Förderakte abschließen</span></button>" in body
    assert (
        client.post(reverse("settlement:grant-close", kwargs={"pk": decision.pk})).status_code
        == 302
    )
    assert GrantClosure.objects.filter(decision=decision).exists()
    assert ">abgeschlossen<" in client.get(detail).content.decode()
