"""Dates of the interim proof of use and of a Widerruf as pure functions (brief D6, F2).

The final proof of use is due on the decision's own date (`GrantDecision.proof_of_use_due`,
printed in the Bescheid), computed by the line's rule in `programmes.deadlines` (brief C1).

They live here and not in `core.dates` to keep this app's changes apart; they use its helpers
(`add_months` for §§ 187, 188 BGB, `next_working_day` for § 31 Abs. 3 HVwVfG).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from wirportal.core.dates import add_months, next_working_day
from wirportal.core.money import to_money

from .policy import DEFAULT_POLICY, Policy

#: § 28 HVwVfG gives no length; two weeks is common practice (brief D6) and a default only.
HEARING_WEEKS = 2


def interim_proof_due(year: int, policy: Policy = DEFAULT_POLICY) -> date:
    """Interim proof (Zwischennachweis) of a year of a multi-year grant: due on the line's day of
    the next year (federal practice 30.04.; verify HE; brief F2: 2026 → 30.04.2027)."""
    return date(year + 1, policy.interim_proof_month, policy.interim_proof_day)


def revocation_deadline(facts_known: date) -> date:
    """Last day for a Widerruf: one year after the authority knew the facts that justify it
    (§ 49 Abs. 3 Satz 2 with § 48 Abs. 4 Satz 1 HVwVfG; §§ 187 Abs. 1, 188 Abs. 2 and 3 BGB:
    15.05.2028 → 15.05.2029, 29.02.2028 → 28.02.2029). A time limit on the authority itself:
    not moved to the next working day, so the portal never relies on an extension."""
    return add_months(facts_known, 12)


#: days before the end of the year for a Widerruf from which its page warns (no norm)
REVOCATION_WARN_DAYS = 30


def revocation_days_left(today: date, facts_known: date) -> int:
    """Days until the last day for a Widerruf (`revocation_deadline`), that day counted as 0;
    negative once it has passed (D6: facts 15.05.2028, on 08.05.2029 → 7)."""
    return (revocation_deadline(facts_known) - today).days


def hearing_deadline(bekanntgabe: date, weeks: int = HEARING_WEEKS) -> date:
    """End of the period to comment in the hearing before a Widerruf (Anhörung, § 28 Abs. 1
    HVwVfG): `weeks` after the hearing letter's Bekanntgabe (§ 188 Abs. 2 BGB: the same weekday),
    moved off weekends and Hessian holidays (§ 31 Abs. 3 Satz 1 HVwVfG)."""
    return next_working_day(bekanntgabe + timedelta(weeks=weeks))


def may_revoke_on(day: date, *, hearing_ends: date | None, facts_known: date) -> bool:
    """A Widerruf may be issued after the hearing period ended (§ 28 HVwVfG) and within the
    year after the facts were known (§ 48 Abs. 4 HVwVfG)."""
    return hearing_ends is not None and hearing_ends < day <= revocation_deadline(facts_known)


@dataclass(frozen=True)
class YearBalance:
    """Result of a year's interim proof for a multi-year grant (brief F2)."""

    unspent: Decimal
    set_off: Decimal  # deducted from the next payment
    reclaimed: Decimal  # demanded back (with § 49a Abs. 4 interest if it was paid early)


def year_balance(*, paid: Decimal, spent: Decimal, next_payment: Decimal) -> YearBalance:
    """Money of a year paid and not spent is set off against the next payment as far as it goes,
    the rest is reclaimed (brief F2: 8,000 of 120,000 unspent; ANBest-P Nr. 1.4 / 2, verify HE).
    Interest for the time it lay unused: `interest.unused_money_interest`."""
    unspent = max(to_money(paid) - to_money(spent), Decimal(0))
    set_off = min(unspent, max(to_money(next_payment), Decimal(0)))
    return YearBalance(to_money(unspent), to_money(set_off), to_money(unspent - set_off))
