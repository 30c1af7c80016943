"""Reads of the dashboards (Auswertungen). Every figure is computed by the database (aggregates,
conditional aggregation, window functions); Python only joins the few aggregated rows with the
names of lines and units. Each reader runs a constant number of queries, however much data there
is (asserted in tests/test_dashboards.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, ExtractYear, NullIf, RowNumber, TruncDate
from django.utils import timezone

from wirportal.applications.models import NEVER_SUBMITTED, Application, ApplicationStatus
from wirportal.decisions.models import GrantDecision
from wirportal.events.models import Event, EventKind, EventStatus, RegistrationStatus
from wirportal.offices.models import GovernmentDistrict, Office
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.programmes.models import (
    FundingLine,
    LedgerEntry,
    LedgerKind,
    LineBudget,
    OfficeAllocation,
)
from wirportal.settlement.models import ProofIndicatorValue, ProofStatus

from .expressions import DaysBetween, PercentileCont, application_of_source, unit_of_entry

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)


# --------------------------------------------------------------------------- filters and scope


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: a year, a funding line, a Regierungsbezirk, a unit (all optional).
    For a coordinator `office_id` is always their own unit (`scope_office`)."""

    year: int | None = None
    line_id: int | None = None
    district_id: int | None = None
    office_id: int | None = None


def scope_office(user) -> int | None:
    """The unit a person's figures are limited to: a coordinator's own unit; None for the Land."""
    from wirportal.accounts.roles import LAND_ROLES, Role

    if user.is_superuser or user.role in LAND_ROLES:
        return None
    if user.role == Role.COORDINATOR:
        membership = getattr(user, "office_membership", None)
        if membership is not None:
            return membership.office_id
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


@dataclass
class Options:
    """The choices of the filter form, each list one query."""

    years: list[int]
    lines: dict[int, FundingLine]
    districts: dict[int, GovernmentDistrict]
    offices: dict[int, Office]


def options(*, office_id: int | None = None) -> Options:
    years = sorted(
        set(LineBudget.objects.order_by().values_list("year", flat=True).distinct()),
        reverse=True,
    )
    offices = Office.objects.select_related("district").order_by("name")
    if office_id is not None:
        offices = offices.filter(pk=office_id)
    office_map = {office.pk: office for office in offices}
    districts = GovernmentDistrict.objects.order_by("key")
    if office_id is not None:
        districts = districts.filter(offices__pk=office_id)
    return Options(
        years=years,
        lines={
            line.pk: line
            for line in FundingLine.objects.select_related("programme").order_by("name", "pk")
        },
        districts={district.pk: district for district in districts},
        offices=office_map,
    )


def _unit_ids_of_district(district_id: int):
    return Office.objects.filter(district_id=district_id).values("pk")


# --------------------------------------------------------------------------- budget


@dataclass
class BudgetRow:
    year: int
    line: str
    planned: Decimal | None  # None: the line's money is not allocated to units
    committed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    receivable: Decimal = Decimal(0)
    district: str = ""
    unit: str = ""

    @property
    def free(self) -> Decimal | None:
        return None if self.planned is None else self.planned - self.committed


def _signed(kinds_plus, kinds_minus=()):
    whens = [When(kind__in=list(kinds_plus), then=F("amount"))]
    if kinds_minus:
        whens.append(When(kind__in=list(kinds_minus), then=-F("amount")))
    return Coalesce(Sum(Case(*whens, default=ZERO, output_field=MONEY)), ZERO)


