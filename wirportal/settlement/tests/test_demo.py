"""The demo data of `make run` (`manage.py demo_data`) shows a grant in each stage of the money's
way (issue #11): called down, paid, proof submitted, settled with a repayment, revoked with
interest; the ledger agrees with the payments and recoveries. Loading twice changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wirportal.accounts.models import User
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments.models import PaymentRequest, RequestStatus, SetOff
from wirportal.payments.selectors import paid_total
from wirportal.programmes.selectors import source_position
from wirportal.settlement import selectors
from wirportal.settlement.models import (
    GrantClosure,
    ProofOfUse,
    ProofStatus,
    Recovery,
    RecoveryRepayment,
    RecoveryStatus,
)

pytestmark = pytest.mark.django_db


def _ledger(decision):
    return source_position(line=decision.application.line, source_key=decision.source_key)


def test_demo_shows_every_stage_with_consistent_ledger(settings, tmp_path, login):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo_data", quiet=True, stdout=io.StringIO())
    counts = (
        PaymentRequest.objects.count(),
        ProofOfUse.objects.count(),
        Recovery.objects.count(),
        RecoveryRepayment.objects.count(),
        GrantClosure.objects.count(),
    )
    today = timezone.localdate()

    # every paid grant: paid ≤ granted, the ledger's payments = the paid call-downs,
    # committed never below paid
    granted = GrantDecision.objects.filter(payment_requests__status=RequestStatus.PAID).distinct()
    assert granted.count() >= 4
    for decision in granted:
        paid = paid_total(decision)
        ledger = _ledger(decision)
        assert Decimal(0) < paid <= decision.amount, decision
        assert ledger.payments == paid, decision
        assert ledger.bound >= ledger.paid, decision

    # 1. called down: a request waiting for the check (sachlich richtig)
    waiting = PaymentRequest.objects.get(status=RequestStatus.REQUESTED)
    assert waiting.decision.status == DecisionStatus.ACCEPTED
    plan = {row.year: row for row in selectors.payments.instalment_plan(waiting.decision)}
    row = plan[waiting.budget_year]
    assert row.paid + waiting.amount <= row.granted

    # 2. paid and 3. proof submitted (the paid grant's proof waits for the case worker)
    submitted = ProofOfUse.objects.get(status=ProofStatus.SUBMITTED, year__isnull=True)
    assert paid_total(submitted.decision) == submitted.decision.amount
    assert not submitted.decision.recoveries.exists()

    # 4. settled with a repayment: reclaimed, repaid, the file closed; nothing open in the ledger
    settled = ProofOfUse.objects.get(status=ProofStatus.SETTLED, repayment__gt=0)
    recovery = settled.recoveries.get()
    assert recovery.status == RecoveryStatus.CLOSED
    assert sum(r.amount for r in recovery.repayments.all()) == recovery.principal
    assert recovery.principal == settled.repayment
    assert settled.paid == paid_total(settled.decision)
    assert settled.final_grant + settled.repayment == settled.paid
    ledger = _ledger(settled.decision)
    assert ledger.open_receivable == 0
    assert ledger.paid == settled.final_grant == ledger.bound  # repaid money released
    closure = GrantClosure.objects.get(decision=settled.decision)
    assert selectors.retention_start(settled.decision, "abgeschlossen") == (
        timezone.localtime(closure.closed_at).date()
    )

    # 5. revoked with interest: a receivable open in the ledger and § 49a interest running
    revoked = Recovery.objects.get(status=RecoveryStatus.REVOKED)
    balance = selectors.recovery_balance(revoked, on=today)
    assert not revoked.interest_waived and balance.interest > 0
    assert revoked.effective_from < today
    ledger = _ledger(revoked.decision)
    assert ledger.open_receivable == revoked.principal > 0
    assert ledger.paid == paid_total(revoked.decision)

    # 6. interim proof (Zwischennachweis, F2) of a two-year grant's first year, submitted and
    # waiting for the case worker: spent below paid, so confirming it sets money off
    interim = ProofOfUse.objects.get(status=ProofStatus.SUBMITTED, year__isnull=False)
    assert interim.is_interim and interim.year == 2026
    assert len(interim.decision.year_amounts) == 2
    figures = selectors.year_figures(interim)
    assert figures.paid > figures.spent > 0
    assert figures.balance.set_off == figures.paid - figures.spent > 0

    # 7. interim proof checked: the set-off registered and consumed by the next call-down
    checked = ProofOfUse.objects.get(status=ProofStatus.CHECKED, year__isnull=False)
    assert checked.is_interim and checked.set_off > 0 and checked.repayment == 0
    assert checked.paid == checked.spent + checked.set_off
    set_off = SetOff.objects.get(decision=checked.decision, year=checked.year)
    assert set_off.amount == checked.set_off
    assert selectors.set_off_of(checked) == set_off
    next_payment = set_off.consumed_by
    assert next_payment is not None and next_payment.budget_year == checked.year + 1
    assert next_payment.set_off == set_off.amount
    assert next_payment.status == RequestStatus.PAID
    assert next_payment.amount + next_payment.set_off == Decimal(
        checked.decision.year_amounts[str(checked.year + 1)]
    )
    # the demo case worker sees the proposed year balance; the recipients the applied set-off
    client = login(User.objects.get(email="rp.sachbearbeitung@wir-demo.de"))
    page = client.get(reverse("settlement:proof-detail", args=[interim.pk])).content.decode()
    assert "Nicht verbraucht 2.000,00 €: verrechnet 2.000,00 €" in page
    member = checked.decision.application.organisation.memberships.first().user
    client = login(member)
    page = client.get(reverse("settlement:proof-detail", args=[checked.pk])).content.decode()
    assert "Mit der nächsten Zahlung verrechnet" in page and "2.000,00" in page
    page = client.get(reverse("payments:request-detail", args=[next_payment.pk])).content
    assert "Verrechnet mit nicht verbrauchten Mitteln" in page.decode()

    # idempotent
    call_command("demo_data", quiet=True, stdout=io.StringIO())
    assert counts == (
        PaymentRequest.objects.count(),
        ProofOfUse.objects.count(),
        Recovery.objects.count(),
        RecoveryRepayment.objects.count(),
        GrantClosure.objects.count(),
    )
    assert SetOff.objects.count() == 1
