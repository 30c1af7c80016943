from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import BudgetExceeded, DomainError
from wirportal.programmes import selectors, services
from wirportal.programmes.models import BudgetYear, LedgerEntry, LedgerKind

from .factories import FundingLineFactory, LineBudgetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return world.users["programme_staff"]


@pytest.fixture
def line(staff):
    line = FundingLineFactory()
    for year in (2026, 2027, 2028):
        BudgetYear.objects.create(programme=line.programme, year=year, total=D("1000000"))
        LineBudgetFactory(line=line, year=year, amount=D("1000"))
    return line


def test_commit_books_into_each_year_of_a_multi_year_grant(line, staff):
    entries = services.budget_commit(
        line=line,
        year_amounts={2026: D("400"), 2027: D("300")},
        source_key="application:1",
        by=staff,
    )
    assert sorted(e.line_budget.year for e in entries) == [2026, 2027]
    assert selectors.line_free(line=line, year=2026) == D("600")
    assert selectors.line_free(line=line, year=2027) == D("700")
    assert selectors.line_free(line=line, year=2028) == D("1000")
    assert AuditEntry.objects.filter(action="budget.committed").count() == 1


def test_commit_refuses_more_than_free_with_a_german_message(line, staff):
    services.budget_commit(
        line=line, year_amounts={2027: D("600")}, source_key="application:1", by=staff
    )
    with pytest.raises(BudgetExceeded, match="nur noch 400,00 € frei"):
        services.budget_commit(
            line=line, year_amounts={2027: D("600")}, source_key="application:2", by=staff
        )
    assert LedgerEntry.objects.count() == 1


def test_commit_is_all_or_nothing_across_years(line, staff):
    services.budget_commit(line=line, year_amounts={2028: D("900")}, source_key="a:1", by=staff)
    with pytest.raises(BudgetExceeded):
        services.budget_commit(
            line=line, year_amounts={2027: D("500"), 2028: D("500")}, source_key="a:2", by=staff
        )
    assert selectors.line_free(line=line, year=2027) == D("1000")


def test_commit_is_idempotent_per_source_key(line, staff):
    first = services.budget_commit(
        line=line, year_amounts={2027: D("600")}, source_key="a:1", by=staff
    )
    again = services.budget_commit(
        line=line, year_amounts={2027: D("600")}, source_key="a:1", by=staff
    )
    assert [e.pk for e in first] == [e.pk for e in again]
    assert LedgerEntry.objects.count() == 1
    with pytest.raises(DomainError, match="bereits eine andere Bindung"):
        services.budget_commit(line=line, year_amounts={2027: D("100")}, source_key="a:1", by=staff)


def test_commit_needs_a_budget_for_every_year(line, staff):
    with pytest.raises(DomainError, match="2030"):
        services.budget_commit(line=line, year_amounts={2030: D("1")}, source_key="a:1", by=staff)


def test_commit_checks_the_office_allocation(line, staff, world):
    line.allocated_per_office = True
    line.save()
    budget = line.budgets.get(year=2027)
    services.office_allocation_save(
        by=staff, line_budget=budget, office=world["office_x"], amount=D("300")
    )
    with pytest.raises(BudgetExceeded, match="Kontingent"):
        services.budget_commit(
            line=line,
            year_amounts={2027: D("301")},
            office=world["office_x"],
            source_key="a:1",
            by=staff,
        )
    services.budget_commit(
        line=line,
        year_amounts={2027: D("300")},
        office=world["office_x"],
        source_key="a:1",
        by=staff,
    )
    with pytest.raises(BudgetExceeded):
        services.budget_commit(
            line=line,
            year_amounts={2027: D("1")},
            office=world["office_y"],
            source_key="a:2",
            by=staff,
        )


