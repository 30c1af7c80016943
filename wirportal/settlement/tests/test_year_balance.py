"""Brief F2: the interim proof's year balance, confirmed with the check. Unspent money is set off
against the next payment (`payments.SetOff`, the next call-down transfers less), what the later
payments cannot absorb is reclaimed through the Rückforderung (§ 49a interest from the payout)."""

import re
import uuid
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.payments import services as payment_services
from wirportal.payments.models import SetOff
from wirportal.settlement import selectors, services
from wirportal.settlement.models import CheckResult, ProofOfUse, ProofStatus

from .factories import submitted_interim, two_year_grant

pytestmark = pytest.mark.django_db


def _call_2027(decision, world, amount):
    return payment_services.payment_request_create(
        decision=decision,
        by=world.users["applicant_a"],
        amount=D(amount),
        needed_on=date(2027, 5, 20),
        token=uuid.uuid4(),
        today=date(2027, 5, 10),
    )


@pytest.fixture
def grant(world):
    return two_year_grant(world)


def test_f2_worked_example_8000_of_120000_set_off_against_the_next_payment(world, grant):
    proof = submitted_interim(world, grant)
    figures = selectors.year_figures(proof)
    assert (figures.paid, figures.proposed_spent) == (D("120000.00"), D("112000.00"))
    assert figures.next_payment == D("120000.00")  # the 2027 rate, not yet called
    assert figures.balance.unspent == D("8000.00")
    assert (figures.balance.set_off, figures.balance.reclaimed) == (D("8000.00"), D("0.00"))

    checked = services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("112000")
    )
    assert checked.status == ProofStatus.CHECKED
    assert (checked.paid, checked.spent) == (D("120000.00"), D("112000.00"))
    assert (checked.set_off, checked.repayment) == (D("8000.00"), D("0.00"))
    set_off = SetOff.objects.get(decision=grant)
    assert (set_off.year, set_off.amount, set_off.source) == (
        2026,
        D("8000.00"),
        "Zwischennachweis 2026",
    )
    entry = AuditEntry.objects.filter(action="proof_of_use.checked").latest("pk")
    assert entry.data["set_off"] == "8000.00" and entry.data["set_off_id"] == set_off.pk
    assert AuditEntry.objects.filter(action="payment.set_off_registered").count() == 1

    # the 2027 call-down of 120,000: 112,000.00 is transferred, the request records the set-off
    payment = _call_2027(grant, world, "120000.00")
    assert (payment.amount, payment.set_off) == (D("112000.00"), D("8000.00"))
    set_off.refresh_from_db()
    assert set_off.consumed_by == payment


def test_unspent_money_above_the_next_payment_is_reclaimed_with_interest_from_payout(
    world, grant, login
):
    """2027: 115,000 of the 120,000 already called; 8,000 of 2026 unspent → 5,000 set off
    against the last 5,000, 3,000 reclaimed (Rückforderung, § 49a interest from 03.03.2026)."""
    _call_2027(grant, world, "115000.00")
    proof = submitted_interim(world, grant)
    checked = services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("112000")
    )
    assert (checked.set_off, checked.repayment) == (D("5000.00"), D("3000.00"))
    assert SetOff.objects.get(decision=grant).amount == D("5000.00")
    assert any("3.000,00" in step and "03.03.2026" in step for step in checked.settlement_steps)

    client = login(world.users["case_worker"])
    page = client.get(reverse("settlement:proof-detail", args=[proof.pk])).content.decode()
    assert "Rückforderung einleiten" in page
    opened = client.get(
        reverse("settlement:recovery-open", args=[grant.pk]) + f"?nachweis={proof.pk}"
    ).content.decode()
    assert 'value="3000,00"' in opened and 'value="03.03.2026"' in opened  # principal, payout
    recovery = services.recovery_open(
        decision=grant,
        by=world.users["case_worker"],
        principal=D("3000.00"),
        reason="Nicht verbrauchte Mittel 2026 (Zwischennachweis)",
        effective_from=date(2026, 3, 3),
        facts_known_on=date(2027, 5, 10),
        hearing_posted_on=date(2027, 5, 10),
        proof=selectors.settled_proof_of(grant, proof.pk),
        today=date(2027, 5, 10),
    )
    assert recovery.proof == proof and recovery.principal == D("3000.00")


def test_no_further_payment_reclaims_everything_unspent(world, grant):
    _call_2027(grant, world, "120000.00")  # the whole 2027 rate is called
    proof = submitted_interim(world, grant)
    checked = services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("112000")
    )
    assert (checked.set_off, checked.repayment) == (D("0.00"), D("8000.00"))
    assert not SetOff.objects.exists()


def test_negative_control_all_spent_sets_nothing_off(world, grant):
    proof = submitted_interim(world, grant, actual="120000.00")
    checked = services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("120000")
    )
    assert (checked.set_off, checked.repayment) == (D("0.00"), D("0.00"))
    assert not SetOff.objects.exists()
    assert _call_2027(grant, world, "120000.00").amount == D("120000.00")


def test_an_interim_check_needs_the_amount_spent(world, grant):
    proof = submitted_interim(world, grant)
    with pytest.raises(DomainError) as refused:
        services.proof_check(proof=proof, by=world.users["case_worker"], result="ohne_beanstandung")
    assert refused.value.field == "spent"
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.SUBMITTED


