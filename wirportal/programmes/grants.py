"""Grant computation per financing type (domain.md §3.3) as pure functions, Decimal only.

A = eligible expenditure, E = own and third-party funds, q = rate in %, H = cap.
Every result is ≥ 0, ≤ H (if set), ≤ A, rounded to cents. Each step is returned as a German
sentence so the applicant sees how the requested grant came about.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from wirportal.core.money import format_eur, to_money

from .models import FinancingType

ZERO = Decimal("0")


@dataclass(frozen=True)
class UnitLine:
    """Units × rate for one unit rate of the line, optionally limited by units or amount."""

    label: str
    units: Decimal
    amount: Decimal
    max_units: Decimal | None = None
    max_amount: Decimal | None = None

    def total(self) -> Decimal:
        units = max(self.units, ZERO)
        if self.max_units is not None:
            units = min(units, self.max_units)
        value = to_money(units * self.amount)
        if self.max_amount is not None:
            value = min(value, to_money(self.max_amount))
        return value


@dataclass(frozen=True)
class GrantComputation:
    amount: Decimal
    steps: list[str] = field(default_factory=list)


def _cap(value: Decimal, cap: Decimal | None, steps: list[str]) -> Decimal:
    if cap is not None and value > cap:
        steps.append(f"Begrenzt auf den Höchstbetrag von {format_eur(cap)}.")
        return to_money(cap)
    return value


def compute_grant(
    *,
    financing_type: str,
    eligible_costs: Decimal,
    own_funds: Decimal = ZERO,
    rate: Decimal | None = None,
    cap: Decimal | None = None,
    unit_lines: Iterable[UnitLine] = (),
) -> GrantComputation:
    """The grant a line pays for these costs; never negative, never above costs or cap."""
    a = max(to_money(eligible_costs), ZERO)
    e = max(to_money(own_funds), ZERO)
    h = to_money(cap) if cap is not None else None
    steps = [f"Zuwendungsfähige Ausgaben: {format_eur(a)}."]
    if financing_type == FinancingType.SHARE:
        q = rate if rate is not None else ZERO
        value = to_money(a * q / Decimal(100))
        steps.append(f"Anteilfinanzierung: {q} % von {format_eur(a)} = {format_eur(value)}.")
    elif financing_type == FinancingType.GAP:
        value = max(a - e, ZERO)
        steps.append(
            f"Fehlbedarfsfinanzierung: {format_eur(a)} abzüglich Eigen- und Drittmittel "
            f"{format_eur(e)} = {format_eur(value)}."
        )
    elif financing_type == FinancingType.FIXED:
        lines = list(unit_lines)
        value = ZERO
        for line in lines:
            total = line.total()
            value += total
            steps.append(
                f"{line.label}: {line.units} × {format_eur(line.amount)} = {format_eur(total)}"
                + (" (begrenzt)" if total != to_money(max(line.units, ZERO) * line.amount) else "")
                + "."
            )
        steps.append(f"Festbetrag: {format_eur(value)}.")
        if value > a:
            steps.append(
                f"Der Festbetrag übersteigt die Ausgaben; gefördert werden höchstens {format_eur(a)}."
            )
            value = a
    elif financing_type == FinancingType.FULL:
        value = a
        steps.append(f"Vollfinanzierung: {format_eur(value)}.")
    else:
        raise ValueError(f"unknown financing type {financing_type!r}")
    value = _cap(to_money(value), h, steps)
    value = min(value, a)
    steps.append(f"Beantragte Zuwendung: {format_eur(value)}.")
    return GrantComputation(amount=to_money(value), steps=steps)
