"""The recipient's call-down page needs the same number of queries with ten times the call-downs
and payments of the decision (open, ordered, refused and paid in executed runs)."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from wirportal.core.testing import assert_constant_queries
from wirportal.payments import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def march_2027(monkeypatch):
    fixed = date(2027, 3, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: fixed)
    return fixed


def _payments(world, grant, second_case_worker, each: int) -> None:
    """`each` call-downs of 10 € in every state: open, checked, refused, and paid in a run."""
    applicant, case_worker = world.users["applicant_a"], world.users["case_worker"]

    def create():
        return services.payment_request_create(
            decision=grant,
            by=applicant,
            amount=Decimal("10.00"),
            needed_on=date(2027, 3, 10),
            due_expenses=Decimal("8000.00"),
            token=uuid.uuid4(),
        )

    for _ in range(each):
        create()
        services.payment_request_check(payment=create(), by=case_worker)
        services.payment_request_refuse(payment=create(), by=second_case_worker, reason="Zu früh")
        paid = create()
        services.payment_request_check(payment=paid, by=case_worker)
        services.payment_request_order(payment=paid, by=second_case_worker)
    run = services.payment_run_build(
        by=world.users["programme_staff"], execution_date=date(2027, 3, 5)
    )
    services.payment_run_execute(run=run, by=second_case_worker)


def test_call_down_page_queries_stay_constant_with_ten_times_the_payments(
    world, grant, second_case_worker, login, march_2027, django_assert_num_queries
):
    _payments(world, grant, second_case_worker, each=1)
    client = login(world.users["applicant_a"])
    url = f"/mittelabrufe/abruf/{grant.pk}/"
    count = assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(url),
        lambda: _payments(world, grant, second_case_worker, each=9),
    )
    assert count > 0