def _ledger(filters: Filters, *, by_unit: bool) -> list[dict]:
    """committed / paid / receivables / repayments per year (the year a booking falls due: a VE
    commitment in its burden year, § 38 LHO), line and (optionally) unit."""
    entries = LedgerEntry.objects.annotate(
        effective_year=Coalesce("burden_year", "line_budget__year"),
    )
    if by_unit or filters.office_id or filters.district_id:
        entries = entries.annotate(application_id=application_of_source()).annotate(
            unit=unit_of_entry()
        )
    if filters.year:
        entries = entries.filter(effective_year=filters.year)
    if filters.line_id:
        entries = entries.filter(line_budget__line_id=filters.line_id)
    if filters.office_id:
        entries = entries.filter(unit=filters.office_id)  # type: ignore[misc]
    if filters.district_id:
        entries = entries.filter(unit__in=_unit_ids_of_district(filters.district_id))  # type: ignore[misc]
    keys = ["effective_year", "line_budget__line"] + (["unit"] if by_unit else [])
    return list(
        entries.order_by()
        .values(*keys)
        .annotate(
            committed=_signed(
                (LedgerKind.COMMITMENT, LedgerKind.VE_COMMITMENT),
                (LedgerKind.RELEASE, LedgerKind.VE_RELEASE),
            ),
            paid=_signed((LedgerKind.PAYMENT,), (LedgerKind.REPAYMENT,)),
            # repayments settle receivables (programmes.services.budget_book_repayment)
            open_receivable=_signed((LedgerKind.RECEIVABLE,), (LedgerKind.REPAYMENT,)),
        )
    )


def _allocations(filters: Filters, *, by_unit: bool) -> list[dict]:
    allocations = OfficeAllocation.objects.filter(line_budget__line__allocated_per_office=True)
    if filters.year:
        allocations = allocations.filter(line_budget__year=filters.year)
    if filters.line_id:
        allocations = allocations.filter(line_budget__line_id=filters.line_id)
    if filters.office_id:
        allocations = allocations.filter(office_id=filters.office_id)
    if filters.district_id:
        allocations = allocations.filter(office__district_id=filters.district_id)
    keys = ["line_budget__year", "line_budget__line"] + (["office"] if by_unit else [])
    return list(allocations.order_by().values(*keys).annotate(planned=Sum("amount")))


def budget_by_line(filters: Filters, opts: Options) -> list[BudgetRow]:
    """Planned, committed, paid, open receivables and free money per year and line. With a unit
    or Regierungsbezirk chosen the plan is the units' allocations (lines allocated per unit)."""
    land_wide = not (filters.office_id or filters.district_id)
    planned: dict[tuple, Decimal | None] = {}
    if land_wide:
        budgets = LineBudget.objects.all()
        if filters.year:
            budgets = budgets.filter(year=filters.year)
        if filters.line_id:
            budgets = budgets.filter(line_id=filters.line_id)
        for year, line, amount in budgets.order_by().values_list("year", "line", "amount"):
            planned[(year, line)] = amount
    else:
        for row in _allocations(filters, by_unit=False):
            planned[(row["line_budget__year"], row["line_budget__line"])] = row["planned"]
    ledger = {
        (r["effective_year"], r["line_budget__line"]): r for r in _ledger(filters, by_unit=False)
    }
    rows = []
    for key in set(planned) | set(ledger):
        year, line_id = key
        sums = ledger.get(key, {})
        rows.append(
            BudgetRow(
                year=year,
                line=str(opts.lines[line_id].name) if line_id in opts.lines else "",
                planned=planned.get(key),
                committed=sums.get("committed", Decimal(0)),
                paid=sums.get("paid", Decimal(0)),
                receivable=max(sums.get("open_receivable", Decimal(0)), Decimal(0)),
            )
        )
    rows.sort(key=lambda row: (-row.year, row.line))
    return rows


def budget_by_unit(filters: Filters, opts: Options) -> list[BudgetRow]:
    """The same per year, line, Regierungsbezirk and unit; planned only where the line's money is
    allocated per unit."""
    planned = {
        (r["line_budget__year"], r["line_budget__line"], r["office"]): r["planned"]
        for r in _allocations(filters, by_unit=True)
    }
    ledger = {
        (r["effective_year"], r["line_budget__line"], r["unit"]): r
        for r in _ledger(filters, by_unit=True)
    }
    rows = []
    for key in set(planned) | set(ledger):
        year, line_id, unit_id = key
        office = opts.offices.get(unit_id) if unit_id is not None else None
        if unit_id is not None and office is None:
            continue  # outside the person's scope
        sums = ledger.get(key, {})
        rows.append(
            BudgetRow(
                year=year,
                line=str(opts.lines[line_id].name) if line_id in opts.lines else "",
                planned=planned.get(key),
                committed=sums.get("committed", Decimal(0)),
                paid=sums.get("paid", Decimal(0)),
                receivable=max(sums.get("open_receivable", Decimal(0)), Decimal(0)),
                district=office.district.name if office else "",
                unit=office.name if office else "",
            )
        )
    rows.sort(key=lambda row: (-row.year, row.district, row.unit, row.line))
    return rows


