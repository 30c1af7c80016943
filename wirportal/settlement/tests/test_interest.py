"""Worked examples of grant-law-examples.md section D (§ 49a HVwVfG interest), to the cent."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirportal.core.exceptions import DomainError
from wirportal.settlement.interest import (
    BaseRate,
    claim,
    compute_interest,
    unused_money_interest,
)
from wirportal.settlement.policy import InterestStart, Policy, Window
from wirportal.settlement.reference import BASE_RATES

RATES = [BaseRate(day, rate) for day, rate in BASE_RATES]


def test_d1_repayment_interest_split_at_the_rate_change():
    """800.00 paid Mon 03.03.2025, partial Widerruf for the past from that day, money back
    Tue 30.09.2025: 119 days at 7.27 % + 92 days at 6.27 % = 31.60 (rounded once)."""
    result = compute_interest(
        principal=D("800.00"), start=date(2025, 3, 3), end=date(2025, 9, 30), base_rates=RATES
    )
    assert [(p.first_day, p.last_day, p.days, p.rate) for p in result.periods] == [
        (date(2025, 3, 4), date(2025, 6, 30), 119, D("7.27")),
        (date(2025, 7, 1), date(2025, 9, 30), 92, D("6.27")),
    ]
    assert result.amount == D("31.60")
    # each period rounded on its own would also give 18.96 + 12.64; the sum is rounded once
    assert [p.amount.quantize(D("0.01")) for p in result.periods] == [D("18.96"), D("12.64")]


def test_d2_interest_on_money_not_used_promptly_from_payout():
    """6,000 paid 03.03.2025; 2,000 spent 20.03. (within the window, no interest); 4,000 spent
    15.07.2025: 119 days at 7.27 % = 94.81 and 15 days at 6.27 % = 10.31 → 105.12."""
    result = unused_money_interest(
        paid_on=date(2025, 3, 3),
        uses=[(date(2025, 3, 20), D("2000")), (date(2025, 7, 15), D("4000"))],
        base_rates=RATES,
    )
    assert [(p.days, p.principal) for p in result.periods] == [(119, D("4000")), (15, D("4000"))]
    assert result.amount == D("105.12")


def test_d2_variant_interest_only_after_a_two_month_window():
    """Line setting (verify HE): interest only from the end of a 2-month window (03.05.2025):
    58 + 15 days → 56.52."""
    policy = Policy(prompt_use=Window(months=2), unused_interest_start=InterestStart.WINDOW_END)
    result = unused_money_interest(
        paid_on=date(2025, 3, 3),
        uses=[(date(2025, 3, 20), D("2000")), (date(2025, 7, 15), D("4000"))],
        base_rates=RATES,
        policy=policy,
    )
    assert [p.days for p in result.periods] == [58, 15]
    assert result.amount == D("56.52")


def test_d3_full_widerruf_interest_over_the_whole_time_from_payout():
    """Frankfurt 2017 pattern: the post was never filled; the Widerruf takes effect from the
    payout, the whole amount is reclaimed with interest from payout to repayment. Constructed
    figures: 25,000.00 paid 01.03.2017, repaid 31.08.2018 at 4.12 % (Basiszinssatz −0.88 %):
    548 days → 25,000 × 4.12 % × 548 / 365 = 1,546.41."""
    result = compute_interest(
        principal=D("25000"), start=date(2017, 3, 1), end=date(2018, 8, 31), base_rates=RATES
    )
    assert sum(p.days for p in result.periods) == 548
    assert [p.rate for p in result.periods] == [D("4.12")]  # one line: the rate never changed
    assert result.amount == D("1546.41")


def test_d3_full_widerruf_2025_across_the_rate_change():
    """6,500.00 paid 03.03.2025, full Widerruf for the past, repaid 30.09.2025:
    6,500 × (7.27 % × 119 + 6.27 % × 92) / 365 = 154.064… + 102.724… = 256.79."""
    result = compute_interest(
        principal=D("6500"), start=date(2025, 3, 3), end=date(2025, 9, 30), base_rates=RATES
    )
    assert result.amount == D("256.79")


def test_part_repayment_lowers_the_principal_from_the_next_day():
    """800 owed from 03.03.2025; 400 repaid 30.06.2025, 400 on 30.09.2025:
    800 × 7.27 % × 119/365 + 400 × 6.27 % × 92/365 = 18.9617… + 6.3215… = 25.28."""
    result = compute_interest(
        principal=D("800"),
        start=date(2025, 3, 3),
        end=date(2025, 9, 30),
        base_rates=RATES,
        repayments=[(date(2025, 6, 30), D("400"))],
    )
    assert result.amount == D("25.28")


def test_a_half_year_without_a_base_rate_is_refused_not_guessed():
    """The Basiszinssatz from 01.01.2026 is not on record: the computation refuses."""
    with pytest.raises(DomainError) as error:
        compute_interest(
            principal=D("800"), start=date(2025, 11, 1), end=date(2026, 2, 1), base_rates=RATES
        )
    assert error.value.field == "base_rate"


def test_d4_waiver_needs_a_recorded_reason():
    """§ 49a Abs. 3 Satz 2 HVwVfG: without a reason no waiver; with one the claim is 800.00."""
    with pytest.raises(DomainError) as error:
        claim(principal=D("800"), interest=D("31.60"), waive_interest=True, waiver_reason="  ")
    assert error.value.field == "waiver_reason"
    waived = claim(
        principal=D("800"),
        interest=D("31.60"),
        waive_interest=True,
        waiver_reason="Nicht zu vertreten, fristgerecht zurückgezahlt.",
    )
    assert waived.total == D("800.00")
    assert claim(principal=D("800"), interest=D("31.60")).total == D("831.60")


def test_rates_start_only_on_1_january_or_1_july():
    with pytest.raises(ValueError):
        compute_interest(
            principal=D("1"),
            start=date(2025, 3, 3),
            end=date(2025, 3, 4),
            base_rates=[BaseRate(date(2025, 3, 1), D("1"))],
        )


@given(
    principal=st.decimals(min_value=D("0.01"), max_value=1_000_000, places=2),
    start=st.dates(min_value=date(2017, 1, 1), max_value=date(2025, 12, 30)),
    days=st.integers(min_value=0, max_value=3000),
)
def test_every_day_is_counted_once_and_interest_never_negative(principal, start, days):
    end = min(date.fromordinal(start.toordinal() + days), date(2025, 12, 31))
    result = compute_interest(principal=principal, start=start, end=end, base_rates=RATES)
    assert sum(p.days for p in result.periods) == max((end - start).days, 0)
    assert result.amount >= 0


def test_d1_claim_balance_until_the_interest_is_paid_too():
    """800.00 repaid 30.09.2025: 31.60 interest remain open; paid on 15.10.2025 the claim is
    settled; no interest runs on the interest itself."""
    from wirportal.settlement.interest import claim_balance

    kwargs = {"principal": D("800"), "effective_from": date(2025, 3, 3), "base_rates": RATES}
    before = claim_balance(**kwargs, repayments=[], on=date(2025, 9, 29))
    assert (before.principal_open, before.interest) == (D("800.00"), D("31.47"))
    repaid = claim_balance(
        **kwargs, repayments=[(date(2025, 9, 30), D("800"))], on=date(2025, 10, 10)
    )
    assert (repaid.principal_open, repaid.interest_open) == (D("0.00"), D("31.60"))
    done = claim_balance(
        **kwargs,
        repayments=[(date(2025, 9, 30), D("800")), (date(2025, 10, 15), D("31.60"))],
        on=date(2025, 12, 31),
    )
    assert done.total_open == D("0.00")
    waived = claim_balance(
        **kwargs,
        repayments=[(date(2025, 9, 30), D("800"))],
        on=date(2025, 12, 31),
        interest_waived=True,
    )
    assert waived.total_open == D("0.00")


def test_d2_spending_is_matched_to_payouts_first_in_first_out():
    """Two payouts of 3,000 (03.03. and 03.06.2025); 4,000 spent on 20.03. uses the first and
    1,000 of the second (before it came: no interest); 2,000 spent 16.07.2025 uses the rest of
    the second, one day after its six weeks (15.07.): interest on 2,000 from its payout on
    03.06. to 16.07.2025 (D2 method)."""
    from wirportal.settlement.interest import allocate_spending, unused_money_by_payouts

    payouts = [(date(2025, 3, 3), D("3000")), (date(2025, 6, 3), D("3000"))]
    spendings = [(date(2025, 3, 20), D("4000")), (date(2025, 7, 16), D("2000"))]
    assert allocate_spending(payouts, spendings) == [
        (date(2025, 3, 3), [(date(2025, 3, 20), D("3000.00"))]),
        (date(2025, 6, 3), [(date(2025, 3, 20), D("1000.00")), (date(2025, 7, 16), D("2000.00"))]),
    ]
    result = unused_money_by_payouts(payouts=payouts, spendings=spendings, base_rates=RATES)
    # 04.06.–30.06.: 27 days at 7.27 % = 10.7556…; 01.07.–16.07.: 16 days at 6.27 % = 5.4970…
    assert result.amount == D("16.25")
