"""Writes on programmes, lines, budgets and calls, and the budget ledger (never over-commit)."""

import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import OperationalError, models, transaction
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.caching import bump
from wirportal.core.db import set_local_lock_timeout
from wirportal.core.exceptions import BudgetExceeded, DomainError
from wirportal.core.money import format_money, to_money

from .models import (
    VE_KINDS,
    BudgetYear,
    Call,
    FundingLine,
    LedgerEntry,
    LedgerKind,
    LineBudget,
    OfficeAllocation,
    Programme,
    UnitRate,
)
from .selectors import SourcePosition, ledger_sums, source_position, ve_sums

# Debug switches for the negative control of the race test (reliability brief T1, as pretix):
# with the lock skipped and a pause between check and write, over-commitment must happen.
DEBUG_SKIP_LOCK = False
DEBUG_SLEEP_AFTER_CHECK = 0.0
LOCK_TIMEOUT = "3s"


def _save(instance: models.Model, fields: dict[str, Any], *, by, action: str, allowed) -> Any:
    created = instance.pk is None
    changed = []
    for name, value in fields.items():
        if name in allowed and getattr(instance, name, None) != value:
            setattr(instance, name, value)
            changed.append(name)
    instance.full_clean()
    instance.save()
    audit_record(
        action=f"{action}.{'created' if created else 'updated'}",
        target=instance,
        by=by,
        data={"fields": changed},
    )
    return instance


PROGRAMME_FIELDS = {"name", "short_name", "description", "legal_basis", "valid_from", "valid_until"}
LINE_FIELDS = {
    "code",
    "name",
    "description",
    "eligible_kinds",
    "financing_type",
    "rate",
    "cap",
    "cap_level",
    "rounding",
    "required_attachments",
    "allocated_per_office",
    "multi_year",
    "proof_of_use_rule",
}
UNIT_RATE_FIELDS = {"code", "label", "unit", "amount", "max_units", "max_amount", "cap_level"}
CALL_FIELDS = {
    "title",
    "text",
    "first_year",
    "last_year",
    "opens_at",
    "closes_at",
    "extended_until",
}


@transaction.atomic
def programme_save(*, by, programme: Programme | None = None, **fields) -> Programme:
    return _save(
        programme or Programme(), fields, by=by, action="programme", allowed=PROGRAMME_FIELDS
    )


@transaction.atomic
def budget_year_save(
    *, by, programme: Programme, year: int, total: Decimal, budget_year: BudgetYear | None = None
) -> BudgetYear:
    budget_year = budget_year or BudgetYear(programme=programme)
    planned = LineBudget.objects.filter(line__programme=programme, year=year).aggregate(
        s=models.Sum("amount")
    )["s"] or Decimal(0)
    if to_money(total) < planned:
        raise DomainError(
            _(
                "Die Förderlinien haben für %(year)s bereits %(planned)s eingeplant; das "
                "Gesamtbudget darf nicht darunter liegen."
            )
            % {"year": year, "planned": format_money(planned)},
            field="total",
        )
    if (
        BudgetYear.objects.filter(programme=programme, year=year)
        .exclude(pk=budget_year.pk)
        .exists()
    ):
        raise DomainError(
            _("Für %(year)s gibt es schon ein Haushaltsjahr.") % {"year": year}, field="year"
        )
    return _save(
        budget_year,
        {"year": year, "total": to_money(total)},
        by=by,
        action="budget_year",
        allowed={"year", "total"},
    )


@transaction.atomic
def funding_line_save(
    *, by, programme: Programme, line: FundingLine | None = None, **fields
) -> FundingLine:
    line = line or FundingLine(programme=programme)
    if "code" in fields and (
        FundingLine.objects.filter(programme=programme, code=fields["code"])
        .exclude(pk=line.pk)
        .exists()
    ):
        raise DomainError(_("Dieses Kürzel ist im Programm schon vergeben."), field="code")
    return _save(line, fields, by=by, action="funding_line", allowed=LINE_FIELDS)


@transaction.atomic
def unit_rate_save(
    *, by, line: FundingLine, unit_rate: UnitRate | None = None, **fields
) -> UnitRate:
    unit_rate = unit_rate or UnitRate(line=line)
    if "code" in fields and (
        UnitRate.objects.filter(line=line, code=fields["code"]).exclude(pk=unit_rate.pk).exists()
    ):
        raise DomainError(_("Dieses Kürzel ist in der Förderlinie schon vergeben."), field="code")
    return _save(unit_rate, fields, by=by, action="unit_rate", allowed=UNIT_RATE_FIELDS)


