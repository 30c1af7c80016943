"""The final grant after the proof of use (Schlussabrechnung) as pure functions (brief C2–C8).

The grant formula itself is `programmes.grants.compute_grant` (the same function that computed
the requested grant); this module only decides which actual figures go into it, per financing
type, and what follows from the result:

- the final grant never exceeds the granted amount (the Bescheid's amount is a Höchstbetrag;
  lower costs or more income reduce it, higher costs never increase it; ANBest-P Nr. 2.1);
- Fehlbedarf: every saving and every extra own or third-party money reduces it in full
  (ANBest-P Nr. 2.1.2; C2, C3);
- Anteil: it falls with the eligible costs, and new Deckungsmittel reduce it only "anteilig",
  i.e. the rate applies to the costs less the new money (ANBest-P Nr. 2.1.1; C4). The planned
  own contribution is the recipient's share and shrinks with the costs;
- Festbetrag: the units actually delivered at the line's unit rates, never above the real
  eligible costs (C5, C6; brief A11);
- Einzelansätze: an item counts only up to its plan + the line's tolerance (federal ANBest-P
  Nr. 1.2: 20 %, verify HE), and the plan's total stays binding ("hinsichtlich des
  Gesamtergebnisses verbindlich"); not for Festbetrag (domain.md 3.4; C7);
- the amount to repay is what was paid above the final grant; a claim below the line's
  Kleinbetragsgrenze (verify HE) is not pursued, and that is recorded (C8).

"Paid" is an input here; `selectors.settlement_for` takes it from the grant's paid call-downs
(`payments.selectors.paid_total`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from wirportal.core.money import format_eur, to_money
from wirportal.programmes.grants import UnitLine, compute_grant
from wirportal.programmes.models import FinancingType, Rounding

from .policy import DEFAULT_POLICY, Policy

ZERO = Decimal("0")


@dataclass(frozen=True)
class CostLine:
    """One item (Einzelansatz) of the binding cost plan with the actual eligible costs."""

    label: str
    planned: Decimal
    actual: Decimal


@dataclass(frozen=True)
class Funds:
    """Own funds (Eigenmittel) and third-party funds (Drittmittel, incl. donations)."""

    own: Decimal = ZERO
    third_party: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return to_money(self.own + self.third_party)


@dataclass(frozen=True)
class FinalSettlement:
    eligible_costs: Decimal
    final_grant: Decimal
    granted: Decimal
    paid: Decimal
    #: paid above the final grant (before a Kleinbetragsgrenze waiver)
    overpaid: Decimal
    #: what is demanded back: `overpaid`, or 0 if waived as a small amount
    repayment: Decimal
    #: final grant not yet paid (may still be called down)
    still_to_pay: Decimal
    small_amount_waived: bool = False
    steps: list[str] = field(default_factory=list)


def eligible_costs_by_items(
    lines: Sequence[CostLine], tolerance_percent: Decimal | None
) -> tuple[Decimal, list[str]]:
    """Actual eligible costs under the binding plan (ANBest-P Nr. 1.2, federal wording; verify
    HE): each item counts up to its planned amount + `tolerance_percent` (None: items are not
    binding), and the sum never exceeds the plan's total (the total is binding)."""
    steps: list[str] = []
    counted = ZERO
    for line in lines:
        actual = max(to_money(line.actual), ZERO)
        if tolerance_percent is not None:
            limit = to_money(line.planned * (Decimal(100) + tolerance_percent) / Decimal(100))
            if actual > limit:
                steps.append(
                    _(
                        "%(label)s: %(actual)s ausgegeben, mehr als %(tolerance)s %% über dem "
                        "Ansatz von %(planned)s; anerkannt werden %(limit)s (ANBest-P Nr. 1.2)."
                    )
                    % {
                        "label": line.label,
                        "actual": format_eur(actual),
                        "tolerance": tolerance_percent,
                        "planned": format_eur(line.planned),
                        "limit": format_eur(limit),
                    }
                )
                actual = limit
        counted += actual
    planned_total = to_money(sum((line.planned for line in lines), ZERO))
    if lines and counted > planned_total:
        steps.append(
            _(
                "Der Finanzierungsplan ist im Gesamtergebnis verbindlich: anerkannt werden "
                "höchstens %(total)s."
            )
            % {"total": format_eur(planned_total)}
        )
        counted = planned_total
    return to_money(counted), steps


