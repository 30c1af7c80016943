"""The cost and financing plan computes the grant by grant law (grant-law-examples.md A):
real costs apart from unit rates (A11), caps per person/client/course/year (A5–A10), and no
submission while the total financing is not secured (A4)."""

from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.applications import selectors, services
from wirportal.applications.models import CostCategory
from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.programmes.models import CapLevel
from wirportal.programmes.models import FinancingType as F
from wirportal.programmes.tests.factories import CallFactory, FundingLineFactory, UnitRateFactory

pytestmark = pytest.mark.django_db


def _application(world, line, **fields):
    return ApplicationFactory(
        organisation=world["org_a"], call=CallFactory(line=line), line=line, **fields
    )


def _unit_row(application, rate, *, units, count=1, real_costs=None):
    extra = {"count": count} if count != 1 else {}
    return CostItemFactory(
        application=application,
        category=CostCategory.UNIT_RATE,
        unit_rate=rate,
        units=units,
        amount=real_costs,
        **extra,
    )


def test_a4_unfinanced_gap_blocks_submission_with_the_shortfall(draft, world, today):
    # Fehlbedarf, A = 20,000, E = 4,000, H = 15,000 → Z = 15,000, 1,000 unfinanced
    item = draft.cost_items.get()
    item.amount = D("20000")
    item.save()
    assert selectors.grant_for(draft).amount == D("15000.00")
    errors = selectors.submission_errors(draft, day=today)
    assert errors["financing"] == [
        "Die Gesamtfinanzierung ist nicht gesichert: Es fehlen 1.000,00 €. Bitte erhöhen Sie die "
        "Eigen- oder Drittmittel oder senken Sie die Ausgaben."
    ]
    source = draft.funding_sources.get()
    source.amount = D("5000")
    source.save()
    assert "financing" not in selectors.submission_errors(draft, day=today)
    assert selectors.grant_for(draft).amount == D("15000.00")


def test_a4_editor_shows_the_shortfall_next_to_the_plan(draft, world, client):
    item = draft.cost_items.get()
    item.amount = D("20000")
    item.save()
    client.force_login(world.users["applicant_a"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert 'id="financing"' in page
    assert "Es fehlen 1.000,00 €" in page


def test_a5_guides_hours_capped_per_guide(world):
    line = FundingLineFactory(financing_type=F.FIXED, cap=None)
    hours = UnitRateFactory(line=line, amount=D("5"), max_units=D("276"), cap_level=CapLevel.PERSON)
    application = _application(world, line)
    _unit_row(application, hours, units=D("200"), count=10, real_costs=D("10000"))
    assert selectors.grant_for(application).amount == D("10000.00")


def test_a9_diversity_centre_cap_per_project_year(world):
    line = FundingLineFactory(financing_type=F.FIXED, cap=D("145000"), cap_level=CapLevel.YEAR)
    posts = UnitRateFactory(line=line, amount=D("60000"), max_units=D("2"), cap_level="jahr")
    staff = UnitRateFactory(line=line, amount=D("20000"), max_units=D("1"), cap_level="jahr")
    micro = UnitRateFactory(line=line, amount=D("5000"), max_units=D("1"), cap_level="jahr")
    application = _application(
        world, line, period_start=date(2026, 1, 1), period_end=date(2027, 12, 31)
    )
    _unit_row(application, posts, units=D("2"), count=2, real_costs=D("240000"))
    _unit_row(application, staff, units=D("1"), count=2, real_costs=D("40000"))
    _unit_row(application, micro, units=D("1"), count=2, real_costs=D("10000"))
    assert selectors.project_years(application) == 2
    assert selectors.grant_for(application).amount == D("290000.00")


def test_a11_fixed_amount_never_exceeds_real_staff_costs(world):
    line = FundingLineFactory(financing_type=F.FIXED, cap=None)
    posts = UnitRateFactory(line=line, amount=D("60000"), unit="VZÄ")
    application = _application(world, line)
    _unit_row(application, posts, units=D("1.5"), real_costs=D("70000"))
    assert selectors.grant_for(application).amount == D("70000.00")
    assert selectors.financing_totals(application)["costs"] == D("70000.00")


def test_a3_full_financing_less_third_party_funds(world):
    line = FundingLineFactory(financing_type=F.FULL, cap=None)
    application = _application(world, line)
    CostItemFactory(application=application, amount=D("12345.67"))
    FundingSourceFactory(application=application, kind="drittmittel", amount=D("2000"))
    assert selectors.grant_for(application).amount == D("10345.67")


def test_autosave_stores_the_count_of_a_unit_rate_row(world):
    line = FundingLineFactory(financing_type=F.FIXED, cap=None)
    rate = UnitRateFactory(line=line, amount=D("20"), max_units=D("5"), cap_level="klient")
    application = _application(world, line)
    item = services.cost_item_add(application=application, by=world.users["applicant_a"])
    result = services.application_autosave(
        application=application,
        by=world.users["applicant_a"],
        data={
            f"cost-{item.pk}-unit_rate": str(rate.pk),
            f"cost-{item.pk}-units": "7",
            f"cost-{item.pk}-count": "30",
            f"cost-{item.pk}-amount": "4.200,00",
        },
    )
    assert not result.errors
    item.refresh_from_db()
    application.refresh_from_db()
    assert item.count == 30
    # A7: 30 clients × at most 5 assignments × 20 €
    assert application.requested_amount == D("3000.00")
    result = services.application_autosave(
        application=application,
        by=world.users["applicant_a"],
        data={f"cost-{item.pk}-count": "0"},
    )
    assert f"cost-{item.pk}-count" in result.errors
    item.refresh_from_db()
    assert item.count == 30


def test_a11_unit_rate_row_needs_the_real_costs_before_submission(world, today):
    line = FundingLineFactory(financing_type=F.FIXED, cap=None)
    posts = UnitRateFactory(line=line, amount=D("60000"), unit="VZÄ")
    application = _application(world, line)
    row = _unit_row(application, posts, units=D("1.5"))
    errors = selectors.submission_errors(application, day=today)
    assert errors[f"cost-{row.pk}-amount"] == [
        "Bitte geben Sie die tatsächlichen Ausgaben an, für die die Pauschale steht."
    ]
    row.amount = D("70000")
    row.save()
    assert f"cost-{row.pk}-amount" not in selectors.submission_errors(application, day=today)


def test_snapshot_keeps_real_costs_apart_from_the_unit_total(world):
    line = FundingLineFactory(financing_type=F.FIXED, cap=None)
    posts = UnitRateFactory(line=line, amount=D("60000"), unit="VZÄ")
    application = _application(world, line)
    _unit_row(application, posts, units=D("1.5"), real_costs=D("70000"))
    (row,) = selectors.snapshot_data(application)["cost_items"]
    assert row["total"] == "70000.00"  # what the arithmetic check adds up (= plan costs)
    assert row["unit_total"] == "90000.00 (Pauschale)"