@transaction.atomic
def unit_rate_delete(*, by, unit_rate: UnitRate) -> None:
    line = unit_rate.line
    code = unit_rate.code
    unit_rate.delete()
    audit_record(action="unit_rate.deleted", target=line, by=by, data={"code": code})


@transaction.atomic
def line_budget_save(
    *,
    by,
    line: FundingLine,
    year: int,
    amount: Decimal,
    line_budget: LineBudget | None = None,
    ve_amount: Decimal | None = None,
    ve_until_year: int | None = None,
) -> LineBudget:
    """Plan a line's money for a year; never below what is committed, never above the year total.

    With it the Verpflichtungsermächtigung of that year's budget (§ 38 Abs. 1 LHO): commitments
    the year may enter into that fall due in the later years up to `ve_until_year`; never below
    what is already bound against it."""
    amount = to_money(amount)
    ve = to_money(ve_amount or 0)
    if ve < 0:
        raise DomainError(_("Beträge dürfen nicht negativ sein."), field="ve_amount")
    if ve > 0 and (ve_until_year is None or ve_until_year <= year):
        raise DomainError(
            _(
                "Bitte geben Sie an, bis zu welchem späteren Haushaltsjahr die "
                "Verpflichtungsermächtigung ab %(year)s belasten darf."
            )
            % {"year": year},
            field="ve_until_year",
        )
    if ve_until_year is not None and ve_until_year <= year:
        raise DomainError(
            _("Das Jahr muss nach %(year)s liegen.") % {"year": year}, field="ve_until_year"
        )
    line_budget = line_budget or LineBudget(line=line)
    budget_year = BudgetYear.objects.filter(programme=line.programme, year=year).first()
    if budget_year is None:
        raise DomainError(
            _("Für %(year)s ist im Programm noch kein Haushaltsjahr angelegt.") % {"year": year},
            field="year",
        )
    if LineBudget.objects.filter(line=line, year=year).exclude(pk=line_budget.pk).exists():
        raise DomainError(
            _("Für %(year)s gibt es schon ein Budget dieser Linie.") % {"year": year},
            field="year",
        )
    others = LineBudget.objects.filter(line__programme=line.programme, year=year).exclude(
        pk=line_budget.pk
    ).aggregate(s=models.Sum("amount"))["s"] or Decimal(0)
    if others + amount > budget_year.total:
        raise DomainError(
            _(
                "Das Gesamtbudget %(year)s (%(total)s) reicht nicht: andere Linien haben schon "
                "%(others)s eingeplant."
            )
            % {
                "year": year,
                "total": format_money(budget_year.total),
                "others": format_money(others),
            },
            field="amount",
        )
    if line_budget.pk is not None:
        LineBudget.objects.select_for_update().get(pk=line_budget.pk)
        committed = ledger_sums([line_budget.pk])[line_budget.pk]["committed"]
        if amount < committed:
            raise DomainError(
                _("Es sind bereits %(committed)s gebunden; der Ansatz darf nicht darunter liegen.")
                % {"committed": format_money(committed)},
                field="amount",
            )
        ve_bound = ve_sums([line_budget.pk])[line_budget.pk]
        if ve < ve_bound:
            raise DomainError(
                _(
                    "Gegen die Verpflichtungsermächtigung sind bereits %(bound)s gebunden; sie "
                    "darf nicht darunter liegen."
                )
                % {"bound": format_money(ve_bound)},
                field="ve_amount",
            )
    return _save(
        line_budget,
        {
            "year": year,
            "amount": amount,
            "ve_amount": ve,
            "ve_until_year": ve_until_year if ve > 0 else None,
        },
        by=by,
        action="line_budget",
        allowed={"year", "amount", "ve_amount", "ve_until_year"},
    )