def final_grant(
    *,
    financing_type: str,
    granted: Decimal,
    paid: Decimal,
    cost_lines: Sequence[CostLine],
    planned_funds: Funds,
    actual_funds: Funds,
    rate: Decimal | None = None,
    cap: Decimal | None = None,
    cap_years: int = 1,
    unit_lines: Iterable[UnitLine] = (),
    rounding: str = Rounding.CENTS_HALF_UP,
    policy: Policy = DEFAULT_POLICY,
) -> FinalSettlement:
    """The final grant from the proof of use, and what is to be repaid or still to be paid.

    `cost_lines`: the plan's items with the actual eligible costs (for unit-rate lines the real
    costs, C6); `unit_lines`: the units actually delivered (Festbetrag); `paid`: the sum paid
    out so far (from the payments app)."""
    granted = to_money(granted)
    paid = to_money(paid)
    if financing_type == FinancingType.FIXED:
        # A Festbetrag is not bound to the items; its real costs only cap it (brief A11, C6).
        costs = to_money(sum((max(line.actual, ZERO) for line in cost_lines), ZERO))
        steps: list[str] = []
    else:
        costs, steps = eligible_costs_by_items(cost_lines, policy.item_tolerance_percent)
    if financing_type == FinancingType.SHARE:
        # ANBest-P Nr. 2.1.1: new or higher Deckungsmittel reduce an Anteil grant "anteilig"; the
        # planned own contribution is the recipient's share and falls with the costs, so only
        # the third-party money and own money above the plan count against over-financing.
        new_money = max(actual_funds.total - planned_funds.total, ZERO)
        new_own = max(actual_funds.own - planned_funds.own, ZERO)
        if new_money > 0:
            steps.append(
                _(
                    "Neue Deckungsmittel von %(amount)s mindern die Zuwendung anteilig "
                    "(ANBest-P Nr. 2.1.1)."
                )
                % {"amount": format_eur(new_money)}
            )
        computation = compute_grant(
            financing_type=financing_type,
            eligible_costs=max(costs - new_money, ZERO),
            own_funds=max(actual_funds.third_party + new_own - new_money, ZERO),
            rate=rate,
            cap=cap,
            cap_years=cap_years,
            rounding=rounding,
        )
    else:
        computation = compute_grant(
            financing_type=financing_type,
            eligible_costs=costs,
            own_funds=actual_funds.total,
            rate=rate,
            cap=cap,
            cap_years=cap_years,
            unit_lines=unit_lines,
            rounding=rounding,
        )
    steps.extend(computation.steps[:-1])
    value = computation.amount
    if value > granted:
        # The Bescheid's amount is the upper limit: the grant is never increased (ANBest-P Nr. 2).
        steps.append(
            _("Die Zuwendung wird nicht erhöht: es bleibt beim bewilligten Betrag von %(amount)s.")
            % {"amount": format_eur(granted)}
        )
        value = granted
    steps.append(_("Endgültige Zuwendung: %(amount)s.") % {"amount": format_eur(value)})
    overpaid = max(paid - value, ZERO)
    still_to_pay = max(value - paid, ZERO)
    repayment = overpaid
    waived = False
    if overpaid > 0:
        steps.append(
            _("Ausgezahlt %(paid)s, zu erstatten %(amount)s.")
            % {"paid": format_eur(paid), "amount": format_eur(overpaid)}
        )
        limit = policy.small_amount_limit
        if limit is not None and overpaid < limit:
            steps.append(
                _(
                    "Der Betrag liegt unter der Kleinbetragsgrenze von %(limit)s und wird nicht "
                    "zurückgefordert (Verzicht wird in der Akte vermerkt)."
                )
                % {"limit": format_eur(limit)}
            )
            repayment = ZERO
            waived = True
    elif still_to_pay > 0:
        steps.append(
            _("Ausgezahlt %(paid)s, noch auszuzahlen %(amount)s.")
            % {"paid": format_eur(paid), "amount": format_eur(still_to_pay)}
        )
    return FinalSettlement(
        eligible_costs=costs,
        final_grant=to_money(value),
        granted=granted,
        paid=paid,
        overpaid=to_money(overpaid),
        repayment=to_money(repayment),
        still_to_pay=to_money(still_to_pay),
        small_amount_waived=waived,
        steps=steps,
    )