# --- the check page ----------------------------------------------------------------------------


def test_check_page_shows_the_year_balance_and_confirms_it(world, grant, login):
    proof = submitted_interim(world, grant)
    client = login(world.users["case_worker"])
    url = reverse("settlement:proof-detail", args=[proof.pk])
    page = client.get(url).content.decode()
    assert "Kurzprüfung und Jahresergebnis 2026" in page
    assert "Nicht verbraucht 8.000,00 €: verrechnet 8.000,00 €, zurückzufordern 0,00 €." in page
    assert 'value="112000,00"' in page  # proposed: actual costs less own and third-party funds

    check = reverse("settlement:proof-check", args=[proof.pk])
    # "Berechnung anzeigen" (no confirmation): the balance for the amount entered, nothing saved
    preview = client.post(check, {"spent": "100.000,00", "result": "ohne_beanstandung"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Nicht verbraucht 20.000,00 €: verrechnet 20.000,00 €" in html
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.SUBMITTED
    assert not SetOff.objects.exists()

    done = client.post(
        check, {"spent": "112.000,00", "result": "ohne_beanstandung", "confirmed": "1"}
    )
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert "Jahresergebnis 2026" in page and "wird von der nächsten Zahlung abgezogen" in page
    assert SetOff.objects.get().amount == D("8000.00")
    # the recipient sees it too
    recipient = login(world.users["applicant_a"]).get(url).content.decode()
    assert "Mit der nächsten Zahlung verrechnet" in recipient and "8.000,00" in recipient


def test_bad_input_is_shown_next_to_its_field_and_nothing_is_lost(world, grant, login):
    proof = submitted_interim(world, grant)
    client = login(world.users["case_worker"])
    response = client.post(
        reverse("settlement:proof-check", args=[proof.pk]),
        {
            "spent": "achttausend",
            "result": "beanstandet",
            "note": "Belege zur Miete fehlen",
            "confirmed": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'aria-invalid="true"' in html and 'value="achttausend"' in html
    assert "Belege zur Miete fehlen" in html
    assert re.search(r'value="beanstandet"[^>]*checked', html)
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.SUBMITTED
    assert not SetOff.objects.exists()


def test_the_file_stays_open_while_an_interim_reclaim_is_open(world, grant):
    """Closing the grant's file (issue #11): the 3,000 of 2026 to reclaim is named as an
    obstacle; the 5,000 set off against the rest of 2027 is not (that rest is never paid: a
    call-down up to it is refused)."""
    _call_2027(grant, world, "115000.00")
    proof = submitted_interim(world, grant)
    services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("112000")
    )
    blockers = " ".join(selectors.closure_state(grant).blockers)
    assert "Der Zwischennachweis 2026 ergab eine Erstattung von 3.000,00 €" in blockers
    assert "nicht verbrauchte Mittel" not in blockers
    with pytest.raises(DomainError) as refused:
        _call_2027(grant, world, "5000.00")  # the rest of 2027 is covered by the set-off
    assert "5.000,00" in refused.value.message and refused.value.field == "amount"


def test_d2_interest_on_the_set_off_until_the_next_call_down_uses_it(world, grant, login):
    """F2 with D2 (§ 49a Abs. 4 HVwVfG): the 8,000 set off were paid on 03.03.2026 and used for
    the payments due by 20.05.2027 (the consuming call-down's day): 04.03.2026–20.05.2027 =
    443 days at 6.27 % → 8,000 × 6.27 % × 443 / 365 = 608.79. Test rates (1.27 % for every
    half-year from 2026, not the Bundesbank's announcements)."""
    from wirportal.settlement.models import BaseRate

    for day in (date(2026, 1, 1), date(2026, 7, 1), date(2027, 1, 1)):
        BaseRate.objects.update_or_create(effective_from=day, defaults={"rate": D("1.27")})
    proof = submitted_interim(world, grant)
    services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("112000")
    )
    assert selectors.set_off_interest(proof) is None  # not used yet
    _call_2027(grant, world, "120000.00")
    computed = selectors.set_off_interest(ProofOfUse.objects.get(pk=proof.pk))
    assert computed is not None and computed.amount == D("608.79")
    page = login(world.users["case_worker"]).get(
        reverse("settlement:proof-detail", args=[proof.pk])
    )
    assert "bis zu ihrer Verwendung: 608,79 €" in page.content.decode()


def test_a_later_year_counts_the_set_off_money_it_received(world, grant):
    """2027's call-down of 120,000 transferred 112,000 and consumed 8,000 of 2026: 2027 had
    120,000 at its disposal; 115,000 spent leaves 5,000 unspent (not 0 by the transfer alone)."""
    from wirportal.payments.models import PaymentRequest, RequestStatus

    proof = submitted_interim(world, grant)
    services.proof_check(
        proof=proof, by=world.users["case_worker"], result=CheckResult.PASSED, spent=D("112000")
    )
    payment = _call_2027(grant, world, "120000.00")
    PaymentRequest.objects.filter(pk=payment.pk).update(
        status=RequestStatus.PAID, paid_on=date(2027, 5, 12)
    )
    later = services.proof_start(decision=grant, by=world.users["applicant_a"], year=2027)
    figures = selectors.year_figures(later, spent=D("115000"))
    assert figures.paid == D("120000.00")
    assert figures.balance.unspent == D("5000.00")