@transaction.atomic
def office_allocation_save(*, by, line_budget: LineBudget, office, amount: Decimal):
    """Reserve part of a line budget for one WIR unit (create or change its allocation)."""
    amount = to_money(amount)
    LineBudget.objects.select_for_update().get(pk=line_budget.pk)
    allocation = OfficeAllocation.objects.filter(line_budget=line_budget, office=office).first()
    others = OfficeAllocation.objects.filter(line_budget=line_budget).exclude(
        office=office
    ).aggregate(s=models.Sum("amount"))["s"] or Decimal(0)
    if others + amount > line_budget.amount:
        raise DomainError(
            _("Die Kontingente übersteigen den Ansatz von %(amount)s.")
            % {"amount": format_money(line_budget.amount)},
            field="amount",
        )
    committed = _office_committed(line_budget, office)
    if amount < committed:
        raise DomainError(
            _("Für diese Einheit sind bereits %(committed)s gebunden.")
            % {"committed": format_money(committed)},
            field="amount",
        )
    return _save(
        allocation or OfficeAllocation(line_budget=line_budget, office=office),
        {"amount": amount},
        by=by,
        action="office_allocation",
        allowed={"amount"},
    )


@transaction.atomic
def call_save(*, by, line: FundingLine, call: Call | None = None, **fields) -> Call:
    return _save(call or Call(line=line), fields, by=by, action="call", allowed=CALL_FIELDS)


# --- Budget ledger ------------------------------------------------------------------------


def _office_committed(line_budget: LineBudget, office) -> Decimal:
    sums = LedgerEntry.objects.filter(line_budget=line_budget, office=office).aggregate(
        c=models.Sum("amount", filter=models.Q(kind=LedgerKind.COMMITMENT)),
        r=models.Sum("amount", filter=models.Q(kind=LedgerKind.RELEASE)),
    )
    return (sums["c"] or Decimal(0)) - (sums["r"] or Decimal(0))


def _lock_budgets(line: FundingLine, years) -> list[LineBudget]:
    """Lock the line's budget rows for these years, always in year order (no deadlocks)."""
    set_local_lock_timeout(LOCK_TIMEOUT)
    budgets = LineBudget.objects.filter(line=line, year__in=list(years)).order_by("year")
    if not DEBUG_SKIP_LOCK:
        budgets = budgets.select_for_update()
    found = list(budgets)
    missing = sorted(set(years) - {b.year for b in found})
    if missing:
        raise DomainError(
            _("Für %(years)s ist in der Förderlinie „%(line)s“ kein Budget angelegt.")
            % {"years": ", ".join(map(str, missing)), "line": line}
        )
    return found


def _with_lock_timeout(function):
    """Turn a lock timeout into a DomainError the user can act on, instead of a 500."""

    def wrapper(**kwargs):
        try:
            return function(**kwargs)
        except OperationalError as error:
            if "lock timeout" in str(error).lower() or "lock_timeout" in str(error).lower():
                raise DomainError(
                    _(
                        "Das Budget wird gerade von einer anderen Buchung bearbeitet. "
                        "Bitte versuchen Sie es in einigen Sekunden erneut."
                    )
                ) from error
            raise

    wrapper.__doc__ = function.__doc__
    wrapper.__name__ = function.__name__
    return wrapper


def _clean_amounts(year_amounts: dict[int, Decimal]) -> dict[int, Decimal]:
    if not year_amounts:
        raise DomainError(_("Es ist kein Betrag angegeben."))
    amounts = {int(year): to_money(amount) for year, amount in year_amounts.items()}
    if any(amount <= 0 for amount in amounts.values()):
        raise DomainError(_("Beträge müssen größer als 0 sein."))
    return amounts


def _by(by):
    return by if getattr(by, "is_authenticated", False) else None


def _lock_existing(line: FundingLine, years) -> dict[int, LineBudget]:
    """Lock the line's budget rows of these years that exist, in year order (no deadlocks)."""
    set_local_lock_timeout(LOCK_TIMEOUT)
    budgets = LineBudget.objects.filter(line=line, year__in=sorted(set(years))).order_by("year")
    if not DEBUG_SKIP_LOCK:
        budgets = budgets.select_for_update()
    return {budget.year: budget for budget in budgets}


