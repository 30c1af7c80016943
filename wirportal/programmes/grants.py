"""Grant computation per financing type (domain.md §3.3) as pure functions, Decimal only.

A = eligible expenditure (the real costs), E = own and third-party funds, q = rate in %,
H = cap, Z = grant. Every result is ≥ 0, ≤ H at the level the line defines it, ≤ A − E (no
over-financing), rounded as the line says. Each step is returned as a German sentence so the
applicant sees how the requested grant came about. Worked examples:
shared/brief/grant-law-examples.md section A (tests: programmes/tests/test_grant_law.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wirportal.core.money import format_money, to_money

from .models import FinancingType, Rounding

ZERO = Decimal("0")


def format_quantity(value: Decimal) -> str:
    """A number of units or a rate in the reader's language: whole numbers without decimals
    (350 teaching units, not 350.00), others with two (1.234,50 / 1,234.50); money in the same
    sentences uses `format_money`, so no sentence mixes the two languages' separators."""
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class UnitLine:
    """Units × rate for one unit rate of the line, for `count` persons, clients, courses or years.

    `units` are the units of ONE person/client/course/year; `max_units` and `max_amount` limit
    each of them (the cap at the level the line defines, e.g. 276 hours per guide, five
    assignments per client, 12,000 EUR per course), never only the whole application."""

    label: str
    units: Decimal
    amount: Decimal
    max_units: Decimal | None = None
    max_amount: Decimal | None = None
    count: int = 1

    def per_count(self) -> Decimal:
        units = max(self.units, ZERO)
        if self.max_units is not None:
            units = min(units, max(self.max_units, ZERO))
        value = to_money(units * self.amount)
        if self.max_amount is not None:
            value = min(value, to_money(max(self.max_amount, ZERO)))
        return value

    def total(self) -> Decimal:
        return to_money(self.per_count() * max(self.count, 0))

    def uncapped(self) -> Decimal:
        return to_money(max(self.units, ZERO) * self.amount * max(self.count, 0))


@dataclass(frozen=True)
class GrantComputation:
    amount: Decimal
    steps: list[str] = field(default_factory=list)
    #: A − E − Z: what the plan leaves unfinanced (> 0 blocks submission, VV zu § 44 LHO).
    unfinanced: Decimal = ZERO


def round_grant(value: Decimal, rounding: str = Rounding.CENTS_HALF_UP) -> Decimal:
    """Round per the line's setting: cents half up (default) or full euros down. Rounding down
    never breaks the rate or the cap; half up can exceed q·A by half a cent (brief A, rounding)."""
    if rounding == Rounding.EUROS_DOWN:
        return to_money(value.quantize(Decimal("1"), rounding=ROUND_DOWN))
    return to_money(value)


def compute_grant(
    *,
    financing_type: str,
    eligible_costs: Decimal,
    own_funds: Decimal = ZERO,
    rate: Decimal | None = None,
    cap: Decimal | None = None,
    cap_years: int = 1,
    unit_lines: Iterable[UnitLine] = (),
    rounding: str = Rounding.CENTS_HALF_UP,
) -> GrantComputation:
    """The grant a line pays for these costs; never negative, never above the cap at its level,
    never above the costs not covered by own and third-party funds.

    `eligible_costs` are the real eligible costs (for a Festbetrag: the costs the unit rates
    stand for, not the unit rates themselves). `cap_years` > 1 for a cap "je Antrag und Jahr"
    over a project of several years (brief A9, A10)."""
    a = max(to_money(eligible_costs), ZERO)
    e = max(to_money(own_funds), ZERO)
    steps = [_("Zuwendungsfähige Ausgaben: %(amount)s.") % {"amount": format_money(a)}]
    if financing_type == FinancingType.SHARE:
        q = rate if rate is not None else ZERO
        value = a * q / Decimal(100)
        steps.append(
            _("Anteilfinanzierung: %(rate)s %% von %(costs)s = %(value)s.")
            % {"rate": format_quantity(q), "costs": format_money(a), "value": format_money(value)}
        )
    elif financing_type == FinancingType.GAP:
        value = max(a - e, ZERO)
        steps.append(
            _(
                "Fehlbedarfsfinanzierung: %(costs)s abzüglich Eigen- und Drittmittel %(own)s = %(value)s."
            )
            % {"costs": format_money(a), "own": format_money(e), "value": format_money(value)}
        )
    elif financing_type == FinancingType.FIXED:
        value = ZERO
        for line in unit_lines:
            total = line.total()
            value += total
            count = f"{line.count} × " if line.count != 1 else ""
            steps.append(
                f"{line.label}: {count}{format_quantity(line.units)} × {format_money(line.amount)}"
                f" = {format_money(total)}"
                + (_(" (begrenzt)") if total != line.uncapped() else "")
                + "."
            )
        steps.append(_("Festbetrag: %(value)s.") % {"value": format_money(value)})
        # A Festbetrag never exceeds the real eligible costs (brief A11; ANBest-P Nr. 2).
        if value > a:
            steps.append(
                _("Der Festbetrag übersteigt die Ausgaben; gefördert werden höchstens %(costs)s.")
                % {"costs": format_money(a)}
            )
            value = a
    elif financing_type == FinancingType.FULL:
        value = a
        steps.append(_("Vollfinanzierung: %(value)s.") % {"value": format_money(value)})
    else:
        raise ValueError(f"unknown financing type {financing_type!r}")
    # No over-financing for every financing type: the grant never exceeds the costs less own
    # and third-party funds (§ 23 LHO subsidiarity; ANBest-P Nr. 1.2: all Deckungsmittel are
    # used first; Nr. 2.1). Anteil- and Vollfinanzierung included (brief A1–A3).
    uncovered = max(a - e, ZERO)
    if value > uncovered:
        steps.append(
            _(
                "Keine Überfinanzierung (§ 23 LHO, ANBest-P Nr. 1.2): höchstens Ausgaben "
                "abzüglich Eigen- und Drittmittel, %(value)s."
            )
            % {"value": format_money(uncovered)}
        )
        value = uncovered
    # Cap at the level the line defines it: per application or per project year ("je Antrag und
    # Jahr", brief A9/A10): H × number of project years.
    if cap is not None:
        years = max(int(cap_years), 1)
        h = to_money(max(cap, ZERO) * years)
        if value > h:
            if years > 1:
                steps.append(
                    _(
                        "Begrenzt auf den Höchstbetrag von %(cap)s je Jahr × %(years)s Jahre = %(total)s."
                    )
                    % {"cap": format_money(cap), "years": years, "total": format_money(h)}
                )
            else:
                steps.append(
                    _("Begrenzt auf den Höchstbetrag von %(cap)s.") % {"cap": format_money(h)}
                )
            value = h
    value = round_grant(max(value, ZERO), rounding)
    if rounding == Rounding.EUROS_DOWN:
        steps.append(_("Auf volle Euro abgerundet."))
    steps.append(_("Beantragte Zuwendung: %(value)s.") % {"value": format_money(value)})
    unfinanced = max(a - e - value, ZERO)
    return GrantComputation(amount=value, steps=steps, unfinanced=unfinanced)
