"""Reads for programmes, lines, calls and the budget ledger; each page with a constant query count."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    DecimalField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from wirportal.core.prepared import PreparedQuery
from wirportal.offices.models import OrganisationMembership

from .models import (
    BudgetYear,
    Call,
    FundingLine,
    LedgerEntry,
    LedgerKind,
    LineBudget,
    OfficeAllocation,
    Programme,
)

# a close date moves at most a few days (Christmas + weekend) to the next working day
_SLACK = timedelta(days=6)
ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _sum(kind: str, prefix: str = "entries__") -> Coalesce:
    return Coalesce(
        Sum(f"{prefix}amount", filter=Q(**{f"{prefix}kind": kind})),
        ZERO,
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )


def ve_sums(line_budget_ids: list[int]) -> dict[int, Decimal]:
    """Bound against each line budget's Verpflichtungsermächtigung (VE commitments − releases)."""
    rows = (
        LineBudget.objects.filter(pk__in=line_budget_ids)
        .annotate(c=_sum(LedgerKind.VE_COMMITMENT), r=_sum(LedgerKind.VE_RELEASE))
        .values("pk", "c", "r")
    )
    result = {pk: Decimal(0) for pk in line_budget_ids}
    for row in rows:
        result[row["pk"]] = row["c"] - row["r"]
    return result