def test_release_frees_money_again_and_payment_counts_as_paid(line, staff):
    services.budget_commit(line=line, year_amounts={2027: D("600")}, source_key="a:1", by=staff)
    services.budget_book_payment(line=line, year=2027, amount=D("200"), source_key="a:1", by=staff)
    with pytest.raises(BudgetExceeded):
        services.budget_book_payment(
            line=line, year=2027, amount=D("401"), source_key="a:1", by=staff
        )
    services.budget_release(line=line, source_key="a:1", by=staff, year_amounts={2027: D("100")})
    rows = {row.label: row for row in selectors.budget_overview(year=2027)}
    row = rows[line.name]
    assert (row.planned, row.committed, row.paid, row.free) == (
        D("1000"),
        D("500"),
        D("200"),
        D("500"),
    )
    assert LedgerEntry.objects.filter(kind=LedgerKind.RELEASE).count() == 1


def test_line_budget_cannot_go_below_committed_or_above_year_total(line, staff):
    services.budget_commit(line=line, year_amounts={2027: D("600")}, source_key="a:1", by=staff)
    budget = line.budgets.get(year=2027)
    with pytest.raises(DomainError, match="gebunden"):
        services.line_budget_save(
            by=staff, line=line, line_budget=budget, year=2027, amount=D("500")
        )
    with pytest.raises(DomainError, match="Gesamtbudget"):
        services.line_budget_save(
            by=staff, line=line, line_budget=budget, year=2027, amount=D("2000000")
        )


def test_call_save_validates_dates(line, staff):
    with pytest.raises(Exception, match="Frist"):
        services.call_save(
            by=staff,
            line=line,
            title="x",
            first_year=2027,
            last_year=2027,
            opens_at=date(2026, 12, 1),
            closes_at=date(2026, 11, 1),
        )


def test_demo_seed_is_idempotent_and_creates_open_2027_calls(world):
    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo
    from wirportal.programmes.models import Call, FundingLine

    offices_demo.load()
    assert demo.load()
    assert demo.load() == ""
    assert FundingLine.objects.count() == 13
    calls = selectors.open_calls(day=date(2026, 11, 25))
    assert len(calls) == 6
    assert all(call.deadline == date(2026, 12, 31) for call in calls)
    assert Call.objects.count() == 8
    # § 38 LHO: the 2026 budget of the Vielfaltszentren authorises commitments for 2027–2030;
    # the multi-year grants themselves are decided in the decisions demo (brief F1)
    vz = FundingLine.objects.get(code="vielfaltszentren").budgets.get(year=2026)
    assert (vz.ve_amount, vz.ve_until_year) == (vz.amount * 4, 2030)


def test_demo_and_data_migration_give_the_caps_their_level(world):
    """Brief A5–A10: hours per guide, assignments per client (at most 5), UE per course,
    centres and migrant organisations per year; the migration sets the same for existing data."""
    import importlib

    from django.apps import apps

    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo
    from wirportal.programmes.models import CapLevel, FundingLine, UnitRate
    from wirportal.programmes.tests.factories import FundingLineFactory, UnitRateFactory

    migration = importlib.import_module(
        "wirportal.programmes.migrations.0003_cap_levels_of_existing_lines"
    )
    assert {key: level for key, (level, _max) in migration.RATE_LEVELS.items()} == {
        key: str(level) for key, level in demo.RATE_CAP_LEVELS.items()
    }
    offices_demo.load()
    demo.load()
    assert set(
        UnitRate.objects.filter(line__code="laiendolmetscher", code="einsatz").values_list(
            "cap_level", "max_units"
        )
    ) == {(CapLevel.CLIENT, D("5"))}
    assert set(
        UnitRate.objects.filter(line__code="lotsen", code="stunde").values_list(
            "cap_level", flat=True
        )
    ) == {CapLevel.PERSON}
    assert {line.cap_level for line in FundingLine.objects.filter(code="vielfaltszentren")} == {
        CapLevel.YEAR
    }
    # existing data before the migration: defaults, then the levels
    old = FundingLineFactory(code="deutsch4u")
    ue = UnitRateFactory(line=old, code="ue")
    assert ue.cap_level == CapLevel.ROW
    migration.forwards(apps, None)
    ue.refresh_from_db()
    assert ue.cap_level == CapLevel.COURSE
