"""Interest under § 49a HVwVfG as pure functions, Decimal only (brief D1–D4).

- § 49a Abs. 3 Satz 1 HVwVfG: the amount to repay carries interest from the day the grant
  became ineffective (for a Widerruf for the past: the payout) at **5 percentage points above the
  Basiszinssatz** (§ 247 BGB) per year.
- § 49a Abs. 4 HVwVfG: money not used "alsbald" after the payout for its purpose may carry the
  same interest "für die Zeit bis zur zweckentsprechenden Verwendung" (brief D2).
- § 49a Abs. 3 Satz 2 HVwVfG: the authority may waive the interest, in particular if the
  recipient is not responsible and repays within the set period; the reason is recorded (D4).

Method (brief section D): simple interest, actual days / 365; the days counted run from the day
after the start date up to and including the end date; the time is split at every change of the
Basiszinssatz; the sum is rounded to cents (half up) once, at the end.

The Basiszinssatz is data (`models.BaseRate`, the Bundesbank's announcements). It can change only
on 1 January and 1 July (§ 247 Abs. 1 Satz 2 BGB), so the table holds one rate per half-year; a
half-year without a rate on record is refused, never guessed.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from wirportal.core.dates import format_date
from wirportal.core.exceptions import DomainError
from wirportal.core.money import format_eur, to_money

from .policy import DEFAULT_POLICY, InterestStart, Policy

#: § 49a Abs. 3 Satz 1 HVwVfG: five percentage points above the Basiszinssatz.
SURCHARGE = Decimal("5")
DAYS_PER_YEAR = Decimal("365")
ZERO = Decimal("0")


@dataclass(frozen=True)
class BaseRate:
    """The Basiszinssatz (§ 247 BGB) in percent for the half-year that starts on `effective_from`
    (a 1 January or 1 July)."""

    effective_from: date
    rate: Decimal


@dataclass(frozen=True)
class InterestPeriod:
    first_day: date  # first day counted
    last_day: date  # last day counted (inclusive)
    days: int
    principal: Decimal
    rate: Decimal  # yearly percent: Basiszinssatz + 5
    amount: Decimal  # not rounded


@dataclass(frozen=True)
class InterestComputation:
    amount: Decimal  # rounded to cents once
    periods: list[InterestPeriod] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month < 7 else 7, 1)


def next_half_year(day: date) -> date:
    start = half_year_start(day)
    return date(start.year, 7, 1) if start.month == 1 else date(start.year + 1, 1, 1)


def _rate_table(rates: Iterable[BaseRate]) -> dict[date, Decimal]:
    table: dict[date, Decimal] = {}
    for rate in rates:
        if rate.effective_from != half_year_start(rate.effective_from):
            raise ValueError(f"Basiszinssatz must start on 1 Jan or 1 Jul: {rate.effective_from}")
        table[rate.effective_from] = rate.rate
    return table


def _split(principal: Decimal, start: date, end: date, table: dict[date, Decimal]):
    """Periods from the day after `start` to `end` inclusive, one per half-year."""
    day = start + timedelta(days=1)
    while day <= end:
        half = half_year_start(day)
        if half not in table:
            raise DomainError(
                _(
                    "Für die Zeit ab %(date)s ist kein Basiszinssatz hinterlegt; die Zinsen "
                    "können erst berechnet werden, wenn er eingetragen ist."
                )
                % {"date": format_date(day)},
                field="base_rate",
            )
        last = min(end, next_half_year(day) - timedelta(days=1))
        days = (last - day).days + 1
        rate = table[half] + SURCHARGE
        amount = principal * rate / Decimal(100) * days / DAYS_PER_YEAR
        yield InterestPeriod(day, last, days, principal, rate, amount)
        day = last + timedelta(days=1)


def _merge(periods: list[InterestPeriod]) -> list[InterestPeriod]:
    """Join neighbouring half-years with the same rate and principal (one line per rate)."""
    merged: list[InterestPeriod] = []
    for period in periods:
        if merged and merged[-1].rate == period.rate and merged[-1].principal == period.principal:
            last = merged[-1]
            merged[-1] = InterestPeriod(
                last.first_day,
                period.last_day,
                last.days + period.days,
                last.principal,
                last.rate,
                last.amount + period.amount,
            )
        else:
            merged.append(period)
    return merged


def compute_interest(
    *,
    principal: Decimal,
    start: date,
    end: date,
    base_rates: Iterable[BaseRate],
    repayments: Sequence[tuple[date, Decimal]] = (),
) -> InterestComputation:
    """Interest at 5 points above the Basiszinssatz (§ 49a Abs. 3 Satz 1 HVwVfG) on `principal`
    from `start` (not counted) to `end` (counted). Part repayments (date, amount) lower the
    principal from the day after they arrive. Rounded once at the end."""
    principal = to_money(principal)
    if principal < 0:
        raise ValueError("principal must not be negative")
    table = _rate_table(base_rates)
    periods: list[InterestPeriod] = []
    balance = principal
    segment_start = start
    for paid_on, paid in sorted(repayments):
        if paid_on > end:
            continue
        if paid_on > segment_start and balance > 0:
            periods.extend(_split(balance, segment_start, paid_on, table))
            segment_start = paid_on
        balance = max(balance - to_money(paid), ZERO)
    if balance > 0 and end > segment_start:
        periods.extend(_split(balance, segment_start, end, table))
    periods = _merge(periods)
    total = to_money(sum((p.amount for p in periods), ZERO))
    steps = [
        _(
            "%(first)s bis %(last)s: %(days)s Tage zu %(rate)s %% auf %(principal)s "
            "(Basiszinssatz + 5 Prozentpunkte, § 49a Abs. 3 HVwVfG)."
        )
        % {
            "first": format_date(p.first_day),
            "last": format_date(p.last_day),
            "days": p.days,
            "rate": p.rate,
            "principal": format_eur(p.principal),
        }
        for p in periods
    ]
    steps.append(
        _("Zinsen (tatsächliche Tage / 365, am Ende auf Cent gerundet): %(amount)s.")
        % {"amount": format_eur(total)}
    )
    return InterestComputation(amount=total, periods=periods, steps=steps)


def unused_money_interest(
    *,
    paid_on: date,
    uses: Sequence[tuple[date, Decimal]],
    base_rates: Iterable[BaseRate],
    policy: Policy = DEFAULT_POLICY,
) -> InterestComputation:
    """Interest for money not used promptly (§ 49a Abs. 4 HVwVfG, brief D2).

    `uses` are (day spent for the purpose, amount). Money spent within the prompt-use window
    after `paid_on` (the line's setting; federal ANBest-P Nr. 1.4: 6 weeks) carries no interest;
    money spent later carries interest "für die Zeit bis zur zweckentsprechenden Verwendung":
    from the payout (the statute) or, if the line says so (verify HE), from the window's end."""
    rates = list(base_rates)
    window_end = policy.prompt_use.end_after(paid_on)
    start = paid_on if policy.unused_interest_start == InterestStart.PAYOUT else window_end
    periods: list[InterestPeriod] = []
    steps: list[str] = []
    for used_on, amount in sorted(uses):
        if used_on <= window_end:
            steps.append(
                _("%(amount)s am %(date)s verwendet: alsbald, keine Zinsen.")
                % {"amount": format_eur(amount), "date": format_date(used_on)}
            )
            continue
        part = compute_interest(principal=amount, start=start, end=used_on, base_rates=rates)
        periods.extend(part.periods)
        steps.append(
            _("%(amount)s erst am %(date)s verwendet (§ 49a Abs. 4 HVwVfG):")
            % {"amount": format_eur(amount), "date": format_date(used_on)}
        )
        steps.extend(part.steps[:-1])
    total = to_money(sum((p.amount for p in periods), ZERO))
    steps.append(
        _("Zinsen (tatsächliche Tage / 365, am Ende auf Cent gerundet): %(amount)s.")
        % {"amount": format_eur(total)}
    )
    return InterestComputation(amount=total, periods=periods, steps=steps)


def allocate_spending(
    payouts: Sequence[tuple[date, Decimal]], spendings: Sequence[tuple[date, Decimal]]
) -> list[tuple[date, list[tuple[date, Decimal]]]]:
    """Which payout each spending used: first in, first out (the money paid first is spent
    first). Spending beyond what was paid out is the recipient's own money and carries nothing.

    Verify HE: every receipt counts in full against the grant; for Anteil and Fehlbedarf the
    other funds' share is not deducted (in the recipient's favour: less interest)."""
    days = [day for day, _amount in sorted(payouts)]
    left_in = [to_money(amount) for _day, amount in sorted(payouts)]
    used: list[list[tuple[date, Decimal]]] = [[] for _day in days]
    index = 0
    for used_on, amount in sorted(spendings):
        left = to_money(amount)
        while left > 0 and index < len(days):
            take = min(left, left_in[index])
            if take > 0:
                used[index].append((used_on, take))
                left_in[index] -= take
                left -= take
            if left_in[index] <= 0:
                index += 1
    return list(zip(days, used, strict=True))


def unused_money_by_payouts(
    *,
    payouts: Sequence[tuple[date, Decimal]],
    spendings: Sequence[tuple[date, Decimal]],
    base_rates: Iterable[BaseRate],
    policy: Policy = DEFAULT_POLICY,
) -> InterestComputation:
    """§ 49a Abs. 4 HVwVfG over all payouts of a grant (brief D2): each payout's money is
    matched to the spendings (`allocate_spending`), each part carries interest from its own
    payout day (`unused_money_interest`); one rounding at the end."""
    rates = list(base_rates)
    periods: list[InterestPeriod] = []
    steps: list[str] = []
    for paid_on, uses in allocate_spending(payouts, spendings):
        if not uses:
            continue
        steps.append(_("Auszahlung vom %(date)s:") % {"date": format_date(paid_on)})
        part = unused_money_interest(paid_on=paid_on, uses=uses, base_rates=rates, policy=policy)
        periods.extend(part.periods)
        steps.extend(part.steps[:-1])
    total = to_money(sum((p.amount for p in periods), ZERO))
    steps.append(
        _("Zinsen (tatsächliche Tage / 365, am Ende auf Cent gerundet): %(amount)s.")
        % {"amount": format_eur(total)}
    )
    return InterestComputation(amount=total, periods=periods, steps=steps)


@dataclass(frozen=True)
class Claim:
    """What is demanded back: the principal and the interest unless waived."""

    principal: Decimal
    interest: Decimal
    interest_waived: bool
    waiver_reason: str

    @property
    def total(self) -> Decimal:
        return to_money(self.principal + (ZERO if self.interest_waived else self.interest))


def claim(
    *, principal: Decimal, interest: Decimal, waive_interest: bool = False, waiver_reason: str = ""
) -> Claim:
    """The claim with or without interest. A waiver (§ 49a Abs. 3 Satz 2 HVwVfG: in particular if
    the recipient is not responsible and repays within the set period) needs a recorded reason."""
    reason = (waiver_reason or "").strip()
    if waive_interest and not reason:
        raise DomainError(
            _(
                "Ohne Begründung kann auf die Zinsen nicht verzichtet werden "
                "(§ 49a Abs. 3 Satz 2 HVwVfG)."
            ),
            field="waiver_reason",
        )
    return Claim(to_money(principal), to_money(interest), waive_interest, reason)


@dataclass(frozen=True)
class Balance:
    """Where a claim for repayment stands on a day."""

    principal: Decimal
    repaid: Decimal
    principal_open: Decimal
    interest: Decimal
    interest_open: Decimal

    @property
    def total_open(self) -> Decimal:
        return to_money(self.principal_open + self.interest_open)


def claim_balance(
    *,
    principal: Decimal,
    effective_from: date,
    repayments: Sequence[tuple[date, Decimal]],
    on: date,
    base_rates: Iterable[BaseRate],
    interest_waived: bool = False,
) -> Balance:
    """The claim on day `on`: interest at § 49a Abs. 3 HVwVfG from `effective_from` on the
    principal still open, up to and including the day each part is repaid (brief D1); repayments
    settle the principal first and what exceeds it settles the interest.

    Verify HE: whether the authority applies § 367 Abs. 1 BGB by analogy (a part payment settles
    the interest first); that would make part repayments carry slightly more interest."""
    principal = to_money(principal)
    received = [(day, to_money(amount)) for day, amount in repayments if day <= on]
    repaid = to_money(sum((amount for _day, amount in received), ZERO))
    interest = ZERO
    if not interest_waived:
        interest = compute_interest(
            principal=principal,
            start=effective_from,
            end=on,
            base_rates=base_rates,
            repayments=received,
        ).amount
    principal_open = max(principal - repaid, ZERO)
    interest_open = max(interest - max(repaid - principal, ZERO), ZERO)
    return Balance(principal, repaid, to_money(principal_open), interest, to_money(interest_open))
