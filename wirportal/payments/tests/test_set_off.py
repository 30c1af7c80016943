"""Verrechnung (brief F2): a year's unspent money is deducted from the next call-down. The
recipient states the need, the payment run transfers the need minus the set-off, the request
records the set-off it consumed; a refused request gives it back (ANBest-P Nr. 1.4)."""

import uuid
from datetime import date
from decimal import Decimal as D

import pytest
from lxml import etree

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.payments import selectors, services
from wirportal.payments.models import SetOff

from .factories import f2_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(world):
    """F1/F2: Vielfaltszentrum, 120,000 per year for 2026 and 2027, bound; 2026 paid in full."""
    return f2_grant(world)


def _call(decision, user, amount, token=None):
    return services.payment_request_create(
        decision=decision,
        by=user,
        amount=D(amount),
        needed_on=date(2027, 5, 20),
        due_expenses=None,
        token=token or uuid.uuid4(),
        today=date(2027, 5, 10),
    )


def _register(decision, world, amount="8000.00", year=2026):
    return services.set_off_register(
        decision=decision,
        year=year,
        amount=D(amount),
        by=world.users["case_worker"],
        source="Zwischennachweis 2026",
    )


def test_f2_next_call_down_transfers_the_need_minus_the_set_off(world, two_years):
    """F2: 8,000 of 2026's 120,000 unspent: the 2027 call-down of 120,000 pays 112,000.00."""
    set_off = _register(two_years, world)
    assert selectors.payable_after(two_years, 2026) == D("112000.00")  # 120,000 − the set-off
    payment = _call(two_years, world.users["applicant_a"], "120000.00")
    assert payment.amount == D("112000.00")
    assert payment.set_off == D("8000.00")
    assert payment.requested_total == D("120000.00")
    set_off.refresh_from_db()
    assert set_off.consumed_by == payment and set_off.consumed_at is not None
    assert selectors.open_set_offs(two_years) == []
    position = selectors.year_position(two_years, 2027)
    assert (position.called, position.set_off, position.open) == (D("112000.00"), D("8000"), 0)
    entry = AuditEntry.objects.filter(action="payment.requested").latest("pk")
    assert entry.data["set_off"] == "8000.00" and entry.data["set_offs"] == [set_off.pk]
    # nothing more of 2027 can be called: 112,000 transferred + 8,000 set off = 120,000
    with pytest.raises(DomainError) as refused:
        _call(two_years, world.users["applicant_a"], "0.01")
    assert refused.value.field == "amount"

    # the SEPA run transfers 112,000.00, not 120,000.00
    checker, orderer = world.users["case_worker"], world.users["programme_staff"]
    services.payment_request_check(payment=payment, by=checker)
    services.payment_request_order(payment=payment, by=orderer)
    run = services.payment_run_build(
        by=orderer, execution_date=date(2027, 5, 12), today=date(2027, 5, 10)
    )
    assert run.total == D("112000.00")
    amounts = etree.fromstring(run.xml.encode()).xpath("//*[local-name()='InstdAmt']/text()")
    assert amounts == ["112000.00"]
    item = run.items.get()
    reference = two_years.application.reference
    assert (
        item.remittance
        == f"{reference} Zuwendung {payment.number}. Rate abzgl. Verrechnung 8000,00 EUR"
    )


def test_without_a_set_off_the_call_down_pays_the_full_need(world, two_years):
    """Negative control: no unspent money recorded, the 2027 call-down pays 120,000.00."""
    payment = _call(two_years, world.users["applicant_a"], "120000.00")
    assert (payment.amount, payment.set_off) == (D("120000.00"), D("0"))


def test_a_need_covered_by_the_unspent_money_is_refused_next_to_the_amount(world, two_years):
    _register(two_years, world)
    with pytest.raises(DomainError) as refused:
        _call(two_years, world.users["applicant_a"], "8000.00")
    assert refused.value.field == "amount"
    assert "8.000,00" in refused.value.message and "2026" in refused.value.message
    assert selectors.open_set_offs(two_years)  # still open


def test_a_refused_call_down_gives_its_set_off_back(world, two_years):
    set_off = _register(two_years, world)
    payment = _call(two_years, world.users["applicant_a"], "50000.00")
    assert payment.amount == D("42000.00")
    services.payment_request_refuse(
        payment=payment, by=world.users["case_worker"], reason="Zu früh"
    )
    set_off.refresh_from_db()
    assert set_off.consumed_by is None
    again = _call(two_years, world.users["applicant_a"], "120000.00")
    assert (again.amount, again.set_off) == (D("112000.00"), D("8000.00"))


def test_set_off_is_refused_above_what_is_still_payable_and_twice_for_a_year(world, two_years):
    with pytest.raises(DomainError) as refused:
        _register(two_years, world, amount="120000.01")
    assert "120.000,00" in refused.value.message and refused.value.field == "amount"
    _register(two_years, world)
    with pytest.raises(DomainError):
        _register(two_years, world, amount="1.00")
    assert SetOff.objects.count() == 1
    # after the last year nothing is paid any more: nothing can be set off
    assert selectors.payable_after(two_years, 2027) == 0


def test_pages_show_the_set_off_to_the_recipient_and_the_case_worker(world, two_years, login):
    from django.urls import reverse

    _register(two_years, world)
    applicant = login(world.users["applicant_a"])
    page = applicant.get(reverse("payments:call-down", args=[two_years.pk])).content.decode()
    assert "8.000,00 € nicht verbrauchte Mittel aus 2026 werden von Ihrer nächsten Zahlung" in page
    payment = _call(two_years, world.users["applicant_a"], "120000.00")
    # the cached page body follows the consumption (core.caching "payments")
    page = applicant.get(reverse("payments:call-down", args=[two_years.pk])).content.decode()
    assert f"mit der {payment.number}. Rate verrechnet" in page
    for user in ("applicant_a", "case_worker"):
        client = login(world.users[user])
        html = client.get(reverse("payments:request-detail", args=[payment.pk])).content.decode()
        assert "Abgerufener Bedarf" in html and "120.000,00" in html
        assert "Verrechnet mit nicht verbrauchten Mitteln" in html and "aus 2026" in html
        assert "Auszahlungsbetrag" in html and "112.000,00" in html
        assert f"mit der {payment.number}. Rate verrechnet" in html
