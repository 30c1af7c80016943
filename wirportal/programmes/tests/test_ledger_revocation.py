"""Budget after a Widerruf (brief D5): only the unpaid part of the commitment is released, the
paid part becomes a receivable, the repayment is booked when it arrives (§ 49a Abs. 1 HVwVfG)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirportal.core.exceptions import DomainError
from wirportal.programmes import selectors, services
from wirportal.programmes.models import LedgerEntry, LedgerKind

from .factories import FundingLineFactory, LineBudgetFactory

pytestmark = pytest.mark.django_db

SOURCE = "decision:1"


def _sum(kind, **filters):
    rows = LedgerEntry.objects.filter(kind=kind, source_key=SOURCE, **filters)
    return sum((row.amount for row in rows), D(0))


@pytest.fixture
def d5(world):
    """Commitment 6,500 for 2027, of which 4,000 paid (brief D5)."""
    line = FundingLineFactory()
    LineBudgetFactory(line=line, year=2027, amount=D("10000"))
    by = world.users["case_worker"]
    services.budget_commit(line=line, year_amounts={2027: D("6500")}, source_key=SOURCE, by=by)
    services.budget_book_payment(line=line, year=2027, amount=D("4000"), source_key=SOURCE, by=by)
    return line, by


def test_d5_full_widerruf_releases_only_the_unpaid_part(d5):
    line, by = d5
    assert selectors.line_free(line=line, year=2027) == D("3500.00")
    booked = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    assert (booked.released, booked.receivable) == (D("2500.00"), D("4000.00"))
    assert _sum(LedgerKind.RELEASE) == D("2500.00")
    assert _sum(LedgerKind.RECEIVABLE) == D("4000.00")
    # the line's free money rises by 2,500, not by 6,500
    assert selectors.line_free(line=line, year=2027) == D("6000.00")
    assert selectors.source_position(line=line, source_key=SOURCE).open_receivable == D("4000.00")


def test_revoking_twice_books_nothing_twice(d5):
    line, by = d5
    services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    again = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    assert (again.released, again.receivable) == (D(0), D(0))
    assert _sum(LedgerKind.RECEIVABLE) == D("4000.00")


def test_d5_repayment_settles_the_receivable_and_frees_the_money(d5):
    line, by = d5
    services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    with pytest.raises(DomainError):
        services.budget_book_repayment(line=line, source_key=SOURCE, amount=D("4000.01"), by=by)
    services.budget_book_repayment(line=line, source_key=SOURCE, amount=D("1000"), by=by)
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert (position.open_receivable, position.paid, position.bound) == (
        D("3000.00"),
        D("3000.00"),
        D("3000.00"),
    )
    services.budget_book_repayment(line=line, source_key=SOURCE, amount=D("3000"), by=by)
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert (position.open_receivable, position.paid, position.bound) == (D(0), D(0), D(0))
    assert selectors.line_free(line=line, year=2027) == D("10000.00")


def test_c2_partial_widerruf_keeps_the_final_grant_bound(world):
    """C2: 6,500 paid, final grant 5,700 → nothing released, receivable 800; once repaid the
    ledger shows 5,700 bound and 5,700 paid (committed never below paid)."""
    line = FundingLineFactory()
    LineBudgetFactory(line=line, year=2027, amount=D("10000"))
    by = world.users["case_worker"]
    services.budget_commit(line=line, year_amounts={2027: D("6500")}, source_key=SOURCE, by=by)
    services.budget_book_payment(line=line, year=2027, amount=D("6500"), source_key=SOURCE, by=by)
    booked = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D("5700"))
    assert (booked.released, booked.receivable) == (D(0), D("800.00"))
    services.budget_book_repayment(line=line, source_key=SOURCE, amount=D("800"), by=by)
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert (position.bound, position.paid, position.open_receivable) == (
        D("5700.00"),
        D("5700.00"),
        D(0),
    )


def test_settlement_below_the_grant_releases_what_is_not_needed(world):
    """Commitment 6,500, paid 4,000, final grant 5,700: 800 released, 1,700 stays bound to be
    paid, no receivable."""
    line = FundingLineFactory()
    LineBudgetFactory(line=line, year=2027, amount=D("10000"))
    by = world.users["case_worker"]
    services.budget_commit(line=line, year_amounts={2027: D("6500")}, source_key=SOURCE, by=by)
    services.budget_book_payment(line=line, year=2027, amount=D("4000"), source_key=SOURCE, by=by)
    booked = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D("5700"))
    assert (booked.released, booked.receivable) == (D("800.00"), D(0))
    assert selectors.source_position(line=line, source_key=SOURCE).bound == D("5700.00")


def test_multi_year_widerruf_releases_the_ve_and_claims_what_was_paid(world):
    """F1 pattern: 120,000 bound against the 2026 Ansatz and 480,000 for 2027–2030 against the
    VE of 2026 (§ 38 LHO); 120,000 paid in 2026, then a full Widerruf: the VE is released year
    by year, the 2026 payment is claimed back."""
    line = FundingLineFactory(cap=None)
    budget = LineBudgetFactory(
        line=line, year=2026, amount=D("500000"), ve_amount=D("480000"), ve_until_year=2030
    )
    by = world.users["case_worker"]
    services.budget_commit(
        line=line,
        year_amounts={year: D("120000") for year in range(2026, 2031)},
        source_key=SOURCE,
        by=by,
        on_year=2026,
    )
    services.budget_book_payment(line=line, year=2026, amount=D("120000"), source_key=SOURCE, by=by)
    booked = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    assert (booked.released, booked.receivable) == (D("480000.00"), D("120000.00"))
    ve_released = LedgerEntry.objects.filter(kind=LedgerKind.VE_RELEASE, source_key=SOURCE)
    assert sorted(e.burden_year for e in ve_released) == [2027, 2028, 2029, 2030]
    assert selectors.ve_sums([budget.pk])[budget.pk] == D(0)
    assert _sum(LedgerKind.RECEIVABLE, line_budget__year=2026) == D("120000.00")
    assert _sum(LedgerKind.RELEASE) == D(0)  # the paid 2026 money stays bound until repaid


def test_budget_overview_shows_open_receivables_per_line_and_year(d5, client, world):
    """Issue #11: the ledger shows open receivables per line and year."""
    line, by = d5
    services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    services.budget_book_repayment(line=line, source_key=SOURCE, amount=D("1000"), by=by)
    (row,) = [r for r in selectors.budget_overview(year=2027) if r.line == line and not r.is_ve]
    assert (row.receivable, row.paid, row.committed) == (
        D("3000.00"),
        D("3000.00"),
        D("3000.00"),
    )
    assert selectors.budget_totals([row]).receivable == D("3000.00")
    client.force_login(world.users["programme_staff"])
    html = client.get(reverse("programmes:budget-overview") + "?jahr=2027").content.decode()
    assert "Offene Forderungen" in html and "3.000,00" in html