def budget_totals(rows: list[BudgetRow]) -> BudgetRow:
    """The sum of the shown rows (per year and line: never more rows than years × lines)."""
    plans = [row.planned for row in rows if row.planned is not None]
    return BudgetRow(
        year=0,
        line="",
        planned=sum(plans, Decimal(0)) if plans else None,
        committed=sum((row.committed for row in rows), Decimal(0)),
        paid=sum((row.paid for row in rows), Decimal(0)),
        receivable=sum((row.receivable for row in rows), Decimal(0)),
    )


# --------------------------------------------------------------------------- applications


def _applications(filters: Filters):
    applications = Application.objects.exclude(NEVER_SUBMITTED)
    if filters.year:
        applications = applications.filter(submitted_at__year=filters.year)
    if filters.line_id:
        applications = applications.filter(line_id=filters.line_id)
    if filters.office_id:
        applications = applications.filter(organisation__office_id=filters.office_id)
    if filters.district_id:
        applications = applications.filter(organisation__office__district_id=filters.district_id)
    return applications


FUNNEL_STATES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.CHANGES_REQUESTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.PARTIALLY_APPROVED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
]


@dataclass
class FunnelRow:
    line: str
    counts: list[int]  # in the order of FUNNEL_STATES
    requested: Decimal

    @property
    def total(self) -> int:
        return sum(self.counts)


def funnel(filters: Filters, opts: Options) -> list[FunnelRow]:
    """Submitted applications per line and state (drafts are nobody's business but the
    applicant's, ADR 0005): one query with one conditional count per state."""
    counts = {str(state): Count("pk", filter=Q(status=state)) for state in FUNNEL_STATES}
    rows = (
        _applications(filters)
        .order_by()
        .values("line")
        .annotate(requested=Coalesce(Sum("requested_amount"), ZERO), **counts)
    )
    result = [
        FunnelRow(
            line=str(opts.lines[row["line"]].name) if row["line"] in opts.lines else "",
            counts=[row[str(state)] for state in FUNNEL_STATES],
            requested=row["requested"],
        )
        for row in rows
    ]
    result.sort(key=lambda row: row.line)
    return result


def funnel_totals(rows: list[FunnelRow]) -> list[int]:
    return [sum(row.counts[i] for row in rows) for i in range(len(FUNNEL_STATES))]


# --------------------------------------------------------------------------- processing times

STAGES = [
    ("submitted_to_decision", "Eingang bis Bescheid"),
    ("decision_to_acceptance", "Bescheid bis Annahme"),
    ("acceptance_to_payment", "Annahme bis erste Auszahlung"),
    ("submitted_to_payment", "Eingang bis erste Auszahlung"),
]
PERCENTILES = [0.25, 0.5, 0.75, 0.9]


@dataclass
class TimeRow:
    key: str
    label: str
    count: int
    values: list[float | None] = field(default_factory=list)  # in the order of PERCENTILES

    @property
    def median(self) -> float | None:
        return self.values[PERCENTILES.index(0.5)]


def _decisions(filters: Filters):
    decisions = GrantDecision.objects.filter(issued_at__isnull=False)
    if filters.year:
        decisions = decisions.filter(issued_at__year=filters.year)
    if filters.line_id:
        decisions = decisions.filter(application__line_id=filters.line_id)
    if filters.office_id:
        decisions = decisions.filter(application__organisation__office_id=filters.office_id)
    if filters.district_id:
        decisions = decisions.filter(
            application__organisation__office__district_id=filters.district_id
        )
    return decisions