def binding_targets(
    line: FundingLine, years, *, on_year: int | None, budgets: dict[int, LineBudget]
) -> dict[int, str]:
    """Against what each year's amount of a grant decided in `on_year` is bound (§ 38 LHO):

    - "ve": a year after the decision year that the Verpflichtungsermächtigung of the decision
      year's budget may burden - the commitment is authorised by that budget, no Ansatz of the
      later year is needed (brief F1);
    - "ansatz": the decision year itself, and any year whose own Ansatz is already planned and
      that no VE of the decision year covers (e.g. a grant for next year decided in December
      against next year's adopted budget).
    Raises a DomainError naming the years for which there is neither."""
    current = budgets.get(on_year) if on_year is not None else None
    targets: dict[int, str] = {}
    missing = []
    for year in sorted(years):
        if (
            current is not None
            and on_year is not None
            and year > on_year
            and year in current.ve_years
        ):
            targets[year] = "ve"
        elif year in budgets:
            targets[year] = "ansatz"
        else:
            missing.append(year)
    if missing:
        if on_year is not None and any(year > on_year for year in missing):
            raise DomainError(
                _(
                    "Für %(years)s gibt es in der Förderlinie „%(line)s“ weder einen Ansatz noch "
                    "eine Verpflichtungsermächtigung im Haushalt %(current)s (§ 38 LHO)."
                )
                % {"years": ", ".join(map(str, missing)), "line": line, "current": on_year}
            )
        raise DomainError(
            _("Für %(years)s ist in der Förderlinie „%(line)s“ kein Budget angelegt.")
            % {"years": ", ".join(map(str, missing)), "line": line}
        )
    return targets


def _commit_ansatz(
    *, line, budgets: list[LineBudget], amounts: dict[int, Decimal], office, source_key, by, note
) -> tuple[list[LedgerEntry], bool]:
    existing = list(
        LedgerEntry.objects.filter(
            source_key=source_key, kind=LedgerKind.COMMITMENT, line_budget__in=budgets
        ).select_related("line_budget")
    )
    if existing:
        booked = {e.line_budget.year: e.amount for e in existing}
        if booked == amounts:
            return existing, False
        raise DomainError(
            _("Für „%(source)s“ ist bereits eine andere Bindung gebucht.") % {"source": source_key}
        )
    sums = ledger_sums([b.pk for b in budgets])
    for budget in budgets:
        amount = amounts[budget.year]
        free = budget.amount - sums[budget.pk]["committed"]
        if amount > free:
            raise BudgetExceeded(
                _(
                    "Im Haushaltsjahr %(year)s sind in der Förderlinie „%(line)s“ nur noch "
                    "%(free)s frei; benötigt werden %(amount)s."
                )
                % {
                    "year": budget.year,
                    "line": line,
                    "free": format_money(free),
                    "amount": format_money(amount),
                }
            )
        if line.allocated_per_office:
            if office is None:
                raise DomainError(_("Diese Förderlinie bucht je WIR-Einheit; die Einheit fehlt."))
            allocation = OfficeAllocation.objects.filter(line_budget=budget, office=office).first()
            allocated = allocation.amount if allocation else Decimal(0)
            office_free = allocated - _office_committed(budget, office)
            if amount > office_free:
                raise BudgetExceeded(
                    _(
                        "Im Kontingent von %(office)s für %(year)s sind nur noch %(free)s frei; "
                        "benötigt werden %(amount)s."
                    )
                    % {
                        "office": office,
                        "year": budget.year,
                        "free": format_money(office_free),
                        "amount": format_money(amount),
                    }
                )
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    created = LedgerEntry.objects.bulk_create(
        LedgerEntry(
            line_budget=budget,
            office=office,
            kind=LedgerKind.COMMITMENT,
            amount=amounts[budget.year],
            source_key=source_key,
            note=note,
            created_by=_by(by),
        )
        for budget in budgets
    )
    return created, True


def _commit_ve(
    *, line, current: LineBudget, amounts: dict[int, Decimal], office, source_key, by, note
) -> tuple[list[LedgerEntry], bool]:
    """Bind later years' amounts against the VE of the decision year's budget (§ 38 LHO)."""
    existing = list(
        LedgerEntry.objects.filter(
            source_key=source_key, kind=LedgerKind.VE_COMMITMENT, line_budget=current
        )
    )
    if existing:
        if {e.burden_year: e.amount for e in existing} == amounts:
            return existing, False
        raise DomainError(
            _("Für „%(source)s“ ist bereits eine andere Bindung gebucht.") % {"source": source_key}
        )
    needed = sum(amounts.values(), Decimal(0))
    free = current.ve_amount - ve_sums([current.pk])[current.pk]
    if needed > free:
        raise BudgetExceeded(
            _(
                "Die Verpflichtungsermächtigung %(year)s der Förderlinie „%(line)s“ "
                "(%(ve)s für %(first)s–%(last)s) hat nur noch %(free)s frei; für %(years)s werden "
                "%(amount)s benötigt (§ 38 LHO)."
            )
            % {
                "year": current.year,
                "line": line,
                "ve": format_money(current.ve_amount),
                "first": current.year + 1,
                "last": current.ve_until_year,
                "free": format_money(free),
                "years": ", ".join(map(str, sorted(amounts))),
                "amount": format_money(needed),
            }
        )
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    created = LedgerEntry.objects.bulk_create(
        LedgerEntry(
            line_budget=current,
            office=office,
            kind=LedgerKind.VE_COMMITMENT,
            burden_year=year,
            amount=amount,
            source_key=source_key,
            note=note,
            created_by=_by(by),
        )
        for year, amount in sorted(amounts.items())
    )
    return created, True


