"""§ 38 LHO: future years of a multi-year grant are bound against the Verpflichtungsermächtigung
(VE) of the decision year's budget, kept in the ledger (brief F1)."""

from decimal import Decimal as D

import pytest

from wirportal.core.exceptions import BudgetExceeded, DomainError
from wirportal.programmes import selectors, services
from wirportal.programmes.models import BudgetYear, LedgerEntry, LedgerKind, LineBudget

from .factories import FundingLineFactory

pytestmark = pytest.mark.django_db

YEARS = {
    2026: D("120000"),
    2027: D("120000"),
    2028: D("120000"),
    2029: D("120000"),
    2030: D("120000"),
}


@pytest.fixture
def staff(world):
    return world.users["programme_staff"]


@pytest.fixture
def line(staff):
    """A Vielfaltszentren line with only the 2026 budget: Ansatz 1,000,000, VE 2,000,000 for
    2027–2030; no Ansatz of 2027–2030 exists yet."""
    line = FundingLineFactory(cap=None)
    BudgetYear.objects.create(programme=line.programme, year=2026, total=D("5000000"))
    services.line_budget_save(
        by=staff,
        line=line,
        year=2026,
        amount=D("1000000"),
        ve_amount=D("2000000"),
        ve_until_year=2030,
    )
    return line


def _rows(source):
    return sorted(
        (e.kind, e.line_budget.year, e.burden_year, e.amount)
        for e in LedgerEntry.objects.filter(source_key=source).select_related("line_budget")
    )


def test_f1_bad_homburg_binds_2026_ansatz_and_480000_against_the_ve(line, staff):
    services.budget_commit(
        line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
    )
    assert _rows("vz:bh") == [
        (LedgerKind.COMMITMENT, 2026, None, D("120000.00")),
        *[(LedgerKind.VE_COMMITMENT, 2026, year, D("120000.00")) for year in range(2027, 2031)],
    ]
    assert not LineBudget.objects.filter(line=line, year__gt=2026).exists()
    assert selectors.line_free(line=line, year=2026) == D("880000.00")
    budget = LineBudget.objects.get(line=line, year=2026)
    assert selectors.ve_sums([budget.pk])[budget.pk] == D("480000.00")
    # idempotent: the same binding again books nothing
    services.budget_commit(
        line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
    )
    assert LedgerEntry.objects.count() == 5


def test_decision_exceeding_the_free_ve_is_refused_with_the_figures(line, staff):
    LineBudget.objects.filter(line=line).update(ve_amount=D("400000"))
    with pytest.raises(BudgetExceeded) as refused:
        services.budget_commit(
            line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
        )
    message = str(refused.value.message)
    assert "Verpflichtungsermächtigung 2026" in message
    assert "400.000,00" in message and "480.000,00" in message and "§ 38 LHO" in message
    assert not LedgerEntry.objects.exists()


def test_years_beyond_the_ve_and_without_ansatz_are_refused(line, staff):
    LineBudget.objects.filter(line=line).update(ve_until_year=2028)
    with pytest.raises(DomainError, match="weder einen Ansatz noch eine Verpflichtungs"):
        services.budget_commit(
            line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
        )
    assert not LedgerEntry.objects.exists()


def test_release_gives_back_ansatz_and_ve(line, staff):
    services.budget_commit(
        line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
    )
    budget = LineBudget.objects.get(line=line, year=2026)
    services.budget_release(
        line=line, source_key="vz:bh", by=staff, year_amounts={2030: D("20000")}
    )
    assert selectors.ve_sums([budget.pk])[budget.pk] == D("460000.00")
    services.budget_release(line=line, source_key="vz:bh", by=staff)
    assert selectors.line_free(line=line, year=2026) == D("1000000.00")
    assert selectors.ve_sums([budget.pk])[budget.pk] == D("0.00")
    kinds = LedgerEntry.objects.filter(kind=LedgerKind.VE_RELEASE).values_list(
        "burden_year", "amount"
    )
    assert sorted(kinds) == [
        (2027, D("120000.00")),
        (2028, D("120000.00")),
        (2029, D("120000.00")),
        (2030, D("20000.00")),
        (2030, D("100000.00")),
    ]


def test_later_ansatz_carries_the_ve_burden_and_pays_the_year(line, staff):
    services.budget_commit(
        line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
    )
    BudgetYear.objects.create(programme=line.programme, year=2027, total=D("5000000"))
    services.line_budget_save(by=staff, line=line, year=2027, amount=D("500000"))
    # Vorbelastung: the 2027 Ansatz already carries the 120,000 bound under the 2026 VE
    assert selectors.line_free(line=line, year=2027) == D("380000.00")
    with pytest.raises(DomainError, match="gebunden"):
        services.line_budget_save(
            by=staff,
            line=line,
            year=2027,
            amount=D("100000"),
            line_budget=LineBudget.objects.get(line=line, year=2027),
        )
    # the payment is booked in the year it is made, against the VE binding of that year
    services.budget_book_payment(
        line=line, year=2027, amount=D("60000"), source_key="vz:bh", by=staff
    )
    with pytest.raises(BudgetExceeded):
        services.budget_book_payment(
            line=line, year=2027, amount=D("60000.01"), source_key="vz:bh", by=staff
        )


def test_ve_needs_the_years_it_may_burden_and_never_drops_below_what_is_bound(line, staff):
    BudgetYear.objects.create(programme=line.programme, year=2027, total=D("5000000"))
    with pytest.raises(DomainError) as refused:
        services.line_budget_save(
            by=staff, line=line, year=2027, amount=D("1"), ve_amount=D("1000")
        )
    assert refused.value.field == "ve_until_year"
    services.budget_commit(
        line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
    )
    with pytest.raises(DomainError) as refused:
        services.line_budget_save(
            by=staff,
            line=line,
            year=2026,
            amount=D("1000000"),
            ve_amount=D("100000"),
            ve_until_year=2030,
            line_budget=LineBudget.objects.get(line=line, year=2026),
        )
    assert refused.value.field == "ve_amount"


def test_budget_overview_shows_the_ve_apart_and_the_burden_on_later_years(line, staff):
    services.budget_commit(
        line=line, year_amounts=YEARS, source_key="vz:bh", by=staff, on_year=2026
    )
    rows = selectors.budget_overview(year=2026)
    ansatz, ve = rows
    assert (ansatz.planned, ansatz.committed, ansatz.is_ve) == (
        D("1000000.00"),
        D("120000.00"),
        False,
    )
    assert (ve.planned, ve.committed, ve.is_ve, ve.ve_years) == (
        D("2000000.00"),
        D("480000.00"),
        True,
        "2027–2030",
    )
    assert selectors.budget_totals(rows).planned == D("1000000.00")  # the VE is no money of 2026
    BudgetYear.objects.create(programme=line.programme, year=2027, total=D("5000000"))
    services.line_budget_save(by=staff, line=line, year=2027, amount=D("500000"))
    (row_2027,) = selectors.budget_overview(year=2027)
    assert row_2027.committed == D("120000.00")
