"""The call-down ceiling after the final settlement (brief C, D5): the ledger keeps bound only
what the final grant still needs, and no call-down goes above it."""

import uuid
from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.core.exceptions import DomainError
from wirportal.payments import selectors, services
from wirportal.programmes.services import budget_revoke

from .factories import pay

pytestmark = pytest.mark.django_db


def _call(decision, user, amount, due):
    return services.payment_request_create(
        decision=decision,
        by=user,
        amount=D(amount),
        needed_on=date(2027, 10, 1),
        due_expenses=D(due),
        token=uuid.uuid4(),
        today=date(2027, 9, 20),
    )


def test_final_grant_above_paid_can_still_be_called_down_but_no_more(grant, world):
    """6,500 granted, 4,000 paid; the final grant is 5,700: 1,700 is still to pay."""
    pay(grant, "4000.00", date(2027, 3, 3))
    assert selectors.paid_total(grant) == D("4000.00")
    assert selectors.payouts(grant) == [(date(2027, 3, 3), D("4000.00"))]
    budget_revoke(
        line=grant.application.line,
        source_key=grant.source_key,
        by=world.users["case_worker"],
        remaining=D("5700"),
    )
    applicant = world.users["applicant_a"]
    with pytest.raises(DomainError) as refused:
        _call(grant, applicant, "1700.01", due="8000.00")
    assert refused.value.field == "amount" and "1.700,00" in refused.value.message
    assert _call(grant, applicant, "1700.00", due="8000.00").amount == D("1700.00")