@_with_lock_timeout
@transaction.atomic
def budget_commit(
    *,
    line: FundingLine,
    year_amounts: dict[int, Decimal],
    source_key: str,
    by,
    office=None,
    note: str = "",
    on_year: int | None = None,
) -> list[LedgerEntry]:
    """Bind money of a line in one or more years (multi-year grants book into each year).

    `on_year` is the budget year in which the grant is decided: its amount is bound against that
    year's Ansatz, the later years' amounts against the Verpflichtungsermächtigung of that year's
    budget where it covers them (§ 38 Abs. 1 LHO; `binding_targets`). Without `on_year` every
    year is bound against its own Ansatz.

    Locks the line budget rows, checks free money (and the unit's allocation where the line is
    allocated) after the lock, and writes the entries in the same transaction. Calling it again
    with the same `source_key` and amounts returns the existing entries (idempotent).
    """
    amounts = _clean_amounts(year_amounts)
    if on_year is None:
        budgets = _lock_budgets(line, amounts)
        targets = dict.fromkeys(amounts, "ansatz")
    else:
        by_year = _lock_existing(line, [*amounts, on_year])
        targets = binding_targets(line, amounts, on_year=on_year, budgets=by_year)
        budgets = [by_year[y] for y in sorted(amounts) if targets[y] == "ansatz"]
    entries: list[LedgerEntry] = []
    new = False
    ansatz = {y: a for y, a in amounts.items() if targets[y] == "ansatz"}
    if ansatz:
        made, new = _commit_ansatz(
            line=line,
            budgets=budgets,
            amounts=ansatz,
            office=office,
            source_key=source_key,
            by=by,
            note=note,
        )
        entries += made
    ve = {y: a for y, a in amounts.items() if targets[y] == "ve"}
    if ve:
        made, new_ve = _commit_ve(
            line=line,
            current=by_year[on_year],  # type: ignore[index]
            amounts=ve,
            office=office,
            source_key=source_key,
            by=by,
            note=note,
        )
        entries += made
        new = new or new_ve
    if not new:
        return entries  # idempotent: booked before
    bump("budget")  # bulk_create sends no signals (core.caching)
    audit_record(
        action="budget.committed",
        target=line,
        by=by,
        data={
            "source": source_key,
            "years": {str(y): str(a) for y, a in amounts.items()},
            "ve_years": sorted(ve),
        },
    )
    return entries


def _bound_of_source(line: FundingLine, source_key: str) -> dict[tuple[str, int], dict]:
    """What is still bound for a source: ("ansatz", year) and ("ve", burden year) with the line
    budget the entries belong to and the office."""
    bound: dict[tuple[str, int], dict] = {}
    entries = LedgerEntry.objects.filter(line_budget__line=line, source_key=source_key)
    for entry in entries.select_related("line_budget"):
        if entry.kind in VE_KINDS:
            key = ("ve", int(entry.burden_year or 0))
            sign = 1 if entry.kind == LedgerKind.VE_COMMITMENT else -1
        else:
            key = ("ansatz", entry.line_budget.year)
            sign = {"commitment": 1, "release": -1}.get(str(entry.kind), 0)
        row = bound.setdefault(
            key, {"amount": Decimal(0), "budget": entry.line_budget, "office": entry.office_id}
        )
        row["amount"] += sign * entry.amount
    return bound