def _burdens(line_budget_ids: list[int]) -> dict[int, Decimal]:
    """Vorbelastung: what Verpflichtungsermächtigungen of earlier budgets have bound to fall due
    in each line budget's year (§ 38 LHO); it counts as committed against that year's Ansatz."""
    budgets = LineBudget.objects.filter(pk__in=line_budget_ids).values("pk", "line_id", "year")
    by_key = {(b["line_id"], b["year"]): b["pk"] for b in budgets}
    result = dict.fromkeys(line_budget_ids, Decimal(0))
    if not by_key:
        return result
    rows = (
        LedgerEntry.objects.filter(
            kind__in=[LedgerKind.VE_COMMITMENT, LedgerKind.VE_RELEASE],
            line_budget__line_id__in={line for line, _year in by_key},
            burden_year__in={year for _line, year in by_key},
        )
        .values("line_budget__line_id", "burden_year", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        pk = by_key.get((row["line_budget__line_id"], int(row["burden_year"] or 0)))
        if pk is not None:
            sign = 1 if row["kind"] == LedgerKind.VE_COMMITMENT else -1
            result[pk] += sign * row["total"]
    return result


def ledger_sums(line_budget_ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """committed (commitments − releases, plus what VEs of earlier budgets bound to fall due in
    the year) and paid (payments − repayments) per line budget."""
    burdens = _burdens(line_budget_ids)
    rows = (
        LineBudget.objects.filter(pk__in=line_budget_ids)
        .annotate(
            c=_sum(LedgerKind.COMMITMENT),
            r=_sum(LedgerKind.RELEASE),
            p=_sum(LedgerKind.PAYMENT),
            rp=_sum(LedgerKind.REPAYMENT),
        )
        .values("pk", "c", "r", "p", "rp")
    )
    result = {pk: {"committed": Decimal(0), "paid": Decimal(0)} for pk in line_budget_ids}
    for row in rows:
        result[row["pk"]] = {
            "committed": row["c"] - row["r"] + burdens.get(row["pk"], Decimal(0)),
            "paid": row["p"] - row["rp"],
        }
    return result


@dataclass
class LedgerRow:
    """One line of the budget overview: planned, committed, paid and free money."""

    label: str
    planned: Decimal
    committed: Decimal
    paid: Decimal
    line: FundingLine | None = None
    is_office: bool = False
    #: the Verpflichtungsermächtigung of the year's budget (§ 38 LHO): not money of this year
    is_ve: bool = False
    ve_years: str = ""
    #: paid money owed back after a Widerruf and not yet repaid (§ 49a Abs. 1 HVwVfG; brief D5)
    receivable: Decimal = Decimal(0)

    @property
    def free(self) -> Decimal:
        return self.planned - self.committed


def _office_sum(kind: str) -> Coalesce:
    entries = (
        LedgerEntry.objects.filter(
            line_budget=OuterRef("line_budget"), office=OuterRef("office"), kind=kind
        )
        .order_by()
        .values("line_budget")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(entries, output_field=DecimalField(max_digits=14, decimal_places=2)), ZERO
    )


def budget_overview(*, year: int) -> list[LedgerRow]:
    """Planned/committed/paid/free per line (and per unit where allocated) in two queries."""
    budgets = (
        LineBudget.objects.filter(year=year)
        .select_related("line__programme")
        .annotate(
            c=_sum(LedgerKind.COMMITMENT),
            r=_sum(LedgerKind.RELEASE),
            p=_sum(LedgerKind.PAYMENT),
            rp=_sum(LedgerKind.REPAYMENT),
            vc=_sum(LedgerKind.VE_COMMITMENT),
            vr=_sum(LedgerKind.VE_RELEASE),
            rc=_sum(LedgerKind.RECEIVABLE),
        )
        .order_by("line__programme__name", "line__name")
    )
    budget_rows = list(budgets)
    burdens = _burdens([budget.pk for budget in budget_rows])
    allocations = (
        OfficeAllocation.objects.filter(line_budget__year=year)
        .select_related("office")
        .annotate(
            c=_office_sum(LedgerKind.COMMITMENT),
            r=_office_sum(LedgerKind.RELEASE),
            p=_office_sum(LedgerKind.PAYMENT),
            rp=_office_sum(LedgerKind.REPAYMENT),
        )
        .order_by("office__name")
    )
    by_budget: dict[int, list] = {}
    for allocation in allocations:
        by_budget.setdefault(allocation.line_budget_id, []).append(allocation)
    rows: list[LedgerRow] = []
    for budget in budget_rows:
        rows.append(
            LedgerRow(
                label=budget.line.name,
                planned=budget.amount,
                # with what VEs of earlier budgets bound to fall due this year (Vorbelastung)
                committed=budget.c - budget.r + burdens[budget.pk],  # type: ignore[attr-defined]
                paid=budget.p - budget.rp,  # type: ignore[attr-defined]
                line=budget.line,
                # repayments settle receivables (programmes.services.budget_book_repayment)
                receivable=max(budget.rc - budget.rp, Decimal(0)),  # type: ignore[attr-defined]
            )
        )
        if budget.ve_amount:
            rows.append(
                LedgerRow(
                    label=budget.line.name,
                    planned=budget.ve_amount,
                    committed=budget.vc - budget.vr,  # type: ignore[attr-defined]
                    paid=Decimal(0),
                    line=budget.line,
                    is_ve=True,
                    ve_years=f"{budget.year + 1}–{budget.ve_until_year}",
                )
            )
        for allocation in by_budget.get(budget.pk, []):
            rows.append(
                LedgerRow(
                    label=allocation.office.name,
                    planned=allocation.amount,
                    committed=allocation.c - allocation.r,  # type: ignore[attr-defined]
                    paid=allocation.p - allocation.rp,  # type: ignore[attr-defined]
                    line=budget.line,
                    is_office=True,
                )
            )
    return rows


def budget_totals(rows: list[LedgerRow]) -> LedgerRow:
    lines = [row for row in rows if not row.is_office and not row.is_ve]
    return LedgerRow(
        label="",
        planned=sum((r.planned for r in lines), Decimal(0)),
        committed=sum((r.committed for r in lines), Decimal(0)),
        paid=sum((r.paid for r in lines), Decimal(0)),
        receivable=sum((r.receivable for r in lines), Decimal(0)),
    )


# asked on every budget overview: one prepared query (core.prepared) for the distinct years
_BUDGET_YEARS = PreparedQuery(
    lambda: LineBudget.objects.order_by("-year").values_list("year").distinct()
)


def budget_years_available() -> list[int]:
    """The years with a line budget, newest first."""
    return [year for (year,) in _BUDGET_YEARS.fetch()]


def line_free(*, line: FundingLine, year: int, office=None) -> Decimal:
    """Free money of a line in a year (and of the unit's allocation); for the decision summary."""
    budget = LineBudget.objects.filter(line=line, year=year).first()
    if budget is None:
        return Decimal(0)
    free = budget.amount - ledger_sums([budget.pk])[budget.pk]["committed"]
    if office is not None and line.allocated_per_office:
        allocation = OfficeAllocation.objects.filter(line_budget=budget, office=office).first()
        sums = LedgerEntry.objects.filter(line_budget=budget, office=office).aggregate(
            c=_sum(LedgerKind.COMMITMENT, prefix=""), r=_sum(LedgerKind.RELEASE, prefix="")
        )
        office_free = (allocation.amount if allocation else Decimal(0)) - (sums["c"] - sums["r"])
        free = min(free, office_free)
    return free


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.prefetch_related(
        Prefetch("lines", queryset=FundingLine.objects.order_by("name")),
        Prefetch("budget_years", queryset=BudgetYear.objects.order_by("year")),
    ).order_by("-valid_from", "name")


def programme_detail(*, pk: int) -> Programme:
    return Programme.objects.prefetch_related(
        Prefetch("budget_years", queryset=BudgetYear.objects.order_by("year")),
        Prefetch("lines", queryset=FundingLine.objects.order_by("name")),
    ).get(pk=pk)


def line_detail(*, pk: int) -> FundingLine:
    return (
        FundingLine.objects.select_related("programme")
        .prefetch_related(
            "unit_rates",
            Prefetch(
                "budgets",
                queryset=LineBudget.objects.order_by("year").prefetch_related(
                    Prefetch(
                        "allocations",
                        queryset=OfficeAllocation.objects.select_related("office").order_by(
                            "office__name"
                        ),
                    )
                ),
            ),
            Prefetch("calls", queryset=Call.objects.order_by("-closes_at")),
        )
        .get(pk=pk)
    )


def call_list(*, only_open_on: date | None = None) -> QuerySet[Call]:
    calls = Call.objects.select_related("line__programme")
    if only_open_on is not None:
        # the deadline may move by a few days over weekends/holidays; filter coarsely, then exactly
        calls = calls.filter(opens_at__lte=only_open_on).filter(
            Q(closes_at__gte=only_open_on - _SLACK) | Q(extended_until__gte=only_open_on - _SLACK)
        )
    return calls.order_by("closes_at", "title")


def open_calls(*, day: date) -> list[Call]:
    return [call for call in call_list(only_open_on=day) if call.is_open(day)]


def organisation_kinds_of(user) -> set[str]:
    """The kinds of the organisations `user` is a member of (one query): whether they may apply
    to a call is `kinds & call.line.eligible_kinds` (the line's Zuwendungsempfänger)."""
    if not user.is_authenticated:
        return set()
    return set(
        OrganisationMembership.objects.filter(user=user).values_list(
            "organisation__kind", flat=True
        )
    )


def call_detail(*, pk: int) -> Call:
    return (
        Call.objects.select_related("line__programme")
        .prefetch_related("line__unit_rates")
        .get(pk=pk)
    )


@dataclass
class SourceYear:
    """The ledger of one source (e.g. a grant decision) in one budget year it falls due."""

    year: int
    bound: Decimal = Decimal(0)  # commitments − releases, against the Ansatz or a VE
    payments: Decimal = Decimal(0)
    repayments: Decimal = Decimal(0)
    receivables: Decimal = Decimal(0)

    @property
    def paid(self) -> Decimal:
        return self.payments - self.repayments

    @property
    def unpaid_bound(self) -> Decimal:
        return max(self.bound - self.paid, Decimal(0))

    @property
    def open_receivable(self) -> Decimal:
        return max(self.receivables - self.repayments, Decimal(0))


@dataclass
class SourcePosition:
    """Totals of a source's ledger over its years, with the rows per year (oldest first)."""

    years: list[SourceYear]

    def _total(self, name: str) -> Decimal:
        return sum((getattr(row, name) for row in self.years), Decimal(0))

    @property
    def bound(self) -> Decimal:
        return self._total("bound")

    @property
    def payments(self) -> Decimal:
        return self._total("payments")

    @property
    def repayments(self) -> Decimal:
        return self._total("repayments")

    @property
    def receivables(self) -> Decimal:
        return self._total("receivables")

    @property
    def paid(self) -> Decimal:
        return self._total("paid")

    @property
    def open_receivable(self) -> Decimal:
        return self._total("open_receivable")

    @property
    def unpaid_bound(self) -> Decimal:
        """Bound and not yet paid: what the grant still holds for payments to come."""
        return self._total("unpaid_bound")


_BOUND_SIGN = {
    str(LedgerKind.COMMITMENT): 1,
    str(LedgerKind.RELEASE): -1,
    str(LedgerKind.VE_COMMITMENT): 1,
    str(LedgerKind.VE_RELEASE): -1,
}
_MONEY_FIELD = {
    str(LedgerKind.PAYMENT): "payments",
    str(LedgerKind.REPAYMENT): "repayments",
    str(LedgerKind.RECEIVABLE): "receivables",
}


def source_position(*, line: FundingLine, source_key: str) -> SourcePosition:
    """Bound, paid, claimed and repaid money of one source per year it falls due (one query).
    A VE commitment counts in its burden year (§ 38 LHO), everything else in the year of the
    line budget it is booked against."""
    rows = (
        LedgerEntry.objects.filter(line_budget__line=line, source_key=source_key)
        .values("kind", "line_budget__year", "burden_year")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    years: dict[int, SourceYear] = {}
    for row in rows:
        year = int(row["burden_year"] or row["line_budget__year"])
        entry = years.setdefault(year, SourceYear(year))
        kind = str(row["kind"])
        if kind in _BOUND_SIGN:
            entry.bound += _BOUND_SIGN[kind] * row["total"]
        elif kind in _MONEY_FIELD:
            name = _MONEY_FIELD[kind]
            setattr(entry, name, getattr(entry, name) + row["total"])
    return SourcePosition([years[year] for year in sorted(years)])


def line_list(*, programme: str = "") -> QuerySet[FundingLine]:
    """Every funding line with its programme (the API's list, issue #14)."""
    lines = FundingLine.objects.select_related("programme")
    if programme:
        lines = lines.filter(programme__short_name=programme)
    return lines.order_by("programme__name", "name", "pk")
