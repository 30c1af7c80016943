"""Worked examples of grant-law-examples.md section C (final settlement), to the cent."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from wirportal.programmes.grants import UnitLine
from wirportal.programmes.models import FinancingType as F
from wirportal.settlement.final import CostLine, Funds, eligible_costs_by_items, final_grant
from wirportal.settlement.policy import Policy


def one_line(planned, actual):
    return [CostLine("Ausgaben", D(planned), D(actual))]


def test_c2_gap_financing_lower_costs_repay_800():
    """Plan A 8,000, E 1,500, Z 6,500 paid; actual A 7,200 → Z 5,700 → repay 800 (Nr. 2.1.2)."""
    result = final_grant(
        financing_type=F.GAP,
        granted=D("6500"),
        paid=D("6500"),
        cost_lines=one_line("8000", "7200"),
        planned_funds=Funds(own=D("1500")),
        actual_funds=Funds(own=D("1500")),
    )
    assert result.final_grant == D("5700.00")
    assert result.repayment == D("800.00")
    assert result.still_to_pay == D("0.00")


def test_c3_gap_financing_extra_income_repay_500():
    """Actual A 8,000, E 2,000 (extra donation 500) → Z 6,000 → repay 500."""
    result = final_grant(
        financing_type=F.GAP,
        granted=D("6500"),
        paid=D("6500"),
        cost_lines=one_line("8000", "8000"),
        planned_funds=Funds(own=D("1500")),
        actual_funds=Funds(own=D("1500"), third_party=D("500")),
    )
    assert result.final_grant == D("6000.00")
    assert result.repayment == D("500.00")


def share(actual_costs, actual_funds=None):
    return final_grant(
        financing_type=F.SHARE,
        rate=D("75"),
        cap=D("15000"),
        granted=D("15000"),
        paid=D("15000"),
        cost_lines=one_line("20000", actual_costs),
        planned_funds=Funds(own=D("5000")),
        actual_funds=actual_funds or Funds(own=D("5000")),
    )


def test_c4_share_lower_costs_repay_1500():
    result = share("18000")
    assert result.final_grant == D("13500.00")
    assert result.repayment == D("1500.00")


def test_c4_share_higher_costs_never_increase_the_grant():
    result = share("22000")
    assert result.final_grant == D("15000.00")
    assert result.repayment == D("0.00")


def test_c4_share_new_third_party_money_reduces_anteilig():
    """A stays 20,000, 2,000 new third-party money: 75 % × (20,000 − 2,000) = 13,500."""
    result = share("20000", Funds(own=D("5000"), third_party=D("2000")))
    assert result.final_grant == D("13500.00")
    assert result.repayment == D("1500.00")


def test_c5_fixed_amount_by_units_held():
    """Deutsch 4U: 300 UE × 40 paid 12,000; 280 UE held → 11,200 → repay 800. Childcare 300 UE ×
    8 = 2,400; 250 UE held → 2,000 → repay 400."""
    course = final_grant(
        financing_type=F.FIXED,
        granted=D("12000"),
        paid=D("12000"),
        cost_lines=one_line("12000", "11800"),
        planned_funds=Funds(),
        actual_funds=Funds(),
        unit_lines=[UnitLine("UE", D("280"), D("40"), max_units=D("300"), max_amount=D("12000"))],
    )
    assert (course.final_grant, course.repayment) == (D("11200.00"), D("800.00"))
    childcare = final_grant(
        financing_type=F.FIXED,
        granted=D("2400"),
        paid=D("2400"),
        cost_lines=one_line("2400", "2300"),
        planned_funds=Funds(),
        actual_funds=Funds(),
        unit_lines=[UnitLine("Kinderbetreuung", D("250"), D("8"))],
    )
    assert (childcare.final_grant, childcare.repayment) == (D("2000.00"), D("400.00"))


def test_c6_fixed_amount_above_real_costs_repay_10000():
    """Vielfaltszentrum 2 VZÄ × 60,000 = 120,000 paid; proven staff costs 110,000 → 110,000."""
    result = final_grant(
        financing_type=F.FIXED,
        granted=D("120000"),
        paid=D("120000"),
        cost_lines=[CostLine("Personalausgaben", D("120000"), D("110000"))],
        planned_funds=Funds(),
        actual_funds=Funds(),
        unit_lines=[UnitLine("Koordinationskraft", D("2"), D("60000"))],
    )
    assert result.final_grant == D("110000.00")
    assert result.repayment == D("10000.00")


def test_c7_items_over_20_percent_are_cut_repay_300():
    """Plan fees 6,000, material 2,000, E 1,500, Z 6,500. Actual fees 7,500 (+25 %), material
    500: fees count up to 7,200 → eligible 7,700 → Z 6,200 → repay 300 (ANBest-P Nr. 1.2)."""
    lines = [
        CostLine("Honorare", D("6000"), D("7500")),
        CostLine("Sachausgaben", D("2000"), D("500")),
    ]
    result = final_grant(
        financing_type=F.GAP,
        granted=D("6500"),
        paid=D("6500"),
        cost_lines=lines,
        planned_funds=Funds(own=D("1500")),
        actual_funds=Funds(own=D("1500")),
    )
    assert result.eligible_costs == D("7700.00")
    assert result.final_grant == D("6200.00")
    assert result.repayment == D("300.00")


def test_c7_within_20_percent_and_total_kept_no_item_is_cut():
    lines = [
        CostLine("Honorare", D("6000"), D("7200")),
        CostLine("Sachausgaben", D("2000"), D("800")),
    ]
    assert eligible_costs_by_items(lines, D("20"))[0] == D("8000.00")


def test_c7_tolerance_is_a_line_setting():
    """Another tolerance (verify HE) or none at all: then only the total is binding."""
    lines = [
        CostLine("Honorare", D("6000"), D("7500")),
        CostLine("Sachausgaben", D("2000"), D("500")),
    ]
    assert eligible_costs_by_items(lines, D("10"))[0] == D("7100.00")
    assert eligible_costs_by_items(lines, None)[0] == D("8000.00")


def test_c8_small_amount_limit_waives_and_says_so():
    """Kleinbetragsgrenze as a setting (no Hessian value known): 40.00 overpaid below a limit of
    50.00 is not reclaimed, and the result says so for the file."""
    kwargs = {
        "financing_type": F.GAP,
        "granted": D("6500"),
        "paid": D("6500"),
        "cost_lines": one_line("8000", "7960"),
        "planned_funds": Funds(own=D("1500")),
        "actual_funds": Funds(own=D("1500")),
    }
    waived = final_grant(**kwargs, policy=Policy(small_amount_limit=D("50")))
    assert (waived.overpaid, waived.repayment, waived.small_amount_waived) == (
        D("40.00"),
        D("0.00"),
        True,
    )
    assert any("Kleinbetragsgrenze" in step for step in waived.steps)
    pursued = final_grant(**kwargs)  # default: no limit
    assert (pursued.repayment, pursued.small_amount_waived) == (D("40.00"), False)


def test_not_all_paid_yet_leaves_the_rest_to_pay():
    result = final_grant(
        financing_type=F.GAP,
        granted=D("6500"),
        paid=D("4000"),
        cost_lines=one_line("8000", "7200"),
        planned_funds=Funds(own=D("1500")),
        actual_funds=Funds(own=D("1500")),
    )
    assert (result.final_grant, result.repayment, result.still_to_pay) == (
        D("5700.00"),
        D("0.00"),
        D("1700.00"),
    )


money = st.decimals(min_value=0, max_value=500_000, places=2)


@given(
    financing_type=st.sampled_from([F.GAP, F.SHARE, F.FULL]),
    planned=money,
    actual=money,
    own=money,
    third=money,
    granted=money,
    paid_share=st.decimals(min_value=0, max_value=1, places=2),
)
def test_the_final_grant_never_exceeds_the_grant_nor_the_uncovered_costs(
    financing_type, planned, actual, own, third, granted, paid_share
):
    paid = (granted * paid_share).quantize(D("0.01"))
    result = final_grant(
        financing_type=financing_type,
        rate=D("75"),
        granted=granted,
        paid=paid,
        cost_lines=one_line(planned, actual),
        planned_funds=Funds(own=own),
        actual_funds=Funds(own=own, third_party=third),
    )
    assert D(0) <= result.final_grant <= granted
    assert result.final_grant <= max(actual - third, D(0))
    assert result.final_grant - result.paid == result.still_to_pay - result.overpaid