@_with_lock_timeout
@transaction.atomic
def budget_release(
    *, line: FundingLine, source_key: str, by, year_amounts: dict[int, Decimal] | None = None
) -> list[LedgerEntry]:
    """Give bound money back (withdrawal, partial approval, repayment of an unused grant):
    from the year's Ansatz, or from the Verpflichtungsermächtigung a later year was bound against.

    Without `year_amounts` everything still bound and not paid for the source is released (both
    kinds). Money already paid stays bound: it is claimed back as a receivable (`budget_revoke`,
    § 49a Abs. 1 HVwVfG, brief D5), never released, so the commitment never falls below what
    was paid.
    """
    bound = _bound_of_source(line, source_key)
    position = {row.year: row for row in source_position(line=line, source_key=source_key).years}

    def paid_in(year: int) -> Decimal:
        return max(position[year].paid, Decimal(0)) if year in position else Decimal(0)

    if year_amounts is None:
        wanted = {}
        for key, row in sorted(bound.items(), key=lambda item: (item[0][1], item[0][0])):
            free = row["amount"] - paid_in(key[1])
            if free > 0:
                wanted[key] = free
    else:
        wanted = {}
        for year, amount in _clean_amounts(year_amounts).items():
            key = ("ansatz", year)
            if bound.get(key, {}).get("amount", Decimal(0)) <= 0 and ("ve", year) in bound:
                key = ("ve", year)
            if amount > bound.get(key, {}).get("amount", Decimal(0)):
                raise DomainError(
                    _(
                        "Für %(year)s ist für „%(source)s“ weniger gebunden als freigegeben "
                        "werden soll."
                    )
                    % {"year": year, "source": source_key}
                )
            if amount > bound[key]["amount"] - paid_in(year):
                raise DomainError(
                    _(
                        "Für %(year)s sind für „%(source)s“ bereits %(paid)s ausgezahlt; "
                        "ausgezahltes Geld wird nicht freigegeben, sondern zurückgefordert "
                        "(§ 49a Abs. 1 HVwVfG)."
                    )
                    % {"year": year, "source": source_key, "paid": format_money(paid_in(year))}
                )
            wanted[key] = amount
    if not wanted:
        return []
    _lock_budgets(line, sorted({bound[key]["budget"].year for key in wanted}))
    entries = [
        LedgerEntry(
            line_budget=bound[key]["budget"],
            office_id=bound[key]["office"],
            kind=LedgerKind.VE_RELEASE if key[0] == "ve" else LedgerKind.RELEASE,
            burden_year=key[1] if key[0] == "ve" else None,
            amount=amount,
            source_key=source_key,
            created_by=_by(by),
        )
        for key, amount in sorted(wanted.items(), key=lambda item: (item[0][1], item[0][0]))
    ]
    LedgerEntry.objects.bulk_create(entries)
    bump("budget")  # bulk_create sends no signals (core.caching)
    audit_record(
        action="budget.released",
        target=line,
        by=by,
        data={
            "source": source_key,
            "years": {str(key[1]): str(amount) for key, amount in wanted.items()},
            "ve_years": sorted(key[1] for key in wanted if key[0] == "ve"),
        },
    )
    return entries


@_with_lock_timeout
@transaction.atomic
def budget_book_payment(
    *, line: FundingLine, year: int, amount: Decimal, source_key: str, by, repayment: bool = False
) -> LedgerEntry:
    """Book a payment (or a repayment) in the year it is made, against money bound for the source
    in that year: bound against the year's Ansatz, or against a Verpflichtungsermächtigung of an
    earlier budget that falls due in that year (§ 38 LHO). Paid from that year's budget."""
    amount = to_money(amount)
    if amount <= 0:
        raise DomainError(_("Beträge müssen größer als 0 sein."))
    (budget,) = _lock_budgets(line, [year])
    rows = LedgerEntry.objects.filter(line_budget=budget, source_key=source_key)
    sums = rows.aggregate(
        **{kind: models.Sum("amount", filter=models.Q(kind=kind)) for kind in LedgerKind.values}
    )
    ve_rows = LedgerEntry.objects.filter(
        line_budget__line=line, source_key=source_key, burden_year=year
    ).aggregate(
        c=models.Sum("amount", filter=models.Q(kind=LedgerKind.VE_COMMITMENT)),
        r=models.Sum("amount", filter=models.Q(kind=LedgerKind.VE_RELEASE)),
    )
    bound = (
        (sums["commitment"] or 0)
        - (sums["release"] or 0)
        + (ve_rows["c"] or 0)
        - (ve_rows["r"] or 0)
    )
    paid = (sums["payment"] or 0) - (sums["repayment"] or 0)
    if not repayment and paid + amount > bound:
        raise BudgetExceeded(
            _("Auszahlung übersteigt die Bindung: gebunden %(bound)s, bereits ausgezahlt %(paid)s.")
            % {"bound": format_money(Decimal(bound)), "paid": format_money(Decimal(paid))}
        )
    if repayment and amount > paid:
        raise DomainError(_("Es kann nicht mehr zurückgezahlt werden als ausgezahlt wurde."))
    office_id = (
        LedgerEntry.objects.filter(line_budget__line=line, source_key=source_key)
        .values_list("office_id", flat=True)
        .first()
    )
    entry = LedgerEntry.objects.create(
        line_budget=budget,
        office_id=office_id,
        kind=LedgerKind.REPAYMENT if repayment else LedgerKind.PAYMENT,
        amount=amount,
        source_key=source_key,
        created_by=_by(by),
    )
    audit_record(
        action="budget.repaid" if repayment else "budget.paid",
        target=line,
        by=by,
        data={"source": source_key, "year": year, "amount": str(amount)},
    )
    return entry