def _stage_days() -> dict:
    """The duration of each stage in days, as expressions (annotating them by name and counting
    the names in `aggregate()` would let Django drop them from its inner query)."""
    first_payment = Subquery(
        PaymentRequest.objects.filter(decision=OuterRef("pk"), status=RequestStatus.PAID)
        .order_by("paid_on")
        .values("paid_on")[:1]
    )
    submitted = TruncDate("application__submitted_at")
    decided = TruncDate("issued_at")
    accepted = TruncDate("accepted_at")
    return {
        "submitted_to_decision": DaysBetween(decided, submitted),
        "decision_to_acceptance": DaysBetween(accepted, decided),
        "acceptance_to_payment": DaysBetween(first_payment, accepted),
        "submitted_to_payment": DaysBetween(first_payment, submitted),
    }


def processing_times(filters: Filters) -> list[TimeRow]:
    """Days from submission to the decision letter (Bescheid erlassen), to the acceptance and to
    the first payment, as quartiles and the 90th percentile (interpolated like `percentile_cont`).

    PostgreSQL: one query with `percentile_cont`. SQLite has no ordered-set aggregates: one query
    counts each stage, then one query per stage numbers its durations in order with ROW_NUMBER()
    and returns only the rows at the percentiles' positions (at most two each); the interpolation
    between those two values is the only arithmetic left to Python."""
    decisions = _decisions(filters)
    days = _stage_days()
    if connection.vendor == "postgresql":
        aggregates: dict = {}
        for key, _label in STAGES:
            aggregates[f"{key}__n"] = Count(days[key])
            for i, fraction in enumerate(PERCENTILES):
                aggregates[f"{key}__{i}"] = PercentileCont(days[key], fraction=fraction)
        result = decisions.aggregate(**aggregates)
        return [
            TimeRow(
                key=key,
                label=label,
                count=result[f"{key}__n"],
                values=[
                    None if result[f"{key}__{i}"] is None else float(result[f"{key}__{i}"])
                    for i in range(len(PERCENTILES))
                ],
            )
            for key, label in STAGES
        ]
    counts = decisions.aggregate(**{key: Count(days[key]) for key, _label in STAGES})
    rows = []
    for key, label in STAGES:
        n = counts[key]
        if not n:
            rows.append(TimeRow(key=key, label=label, count=0, values=[None] * len(PERCENTILES)))
            continue
        positions = set()
        for fraction in PERCENTILES:
            h = (n - 1) * fraction
            positions |= {math.floor(h) + 1, math.ceil(h) + 1}
        found = dict(
            decisions.annotate(days=days[key])
            .filter(days__isnull=False)
            .annotate(position=Window(RowNumber(), order_by=[F("days").asc(), F("pk").asc()]))
            .filter(position__in=sorted(positions))
            .values_list("position", "days")
        )
        values: list[float | None] = []
        for fraction in PERCENTILES:
            h = (n - 1) * fraction
            low, high = found[math.floor(h) + 1], found[math.ceil(h) + 1]
            values.append(float(low) + (h - math.floor(h)) * float(high - low))
        rows.append(TimeRow(key=key, label=label, count=n, values=values))
    return rows


# --------------------------------------------------------------------------- indicators


@dataclass
class IndicatorRow:
    year: int
    line: str
    district: str
    label: str
    kind: str
    total: Decimal | None  # sum (whole numbers, decimals) or the mean of the proofs (percent)
    proofs: int


REPORTED = [ProofStatus.SUBMITTED, ProofStatus.CHECKED, ProofStatus.SETTLED]


_APPLICATION = "proof__decision__application__"  # from an indicator value to its application


def _reported_values(filters: Filters, **only):
    """The reported indicator values (`only`: further conditions) with their report year — the
    interim proof's year, else the year the grant's period ends — within the filters."""
    values = ProofIndicatorValue.objects.filter(
        proof__status__in=REPORTED, value__isnull=False, **only
    ).annotate(
        report_year=Coalesce(
            "proof__year",
            ExtractYear("proof__decision__period_end"),
            ExtractYear("proof__submitted_at"),
        )
    )
    if filters.year:
        values = values.filter(report_year=filters.year)
    if filters.line_id:
        values = values.filter(**{f"{_APPLICATION}line_id": filters.line_id})
    if filters.office_id:
        values = values.filter(**{f"{_APPLICATION}organisation__office_id": filters.office_id})
    if filters.district_id:
        values = values.filter(
            **{f"{_APPLICATION}organisation__office__district_id": filters.district_id}
        )
    return values


