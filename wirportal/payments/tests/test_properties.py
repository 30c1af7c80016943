"""Hypothesis: whatever the recipient calls down, what is called (and so paid) never exceeds
the grant, nor a year's amount, and the ledger's paid never exceeds what is bound."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirportal.core.exceptions import DomainError
from wirportal.payments import services
from wirportal.payments.models import OPEN_OR_PAID, PaymentRequest
from wirportal.programmes.selectors import ledger_sums

pytestmark = pytest.mark.django_db

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("4000"), places=2)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(calls=st.lists(st.tuples(amounts, st.booleans()), min_size=1, max_size=8))
def test_called_never_exceeds_granted_and_paid_never_exceeds_bound(
    world, grant, second_case_worker, calls
):
    PaymentRequest.objects.all().delete()
    for amount, refuse in calls:
        try:
            payment = services.payment_request_create(
                decision=grant,
                by=world.users["applicant_a"],
                amount=amount,
                needed_on=date(2027, 3, 10),
                due_expenses=Decimal("8000.00"),
                token=uuid.uuid4(),
                today=date(2027, 3, 2),
            )
        except DomainError:
            continue
        if refuse:
            services.payment_request_refuse(payment=payment, by=second_case_worker, reason="x")
        called = sum(
            PaymentRequest.objects.filter(status__in=OPEN_OR_PAID).values_list("amount", flat=True),
            Decimal(0),
        )
        assert called <= grant.amount
        assert called <= Decimal(grant.year_amounts["2027"])


def test_paid_never_exceeds_bound_after_runs(world, grant, second_case_worker):
    from wirportal.programmes.models import LedgerEntry

    for amount in ("3000.00", "2000.00", "1500.00"):
        payment = services.payment_request_create(
            decision=grant,
            by=world.users["applicant_a"],
            amount=Decimal(amount),
            needed_on=date(2027, 3, 10),
            due_expenses=Decimal("8000.00"),
            token=uuid.uuid4(),
            today=date(2027, 3, 2),
        )
        services.payment_request_check(payment=payment, by=world.users["case_worker"])
        services.payment_request_order(payment=payment, by=second_case_worker)
        run = services.payment_run_build(
            by=world.users["programme_staff"], execution_date=date(2027, 3, 5)
        )
        services.payment_run_execute(run=run, by=second_case_worker, today=date(2027, 3, 5))
    budget = LedgerEntry.objects.filter(source_key=grant.source_key).first().line_budget
    sums = ledger_sums([budget.pk])[budget.pk]
    assert sums["paid"] == Decimal("6500.00") <= sums["committed"]