# --- Widerruf: release, receivable, repayment (brief D5) -----------------------------------


@dataclass(frozen=True)
class RevocationBooking:
    released: Decimal  # unpaid commitment given back to the line (Ansatz and VE)
    receivable: Decimal  # paid money now owed back (Erstattungsanspruch, § 49a Abs. 1 HVwVfG)


def _lock_source(line: FundingLine, source_key: str) -> SourcePosition:
    """Lock every line budget the source has entries in (year order, as `budget_commit`), then
    read its ledger: concurrent Widerrufe and repayments of one grant are serialised."""
    years = set(
        LineBudget.objects.filter(line=line, entries__source_key=source_key).values_list(
            "year", flat=True
        )
    )
    _lock_existing(line, years)
    return source_position(line=line, source_key=source_key)


def _book_receivables(
    position: SourcePosition, *, line: FundingLine, source_key: str, amount: Decimal, by, note: str
) -> None:
    """Book `amount` as receivables in the years it was paid, the latest payments first (brief
    D5). The caller holds the source's lock and has capped `amount` at what is paid and not yet
    claimed."""
    claims: dict[int, Decimal] = {}
    left = amount
    for row in reversed(position.years):
        part = min(max(row.payments - row.receivables, Decimal(0)), left)
        if part > 0:
            claims[row.year] = part
            left -= part
    if claims:
        budgets = {b.year: b for b in LineBudget.objects.filter(line=line, year__in=list(claims))}
        office_id = (
            LedgerEntry.objects.filter(line_budget__line=line, source_key=source_key)
            .values_list("office_id", flat=True)
            .first()
        )
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                line_budget=budgets[year],
                office_id=office_id,
                kind=LedgerKind.RECEIVABLE,
                amount=part,
                source_key=source_key,
                note=note[:200],
                created_by=_by(by),
            )
            for year, part in sorted(claims.items())
        )
        bump("budget")  # bulk_create sends no signals (core.caching)
        audit_record(
            action="budget.receivable_booked",
            target=line,
            by=by,
            data={"source": source_key, "years": {str(y): str(a) for y, a in claims.items()}},
        )


@_with_lock_timeout
@transaction.atomic
def budget_revoke(
    *, line: FundingLine, source_key: str, by, remaining: Decimal, note: str = ""
) -> RevocationBooking:
    """Book a Widerruf that leaves `remaining` of the grant (0: a full Widerruf).

    Brief D5 (§ 49 Abs. 3, § 49a Abs. 1 HVwVfG): only the part of the commitment that was not
    paid and is not needed for the remaining grant is released; what was paid above the
    remaining grant becomes a receivable, booked in the year it was paid. Commitment 6,500,
    payments 4,000, full Widerruf → release 2,500.00, receivable 4,000.00; the line's free money
    rises by 2,500, not by 6,500. The paid money stays bound until it is repaid
    (`budget_book_repayment`), so committed never falls below paid.

    Afterwards the source has max(remaining, paid) − repaid bound; the receivables add up to
    paid − remaining. Booking the same Widerruf again books nothing (idempotent). The release
    comes from the earliest years first (their money can no longer be called down, § 45 LHO),
    the receivable from the latest payments first."""
    remaining = max(to_money(remaining), Decimal(0))
    position = _lock_source(line, source_key)
    target_bound = max(remaining, position.payments) - position.repayments
    to_release = max(position.bound - target_bound, Decimal(0))
    to_claim = max(position.payments - remaining - position.receivables, Decimal(0))
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    release: dict[int, Decimal] = {}
    left = to_release
    for row in position.years:
        part = min(row.unpaid_bound, left)
        if part > 0:
            release[row.year] = part
            left -= part
    if release:
        budget_release(line=line, source_key=source_key, by=by, year_amounts=release)
    _book_receivables(position, line=line, source_key=source_key, amount=to_claim, by=by, note=note)
    return RevocationBooking(to_money(to_release), to_money(to_claim))