def test_repayment_of_money_paid_against_a_ve_releases_the_ve(world):
    """A 2027 amount bound against the VE of 2026 (§ 38 LHO), paid in 2027, reclaimed in full
    and repaid: the VE binding for 2027 is released, nothing stays bound."""
    line = FundingLineFactory(cap=None)
    budget = LineBudgetFactory(
        line=line, year=2026, amount=D("500000"), ve_amount=D("100000"), ve_until_year=2027
    )
    LineBudgetFactory(line=line, year=2027, amount=D("500000"))
    by = world.users["case_worker"]
    services.budget_commit(
        line=line,
        year_amounts={2026: D("50000"), 2027: D("50000")},
        source_key=SOURCE,
        by=by,
        on_year=2026,
    )
    services.budget_book_payment(line=line, year=2027, amount=D("20000"), source_key=SOURCE, by=by)
    booked = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    assert (booked.released, booked.receivable) == (D("80000.00"), D("20000.00"))
    services.budget_book_repayment(line=line, source_key=SOURCE, amount=D("20000"), by=by)
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert (position.bound, position.paid, position.open_receivable) == (D(0), D(0), D(0))
    assert selectors.ve_sums([budget.pk])[budget.pk] == D(0)


money_share = st.decimals(min_value=0, max_value=1, places=2)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paid_share=money_share, remaining_share=money_share, repaid_share=money_share)
def test_widerruf_properties(world, paid_share, remaining_share, repaid_share):
    """Issue #11 properties: committed never below paid, the receivable is what was paid above
    the remaining grant, a repayment lowers bound and paid alike, the line's free money equals
    the Ansatz less the sum of the bookings."""
    line = FundingLineFactory()
    budget = LineBudgetFactory(line=line, year=2027, amount=D("100000"))
    by = world.users["case_worker"]
    granted = D("6500.00")
    paid = (granted * paid_share).quantize(D("0.01"))
    remaining = (granted * remaining_share).quantize(D("0.01"))
    services.budget_commit(line=line, year_amounts={2027: granted}, source_key=SOURCE, by=by)
    if paid:
        services.budget_book_payment(line=line, year=2027, amount=paid, source_key=SOURCE, by=by)
    booked = services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=remaining)
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert booked.receivable == max(paid - remaining, D(0))
    assert position.bound == max(remaining, paid) >= position.paid
    repaid = (booked.receivable * repaid_share).quantize(D("0.01"))
    if repaid:
        services.budget_book_repayment(line=line, source_key=SOURCE, amount=repaid, by=by)
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert position.bound >= position.paid == paid - repaid
    assert position.open_receivable == booked.receivable - repaid
    entries = LedgerEntry.objects.filter(line_budget=budget)
    signed = {
        LedgerKind.COMMITMENT: 1,
        LedgerKind.RELEASE: -1,
    }
    committed = sum((signed.get(e.kind, 0) * e.amount for e in entries), D(0))
    assert selectors.line_free(line=line, year=2027) == budget.amount - committed
    assert committed == position.bound
