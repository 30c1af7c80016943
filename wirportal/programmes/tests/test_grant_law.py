"""Worked examples of grant-law-examples.md section A, to the cent, and properties over plans.

A = eligible expenditure, E = own and third-party funds, q = rate, H = cap, Z = grant.
"""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from wirportal.core.money import to_money
from wirportal.programmes.grants import UnitLine, compute_grant
from wirportal.programmes.models import FinancingType as F
from wirportal.programmes.models import Rounding

# --- A1–A3: no over-financing (§ 23 LHO, ANBest-P Nr. 1.2, 2.1) -------------------------


def test_a1_share_never_exceeds_the_gap():
    result = compute_grant(
        financing_type=F.SHARE, rate=D("75"), eligible_costs=D("20000"), own_funds=D("10000")
    )
    assert result.amount == D("10000.00")


def test_a2_share_without_gap_gives_no_grant():
    result = compute_grant(
        financing_type=F.SHARE, rate=D("75"), eligible_costs=D("20000"), own_funds=D("25000")
    )
    assert result.amount == D("0.00")


def test_a3_full_financing_covers_only_what_is_not_otherwise_financed():
    result = compute_grant(financing_type=F.FULL, eligible_costs=D("12345.67"), own_funds=D("2000"))
    assert result.amount == D("10345.67")


def test_a4_gap_financing_capped_leaves_1000_unfinanced():
    result = compute_grant(
        financing_type=F.GAP, eligible_costs=D("20000"), own_funds=D("4000"), cap=D("15000")
    )
    assert result.amount == D("15000.00")
    assert result.unfinanced == D("1000.00")


# --- A5–A10: caps at the level the line defines them -----------------------------------


def test_a5_guides_hours_are_capped_per_guide():
    hours = UnitLine("Aufwandsentschädigung", D("200"), D("5"), max_units=D("276"), count=10)
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("10000"), unit_lines=[hours])
    assert result.amount == D("10000.00")


def test_a7_interpreter_assignments_are_capped_per_client():
    assignments = UnitLine("Einsatz", D("7"), D("20"), max_units=D("5"), count=30)
    result = compute_grant(
        financing_type=F.FIXED, eligible_costs=D("4200"), unit_lines=[assignments]
    )
    assert result.amount == D("3000.00")


def test_a8_deutsch4u_cap_is_per_course():
    courses = UnitLine("UE", D("300"), D("40"), max_units=D("300"), max_amount=D("12000"), count=2)
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("24000"), unit_lines=[courses])
    assert result.amount == D("24000.00")


def test_a9_diversity_centre_cap_is_per_year():
    lines = [
        UnitLine("Koordinationskraft", D("2"), D("60000"), max_units=D("2"), count=2),
        UnitLine("WIR-Mitarbeitsstelle", D("1"), D("20000"), max_units=D("1"), count=2),
        UnitLine("Mikroprojekte", D("1"), D("5000"), max_units=D("1"), count=2),
    ]
    result = compute_grant(
        financing_type=F.FIXED,
        eligible_costs=D("290000"),
        cap=D("145000"),
        cap_years=2,
        unit_lines=lines,
    )
    assert result.amount == D("290000.00")


def test_a10_migrant_organisation_24_months_cap_is_per_year():
    lines = [
        UnitLine("Kleinprojekt", D("1"), D("3000"), max_units=D("1"), count=2),
        UnitLine("Minijob", D("1"), D("7200"), max_units=D("1"), count=2),
    ]
    result = compute_grant(
        financing_type=F.FIXED,
        eligible_costs=D("20400"),
        cap=D("10200"),
        cap_years=2,
        unit_lines=lines,
    )
    assert result.amount == D("20400.00")


def test_a11_fixed_amount_never_exceeds_real_costs():
    posts = UnitLine("VZÄ", D("1.5"), D("60000"))
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("70000"), unit_lines=[posts])
    assert result.amount == D("70000.00")


# --- correct already (regression) -------------------------------------------------------