@_with_lock_timeout
@transaction.atomic
def budget_claim(
    *, line: FundingLine, source_key: str, amount: Decimal, by, note: str = ""
) -> Decimal:
    """Book a Rückforderung of `amount` paid out while the grant goes on (§ 49a Abs. 1 HVwVfG;
    brief D5): the amount becomes a receivable in the years it was paid, and nothing else is
    released: the money not yet paid stays bound for the payments still to come. Grant 240,000
    over 2026–2027, 60,000 paid, 10,000 reclaimed → receivable 10,000, 240,000 stay bound;
    after the repayment 230,000. Capped at what is paid and not yet claimed (a Widerruf booked
    before already holds the receivable); returns what was booked."""
    amount = to_money(amount)
    position = _lock_source(line, source_key)
    to_claim = min(amount, max(position.payments - position.receivables, Decimal(0)))
    if to_claim > 0:
        _book_receivables(
            position, line=line, source_key=source_key, amount=to_claim, by=by, note=note
        )
    return to_claim


@_with_lock_timeout
@transaction.atomic
def budget_book_repayment(
    *, line: FundingLine, source_key: str, amount: Decimal, by, note: str = ""
) -> list[LedgerEntry]:
    """Book money paid back on a receivable (§ 49a Abs. 1 HVwVfG; brief D5: "the repayment is
    booked when it arrives"): a repayment in the year of the receivable it settles (oldest
    first), and the commitment that still held the paid money is released by the same amount,
    so that committed never falls below paid and the line's free money rises by what came back.

    Only the principal: § 49a interest is owed to the state, not to the line's budget. More than
    the open receivables is refused; the lock makes two bookings at the same moment safe."""
    amount = to_money(amount)
    if amount <= 0:
        raise DomainError(_("Beträge müssen größer als 0 sein."), field="amount")
    position = _lock_source(line, source_key)
    if amount > position.open_receivable:
        raise DomainError(
            _("Offen ist nur noch eine Forderung von %(open)s.")
            % {"open": format_money(position.open_receivable)},
            field="amount",
        )
    bound = _bound_of_source(line, source_key)
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    parts: dict[int, Decimal] = {}
    left = amount
    for row in position.years:
        part = min(row.open_receivable, left)
        if part > 0:
            parts[row.year] = part
            left -= part
    budgets = {b.year: b for b in LineBudget.objects.filter(line=line, year__in=list(parts))}
    office_id = (
        LedgerEntry.objects.filter(line_budget__line=line, source_key=source_key)
        .values_list("office_id", flat=True)
        .first()
    )
    entries = []
    for year, part in sorted(parts.items()):
        entries.append(
            LedgerEntry(
                line_budget=budgets[year],
                office_id=office_id,
                kind=LedgerKind.REPAYMENT,
                amount=part,
                source_key=source_key,
                note=note[:200],
                created_by=_by(by),
            )
        )
        # the commitment that held the paid money (Ansatz, else the VE it was bound against);
        # bound ≥ paid ≥ open receivable in every year, read under the lock above
        key = ("ansatz", year) if bound.get(("ansatz", year), {}).get("amount") else ("ve", year)
        entries.append(
            LedgerEntry(
                line_budget=bound[key]["budget"],
                office_id=bound[key]["office"],
                kind=LedgerKind.VE_RELEASE if key[0] == "ve" else LedgerKind.RELEASE,
                burden_year=year if key[0] == "ve" else None,
                amount=part,
                source_key=source_key,
                note=note[:200],
                created_by=_by(by),
            )
        )
    entries = LedgerEntry.objects.bulk_create(entries)
    bump("budget")
    audit_record(
        action="budget.repaid",
        target=line,
        by=by,
        data={"source": source_key, "years": {str(y): str(a) for y, a in parts.items()}},
    )
    return entries