def indicators(filters: Filters, opts: Options) -> list[IndicatorRow]:
    """The figures of the Sachberichte (`ProofIndicatorValue`) per year, line, Regierungsbezirk
    and indicator: summed, a percentage (share of women) as the mean over the proofs. The year is
    the interim proof's year, else the year the grant's period ends."""
    values = _reported_values(filters)
    application = _APPLICATION
    rows = (
        values.order_by()
        .values(
            "report_year",
            f"{application}line",
            f"{application}organisation__office__district__name",
            "indicator__key",
            "indicator__label",
            "indicator__kind",
            "indicator__position",
        )
        .annotate(
            total=Sum("value"),
            mean=Avg("value"),
            proofs=Count("proof", distinct=True),
        )
    )
    result = [
        IndicatorRow(
            year=row["report_year"],
            line=str(opts.lines[row[f"{application}line"]].name)
            if row[f"{application}line"] in opts.lines
            else "",
            district=row[f"{application}organisation__office__district__name"] or "",
            label=row["indicator__label"],
            kind=row["indicator__kind"],
            total=(Decimal(str(round(row["mean"], 1))) if row["mean"] is not None else None)
            if row["indicator__kind"] == "prozent"
            else row["total"],
            proofs=row["proofs"],
        )
        for row in rows
    ]
    result.sort(key=lambda r: (-r.year, r.line, r.district, r.label))
    return result


def participants_per_year(filters: Filters) -> list[tuple[int, Decimal]]:
    """Participants reported per year (indicator key `participants`), for the chart."""
    values = _reported_values(filters, indicator__key="participants")
    return list(
        values.order_by("report_year")
        .values("report_year")
        .annotate(total=Sum("value"))
        .values_list("report_year", "total")
    )


# --------------------------------------------------------------------------- events


@dataclass
class EventRow:
    year: int
    kind: str
    events: int
    registered: int
    checked_in: int
    no_show: int
    no_show_rate: float | None  # % of the confirmed registrations of past events


def events(filters: Filters) -> list[EventRow]:
    """Events held or planned per year and kind: confirmed registrations, check-ins, no-shows
    (confirmed, event over, not checked in) and the no-show rate, in one query. Events have no
    funding line; a unit or Regierungsbezirk means the hosting unit."""
    now = timezone.now()
    rows = Event.objects.exclude(status__in=[EventStatus.CANCELLED, EventStatus.DRAFT])
    if filters.year:
        rows = rows.filter(starts_at__year=filters.year)
    if filters.office_id:
        rows = rows.filter(host_office_id=filters.office_id)
    if filters.district_id:
        rows = rows.filter(host_office__district_id=filters.district_id)
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    past = confirmed & Q(ends_at__lt=now)
    result = (
        rows.annotate(year=ExtractYear("starts_at"))
        .order_by()
        .values("year", "kind")
        .annotate(
            n_events=Count("pk", distinct=True),
            registered=Count("registrations", filter=confirmed),
            checked_in=Count(
                "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)
            ),
            past_registered=Count("registrations", filter=past),
            no_show=Count(
                "registrations", filter=past & Q(registrations__checked_in_at__isnull=True)
            ),
        )
        .annotate(
            rate=Cast(F("no_show"), FloatField())
            * Value(100.0)
            / NullIf(Cast(F("past_registered"), FloatField()), Value(0.0))
        )
        .order_by("-year", "kind")
    )
    labels = dict(EventKind.choices)
    return [
        EventRow(
            year=row["year"],
            kind=str(labels.get(row["kind"], row["kind"])),
            events=row["n_events"],
            registered=row["registered"],
            checked_in=row["checked_in"],
            no_show=row["no_show"],
            no_show_rate=None if row["rate"] is None else round(row["rate"], 1),
        )
        for row in result
    ]
