"""Worked examples of domain.md §3.3 and properties that hold for every input."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from wirportal.programmes.grants import UnitLine, compute_grant
from wirportal.programmes.models import FinancingType as F


def test_gap_financing_is_capped_at_15000():
    result = compute_grant(
        financing_type=F.GAP, eligible_costs=D("20000"), own_funds=D("4000"), cap=D("15000")
    )
    assert result.amount == D("15000.00")
    assert any("Höchstbetrag" in step for step in result.steps)


def test_gap_financing_falls_in_full_with_lower_costs():
    result = compute_grant(
        financing_type=F.GAP, eligible_costs=D("18000"), own_funds=D("4000"), cap=D("15000")
    )
    assert result.amount == D("14000.00")


def test_share_financing_75_percent():
    share = {"financing_type": F.SHARE, "rate": D("75"), "cap": D("15000")}
    assert compute_grant(eligible_costs=D("20000"), **share).amount == D("15000.00")
    assert compute_grant(eligible_costs=D("18000"), **share).amount == D("13500.00")


def test_fixed_amount_deutsch4u_course_is_limited_to_12000():
    lines = [UnitLine("UE", D("320"), D("40"), max_units=D("300"), max_amount=D("12000"))]
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("14000"), unit_lines=lines)
    assert result.amount == D("12000.00")


def test_fixed_amount_interpreter_assignments():
    lines = [UnitLine("Einsatz", D("35"), D("20"))]
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("1000"), unit_lines=lines)
    assert result.amount == D("700.00")


def test_fixed_amount_never_exceeds_lower_eligible_costs():
    lines = [UnitLine("VZÄ", D("1"), D("60000"))]
    result = compute_grant(financing_type=F.FIXED, eligible_costs=D("55000"), unit_lines=lines)
    assert result.amount == D("55000.00")


def test_full_financing_pays_all_eligible_costs():
    result = compute_grant(financing_type=F.FULL, eligible_costs=D("8765.43"))
    assert result.amount == D("8765.43")


money = st.decimals(min_value=D("0"), max_value=D("10000000"), places=2, allow_nan=False)
types = st.sampled_from([F.SHARE, F.GAP, F.FIXED, F.FULL])


@given(
    kind=types,
    costs=money,
    own=money,
    rate=st.decimals(min_value=D("0"), max_value=D("100"), places=2),
    cap=st.one_of(st.none(), money),
    units=st.decimals(min_value=D("-5"), max_value=D("1000"), places=2),
    unit_amount=money,
)
def test_grant_is_between_zero_cap_and_costs_in_cents(
    kind, costs, own, rate, cap, units, unit_amount
):
    result = compute_grant(
        financing_type=kind,
        eligible_costs=costs,
        own_funds=own,
        rate=rate,
        cap=cap,
        unit_lines=[UnitLine("x", units, unit_amount)],
    )
    assert result.amount >= 0
    assert result.amount <= costs
    if cap is not None:
        assert result.amount <= cap
    assert result.amount == result.amount.quantize(D("0.01"))