def test_regression_gap_financing():
    gap = {"financing_type": F.GAP, "own_funds": D("4000"), "cap": D("15000")}
    assert compute_grant(eligible_costs=D("20000"), **gap).amount == D("15000.00")
    assert compute_grant(eligible_costs=D("18000"), **gap).amount == D("14000.00")


def test_regression_share_financing():
    share = {"financing_type": F.SHARE, "rate": D("75"), "cap": D("15000")}
    assert compute_grant(eligible_costs=D("20000"), **share).amount == D("15000.00")
    assert compute_grant(eligible_costs=D("18000"), **share).amount == D("13500.00")


def test_regression_own_funds_above_costs_give_nothing():
    result = compute_grant(financing_type=F.GAP, eligible_costs=D("20000"), own_funds=D("25000"))
    assert result.amount == D("0.00")


def test_regression_deutsch4u_320_ue_capped_at_12000():
    course = UnitLine("UE", D("320"), D("40"), max_units=D("300"), max_amount=D("12000"))
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("14000"), unit_lines=[course])
    assert result.amount == D("12000.00")


def test_regression_rounding_half_up_to_cents():
    result = compute_grant(financing_type=F.SHARE, rate=D("12.5"), eligible_costs=D("100.04"))
    assert result.amount == D("12.51")


# --- rounding per line ------------------------------------------------------------------


def test_rounding_cents_half_up_is_the_default():
    result = compute_grant(financing_type=F.SHARE, rate=D("75"), eligible_costs=D("10333.33"))
    assert result.amount == D("7750.00")


def test_rounding_full_euros_down_as_line_setting():
    result = compute_grant(
        financing_type=F.SHARE,
        rate=D("75"),
        eligible_costs=D("10333.33"),
        rounding=Rounding.EUROS_DOWN,
    )
    assert result.amount == D("7749.00")


# --- properties over random plans --------------------------------------------------------

money = st.decimals(min_value=D("0"), max_value=D("1000000"), places=2)
unit_lines = st.lists(
    st.builds(
        UnitLine,
        label=st.just("x"),
        units=st.decimals(min_value=D("0"), max_value=D("500"), places=2),
        amount=st.decimals(min_value=D("0"), max_value=D("70000"), places=2),
        max_units=st.one_of(st.none(), st.decimals(min_value=D("0"), max_value=D("300"), places=2)),
        max_amount=st.one_of(st.none(), money),
        count=st.integers(min_value=1, max_value=40),
    ),
    max_size=4,
)
plans = st.fixed_dictionaries(
    {
        "financing_type": st.sampled_from([F.SHARE, F.GAP, F.FIXED, F.FULL]),
        "own_funds": money,
        "rate": st.decimals(min_value=D("0"), max_value=D("100"), places=2),
        "cap": st.one_of(st.none(), money),
        "cap_years": st.integers(min_value=1, max_value=5),
        "unit_lines": unit_lines,
        "rounding": st.sampled_from(list(Rounding)),
    }
)


@given(plan=plans, costs=money, more=money)
def test_grant_never_negative_never_above_cap_or_gap_and_monotone_in_costs(plan, costs, more):
    result = compute_grant(eligible_costs=costs, **plan)
    z = result.amount
    assert z >= 0
    assert z == z.quantize(D("0.01"))
    assert z <= max(costs - plan["own_funds"], D(0))  # no over-financing
    if plan["cap"] is not None:
        assert z <= plan["cap"] * plan["cap_years"]  # cap at its (yearly) level
    if plan["financing_type"] == F.FIXED:
        for line in plan["unit_lines"]:
            if line.max_units is not None:  # units capped per person/client/course/year
                assert line.total() <= line.count * to_money(line.max_units * line.amount)
            if line.max_amount is not None:
                assert line.total() <= line.count * line.max_amount  # cap per person/course/…
        assert z <= sum((line.total() for line in plan["unit_lines"]), D(0))
    assert compute_grant(eligible_costs=costs + more, **plan).amount >= z  # monotone in costs
