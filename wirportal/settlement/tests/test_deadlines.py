"""Worked examples C1, D6, F2 (dates of the proof of use and of a Widerruf), and G (retention)."""

from datetime import date
from decimal import Decimal as D

from wirportal.settlement.deadlines import (
    hearing_deadline,
    interim_proof_due,
    may_revoke_on,
    revocation_deadline,
    year_balance,
)
from wirportal.settlement.policy import Policy
from wirportal.settlement.retention import grant_retention_end, retention_end


def test_d6_widerruf_within_one_year_after_the_facts_are_known():
    """§ 49 Abs. 3 Satz 2 with § 48 Abs. 4 HVwVfG: facts complete 15.05.2028 → by 15.05.2029."""
    assert revocation_deadline(date(2028, 5, 15)) == date(2029, 5, 15)
    assert revocation_deadline(date(2028, 2, 29)) == date(2029, 2, 28)


def test_d6_hearing_deadline_two_weeks_after_bekanntgabe_moved_off_holidays():
    """§ 28 HVwVfG hearing; letter bekanntgegeben Mon 09.11.2026 → Mon 23.11.2026. Bekanntgabe
    Fri 12.03.2027 → Fri 26.03.2027 is Good Friday, then Easter → Tue 30.03.2027 (§ 31 Abs. 3
    HVwVfG)."""
    assert hearing_deadline(date(2026, 11, 9)) == date(2026, 11, 23)
    assert hearing_deadline(date(2027, 3, 12)) == date(2027, 3, 30)


def test_d6_no_widerruf_before_the_hearing_ended_or_after_the_year():
    known = date(2028, 5, 15)
    ends = date(2028, 6, 1)
    assert not may_revoke_on(date(2028, 6, 1), hearing_ends=ends, facts_known=known)
    assert may_revoke_on(date(2028, 6, 2), hearing_ends=ends, facts_known=known)
    assert may_revoke_on(date(2029, 5, 15), hearing_ends=ends, facts_known=known)
    assert not may_revoke_on(date(2029, 5, 16), hearing_ends=ends, facts_known=known)
    assert not may_revoke_on(date(2028, 6, 2), hearing_ends=None, facts_known=known)


def test_f2_interim_proof_due_30_april_of_the_next_year_as_a_setting():
    assert interim_proof_due(2026) == date(2027, 4, 30)
    assert interim_proof_due(2026, Policy(interim_proof_month=5, interim_proof_day=31)) == date(
        2027, 5, 31
    )


def test_f2_unspent_money_is_set_off_against_the_next_payment_or_reclaimed():
    """8,000 of 120,000 unspent: set off against the next yearly payment; in the last year
    (no next payment) reclaimed."""
    balance = year_balance(paid=D("120000"), spent=D("112000"), next_payment=D("120000"))
    assert (balance.unspent, balance.set_off, balance.reclaimed) == (
        D("8000.00"),
        D("8000.00"),
        D("0.00"),
    )
    last = year_balance(paid=D("120000"), spent=D("112000"), next_payment=D("0"))
    assert (last.set_off, last.reclaimed) == (D("0.00"), D("8000.00"))
    partly = year_balance(paid=D("120000"), spent=D("112000"), next_payment=D("5000"))
    assert (partly.set_off, partly.reclaimed) == (D("5000.00"), D("3000.00"))


def test_g1_retention_five_years_after_the_proof_of_use():
    assert retention_end(date(2028, 3, 10), 5) == date(2033, 3, 10)
    assert retention_end(date(2028, 2, 29), 5) == date(2033, 2, 28)


def test_g2_interim_proofs_are_kept_until_the_final_ones_end():
    end = grant_retention_end(
        final_proof_submitted=date(2031, 3, 31),
        interim_proofs=[date(2027, 4, 30), date(2028, 4, 28), date(2029, 4, 30), date(2030, 4, 30)],
    )
    assert end == date(2036, 3, 31)
