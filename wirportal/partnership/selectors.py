"""Reads of the partnership view (issue #18): the figures of the 33 WIR units per year, with a
constant number of queries however many units, years, grants or events there are.

Definitions (documented on the data page and in docs/partnership.md), reused from the apps that
own them, never restated:

- **funded / legal persons only**: `opendata.selectors.FUNDED` and `PAID` — approvals whose
  Bescheid was accepted, Träger of kind "Sonstige" (possibly natural persons) left out entirely.
  The unit of a grant is its Träger's seat; the official key of a row is the one valid on
  31 December of the year (`opendata.selectors.key_for` over `offices.OfficeKey`).
- **approved** of a year and line: the yearly amounts as decided (`GrantDecision.year_amounts`).
  **paid**: the grant's call-downs paid in that calendar year.
- **funded posts (VZÄ)**: the cost-plan rows of funded grants priced by a unit rate whose unit is
  "VZÄ" (WIR-Koordination, Fallmanagement, the Vielfaltszentren's coordinators), unless the
  decision recognised the row with 0 €. A row's `units` are the VZÄ of one of its `count`
  (persons or rows); for a rate capped per year `count` is years, so the VZÄ are `units`. A grant's
  posts count in every year for which it has an amount. Posts paid as plain staff costs without
  a VZÄ rate are not counted (the plan does not record their VZÄ).
- **events**: published (not cancelled, not draft) events the unit hosts, by the year they start;
  events it attended: those naming it among the participating units once the organiser published
  them (`participants_published`). The public figures count events open to the public only.
- **regional actors**: actors linked to the unit; the public figures count public entries only.
- **IKÖ**: the mean of the field means of the unit's submitted self-check of the year
  (`opening.selectors.score`), shown publicly only where the unit chose to be named.
- **proof-of-use indicators**: `reports.selectors.indicators` for the unit.
- staff figures (committed not yet paid, open receivables) come from the ledger through
  `reports.selectors.budget_by_unit`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from wirportal.applications.models import Application, ApplicationStatus, CostItem
from wirportal.decisions.models import DecisionCostLine, GrantDecision
from wirportal.events.models import Audience, Event, EventStatus
from wirportal.offices.models import (
    Office,
    OfficeKey,
    OrganisationKind,
    RegionalActor,
)
from wirportal.opendata.selectors import (
    FUNDED_OUTCOMES,
    FUNDED_STATUSES,
    UNPUBLISHED_KINDS,
    funded_decisions,
    key_for,
    paid_requests,
)
from wirportal.opening.models import Answer, CheckStatus
from wirportal.opening.selectors import Progress, current_fields, progress, score
from wirportal.programmes.models import CapLevel, FundingLine
from wirportal.reports import selectors as reports

ZERO = Decimal("0.00")
VZAE = "VZÄ"
# applications on their way (staff only): submitted, in review, changes requested
IN_PROGRESS = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.CHANGES_REQUESTED,
)

# The regional conferences (issue #18): South = Regierungsbezirk Darmstadt, North = Gießen and
# Kassel. The units' `conference_region` should agree; `region_mismatches` names any that do not.
REGIONS: dict[str, tuple[str, ...]] = {"sued": ("064",), "nord": ("065", "066")}
REGION_NAMES = {"sued": "Südhessen", "nord": "Nordhessen"}


# --------------------------------------------------------------------------- units and keys

KeyList = list[tuple[str, date | None, date | None]]


def _keys(office_ids: Iterable[int] | None = None) -> dict[int, KeyList]:
    keys: dict[int, KeyList] = defaultdict(list)
    rows = OfficeKey.objects.order_by("office_id", "valid_from", "pk")
    if office_ids is not None:
        rows = rows.filter(office_id__in=list(office_ids))
    for office_id, key, start, end in rows.values_list(
        "office_id", "key", "valid_from", "valid_until"
    ):
        keys[office_id].append((key, start, end))
    return keys


def current_key(keys: KeyList, today: date | None = None) -> str:
    """The key valid today (the newest one if several are)."""
    today = today or timezone.localdate()
    valid = [
        key
        for key, start, end in keys
        if (start is None or start <= today) and (end is None or today <= end)
    ]
    if valid:
        return valid[-1]
    return keys[-1][0] if keys else ""


@dataclass(frozen=True)
class Unit:
    office: Office
    key: str  # current official key: the unit's URL
    keys: tuple[tuple[str, date | None, date | None], ...]

    @property
    def pk(self) -> int:
        return self.office.pk

    @property
    def name(self) -> str:
        return self.office.name

    def key_in(self, year: int) -> str:
        return key_for(list(self.keys), year)


def units(office_ids: Iterable[int] | None = None) -> list[Unit]:
    """The units (ordered by name) with their keys: two queries."""
    offices = Office.objects.select_related("district").order_by("name")
    if office_ids is not None:
        offices = offices.filter(pk__in=list(office_ids))
    listed = list(offices)
    keys = _keys([o.pk for o in listed] if office_ids is not None else None)
    return [Unit(o, current_key(keys.get(o.pk, [])), tuple(keys.get(o.pk, []))) for o in listed]


@dataclass(frozen=True)
class KeyLookup:
    office_id: int | None
    current: str  # the current key of the unit; differs from the asked one for an old key


def unit_by_key(key: str) -> KeyLookup:
    """The unit an official key names (an old one too: Hanau 06435014 until 2025): one query
    for all keys of the unit the newest row of `key` belongs to."""
    named = OfficeKey.objects.filter(key=key).order_by("-valid_from").values("office_id")[:1]
    rows = list(
        OfficeKey.objects.filter(office_id=Subquery(named))
        .order_by("valid_from", "pk")
        .values_list("office_id", "key", "valid_from", "valid_until")
    )
    if not rows:
        return KeyLookup(None, "")
    return KeyLookup(rows[0][0], current_key([(k, start, end) for _o, k, start, end in rows]))


def unit_office(office_id: int) -> Office:
    """The unit's office, for the permission checks of its page."""
    return Office.objects.get(pk=office_id)


def region_office_ids(region: str) -> list[int]:
    return list(
        Office.objects.filter(district__key__in=REGIONS[region])
        .order_by("name")
        .values_list("pk", flat=True)
    )


def region_mismatches(region: str) -> list[str]:
    """Units whose recorded conference region differs from the issue's definition by
    Regierungsbezirk (one query); empty when they agree, as the reference data has it."""
    inside = Q(district__key__in=REGIONS[region])
    return list(
        Office.objects.filter(
            (inside & ~Q(conference_region=region)) | (~inside & Q(conference_region=region))
        )
        .order_by("name")
        .values_list("name", flat=True)
    )


# --------------------------------------------------------------------------- figures


@dataclass
class LineFigures:
    line_id: int
    code: str
    name: str
    approved: Decimal = ZERO
    paid: Decimal = ZERO
    posts: Decimal = ZERO
    recipients: set[int] = field(default_factory=set)


@dataclass
class UnitYear:
    unit: Unit
    year: int
    lines: dict[int, LineFigures] = field(default_factory=dict)
    events_held: int = 0
    events_attended: int = 0
    actors: int = 0  # actors have no year: the number today
    ikoe: Decimal | None = None  # None: no submitted check, or not shown to this reader
    ikoe_hidden: bool = False  # a check exists but the unit chose not to be named

    @property
    def key(self) -> str:
        return self.unit.key_in(self.year)

    @property
    def approved(self) -> Decimal:
        return sum((line.approved for line in self.lines.values()), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines.values()), ZERO)

    @property
    def posts(self) -> Decimal:
        return sum((line.posts for line in self.lines.values()), ZERO)

    @property
    def recipients(self) -> int:
        found: set[int] = set()
        for line in self.lines.values():
            found |= line.recipients
        return len(found)

    @property
    def ikoe_level(self) -> int | None:
        return None if self.ikoe is None else min(int(self.ikoe), 4)

    @property
    def sorted_lines(self) -> list[LineFigures]:
        return sorted(self.lines.values(), key=lambda line: line.name)


@dataclass
class Figures:
    units: list[Unit]
    years: list[int]
    lines: dict[int, FundingLine]
    cells: dict[tuple[int, int], UnitYear]
    actors: dict[int, int]

    def of(self, unit: Unit, year: int) -> UnitYear:
        cell = self.cells.get((unit.pk, year))
        if cell is None:
            cell = self.cells[(unit.pk, year)] = UnitYear(
                unit, year, actors=self.actors.get(unit.pk, 0)
            )
        return cell

    def year_rows(self, year: int) -> list[UnitYear]:
        return [self.of(unit, year) for unit in self.units]

    def unit_rows(self, unit: Unit) -> list[UnitYear]:
        """The unit's years, newest first (only years with a figure)."""
        return [
            self.cells[(unit.pk, y)]
            for y in sorted(self.years, reverse=True)
            if (unit.pk, y) in self.cells
        ]

    def default_year(self) -> int:
        this_year = timezone.localdate().year
        past = [y for y in self.years if y <= this_year]
        if past:
            return past[-1]
        return self.years[-1] if self.years else this_year


def _line(figures_lines: dict[int, FundingLine], cell: UnitYear, line_id: int) -> LineFigures:
    found = cell.lines.get(line_id)
    if found is None:
        line = figures_lines.get(line_id)
        found = cell.lines[line_id] = LineFigures(
            line_id, line.code if line else "", line.name if line else ""
        )
    return found


def _posts_of_row(units_: Decimal | None, count: int, cap_level: str) -> Decimal:
    if units_ is None:
        return ZERO
    if cap_level == CapLevel.YEAR:
        return Decimal(units_)
    return Decimal(units_) * max(count or 1, 1)


def figures(
    *,
    office_ids: Iterable[int] | None = None,
    public: bool = True,
    ikoe_unnamed_of: Callable[[int], bool] = lambda office_id: False,
) -> Figures:
    """Every figure of the chosen units (all 33 by default) in every year: eleven queries.

    `public`: events open to the public and public actors only (the staff version counts all).
    `ikoe_unnamed_of(office_id)`: whether this reader sees the IKÖ mean of a unit that chose not
    to be named (its coordinators, the Land's readers)."""
    chosen = units(office_ids)
    by_pk = {unit.pk: unit for unit in chosen}
    ids = list(by_pk)
    lines = {line.pk: line for line in FundingLine.objects.order_by("name", "pk")}
    cells: dict[tuple[int, int], UnitYear] = {}
    actors = _actor_counts(ids, public=public)

    def cell(office_id: int, year: int) -> UnitYear:
        found = cells.get((office_id, year))
        if found is None:
            found = cells[(office_id, year)] = UnitYear(
                by_pk[office_id], year, actors=actors.get(office_id, 0)
            )
        return found

    # approved: the yearly amounts of the funded grants (one query)
    grant_years: dict[int, tuple[int, int, set[int]]] = {}  # application → office, line, years
    for application_id, year_amounts, office_id, line_id, organisation_id in (
        funded_decisions()
        .filter(application__organisation__office_id__in=ids)
        .order_by()
        .values_list(
            "application_id",
            "year_amounts",
            "application__organisation__office_id",
            "application__line_id",
            "application__organisation_id",
        )
    ):
        years = set()
        for year_text, amount in (year_amounts or {}).items():
            value = Decimal(str(amount or 0))
            if not value:
                continue
            year = int(year_text)
            years.add(year)
            line = _line(lines, cell(office_id, year), line_id)
            line.approved += value
            line.recipients.add(organisation_id)
        known = grant_years.get(application_id)
        grant_years[application_id] = (office_id, line_id, years | (known[2] if known else set()))

    # paid: call-downs paid in the year (one query, summed per Träger in the database)
    for office_id, line_id, organisation_id, year, total in (
        paid_requests()
        .filter(decision__application__organisation__office_id__in=ids)
        .annotate(year=ExtractYear("paid_on"))
        .order_by()
        .values_list(
            "decision__application__organisation__office_id",
            "decision__application__line_id",
            "decision__application__organisation_id",
            "year",
        )
        .annotate(total=Sum("amount"))
    ):
        line = _line(lines, cell(office_id, year), line_id)
        line.paid += total or ZERO
        line.recipients.add(organisation_id)

    # posts: the VZÄ rows of the funded plans (one query)
    refused = DecisionCostLine.objects.filter(cost_item=OuterRef("pk"), eligible=0)
    for application_id, units_, count, cap_level in (
        CostItem.objects.filter(unit_rate__unit=VZAE, application_id__in=list(grant_years))
        .exclude(Exists(refused))
        .values_list("application_id", "units", "count", "unit_rate__cap_level")
    ):
        office_id, line_id, years = grant_years[application_id]
        posts = _posts_of_row(units_, count, cap_level)
        for year in years:
            _line(lines, cell(office_id, year), line_id).posts += posts

    # events held and attended (two queries)
    shown = Q(status=EventStatus.PUBLISHED) & (Q(audience=Audience.PUBLIC) if public else Q())
    for office_id, year, n in (
        Event.objects.filter(shown, host_office_id__in=ids)
        .annotate(year=ExtractYear("starts_at"))
        .order_by()
        .values_list("host_office_id", "year")
        .annotate(n=Count("pk"))
    ):
        cell(office_id, year).events_held += n
    through = Event.participating_offices.through
    attended = Q(event__status=EventStatus.PUBLISHED, event__participants_published=True)
    if public:
        attended &= Q(event__audience=Audience.PUBLIC)
    for office_id, year, n in (
        through.objects.filter(attended, office_id__in=ids)
        .annotate(year=ExtractYear("event__starts_at"))
        .order_by()
        .values_list("office_id", "year")  # type: ignore[misc]
        .annotate(n=Count("pk"))
    ):
        cell(office_id, year).events_attended += n

    # IKÖ (two queries)
    for (office_id, year), (mean, named) in ikoe_means(ids).items():
        target = cell(office_id, year)
        if named or ikoe_unnamed_of(office_id):
            target.ikoe = mean
        else:
            target.ikoe_hidden = True

    return Figures(
        units=chosen,
        years=sorted({year for _office, year in cells}),
        lines=lines,
        cells=cells,
        actors=actors,
    )


def _actor_counts(ids: list[int], *, public: bool) -> dict[int, int]:
    through = RegionalActor.offices.through
    rows = through.objects.filter(office_id__in=ids)
    if public:
        rows = rows.filter(regionalactor__is_public=True)
    return dict(rows.order_by().values_list("office_id").annotate(n=Count("pk")))


def ikoe_means(office_ids: list[int]) -> dict[tuple[int, int], tuple[Decimal | None, bool]]:
    """(unit, year) → (mean of the field means of the submitted self-check, named): the fields
    of the newest published questionnaire, as opening's comparison takes them (two queries)."""
    codes = {code for code, _name in current_fields()}
    per_check: dict[tuple[int, int, bool], list[Decimal]] = defaultdict(list)
    for office_id, year, named, code, mean in (
        Answer.objects.filter(
            self_check__office_id__in=office_ids,
            self_check__status=CheckStatus.SUBMITTED,
            rating__isnull=False,
        )
        .order_by()
        .values_list(
            "self_check__office_id",
            "self_check__year",
            "self_check__named",
            "indicator__field__code",
        )
        .annotate(mean=Avg("rating"))
    ):
        if code in codes and mean is not None:
            per_check[(office_id, year, named)].append(score(mean))  # type: ignore[arg-type]
    return {
        (office_id, year): (score(sum(means) / len(means)) if means else None, named)
        for (office_id, year, named), means in per_check.items()
    }


# --------------------------------------------------------------------------- the unit page


@dataclass(frozen=True)
class Recipient:
    name: str
    kind: str
    lines: tuple[str, ...]
    years: tuple[int, ...]


def recipients(office_id: int) -> list[Recipient]:
    """The Träger of the unit's funded grants (legal persons only, via FUNDED): one query."""
    found: dict[int, dict] = {}
    for organisation_id, name, kind, line, year_amounts in (
        funded_decisions()
        .filter(application__organisation__office_id=office_id)
        .order_by()
        .values_list(
            "application__organisation_id",
            "application__organisation__name",
            "application__organisation__kind",
            "application__line__name",
            "year_amounts",
        )
    ):
        entry = found.setdefault(
            organisation_id, {"name": name, "kind": kind, "lines": set(), "years": set()}
        )
        entry["lines"].add(line)
        entry["years"] |= {int(y) for y, a in (year_amounts or {}).items() if a and Decimal(str(a))}
    labels = dict(OrganisationKind.choices)
    return sorted(
        (
            Recipient(
                e["name"],
                str(labels.get(e["kind"], e["kind"])),
                tuple(sorted(e["lines"])),
                tuple(sorted(e["years"])),
            )
            for e in found.values()
        ),
        key=lambda r: r.name.casefold(),
    )


def actors_of(office_id: int, *, public: bool) -> list[RegionalActor]:
    rows = RegionalActor.objects.filter(offices=office_id)
    if public:
        rows = rows.filter(is_public=True)
    return list(rows.order_by("name"))


@dataclass(frozen=True)
class EventItem:
    event: Event
    hosted: bool


def events_of(office_id: int, *, public: bool, limit: int = 100) -> list[EventItem]:
    """Events the unit hosted or attended (participants published), newest first: one query."""
    through = Event.participating_offices.through
    takes_part = Q(
        participants_published=True,
        pk__in=through.objects.filter(office_id=office_id).values("event_id"),
    )
    rows = Event.objects.filter(
        Q(host_office_id=office_id) | takes_part, status=EventStatus.PUBLISHED
    )
    if public:
        rows = rows.filter(audience=Audience.PUBLIC)
    return [
        EventItem(event, event.host_office_id == office_id)
        for event in rows.order_by("-starts_at", "pk")[:limit]
    ]


def indicators_of(office_id: int, lines: dict[int, FundingLine]) -> list[reports.IndicatorRow]:
    """The Sachbericht indicators of the unit's grants as the dashboards sum them (one query)."""
    opts = reports.Options(years=[], lines=lines, districts={}, offices={})
    return reports.indicators(reports.Filters(office_id=office_id), opts)


def ikoe_progress(office: Office, *, all_years: bool) -> Progress | None:
    """opening's progress of the unit; the public sees only the years the unit chose to be named."""
    found = progress(office)
    if all_years:
        return found if found.years else None
    shown = [
        i for i, year in enumerate(found.years) if year in found.checks and found.checks[year].named
    ]
    if not shown:
        return None
    return replace(
        found,
        years=[found.years[i] for i in shown],
        rows=[(name, [values[i] for i in shown]) for name, values in found.rows],
        checks={year: check for year, check in found.checks.items() if check.named},
        measures={},
    )


@dataclass
class StaffRow:
    year: int
    line: str
    committed: Decimal
    paid: Decimal
    receivable: Decimal

    @property
    def open_commitment(self) -> Decimal:
        return max(self.committed - self.paid, ZERO)


@dataclass
class InProgressRow:
    line: str
    count: int
    requested: Decimal


@dataclass
class StaffFigures:
    budget: list[StaffRow]
    in_progress: list[InProgressRow]
    unpublished_grants: int  # funded grants to Träger of kind "Sonstige": counted, never named


def staff_figures(office_id: int, lines: dict[int, FundingLine]) -> StaffFigures:
    """The ledger's committed, paid and open receivables per year and line (reports), the
    applications on their way per line, and the grants left out of the public figures: three
    queries."""
    opts = reports.Options(years=[], lines=lines, districts={}, offices={})
    office = Office.objects.select_related("district").get(pk=office_id)
    opts.offices[office_id] = office
    budget = [
        StaffRow(row.year, row.line, row.committed, row.paid, row.receivable)
        for row in reports.budget_by_unit(reports.Filters(office_id=office_id), opts)
        if row.committed or row.paid or row.receivable
    ]
    in_progress = [
        InProgressRow(
            lines[row["line"]].name if row["line"] in lines else "",
            row["n"],
            row["requested"] or ZERO,
        )
        for row in Application.objects.filter(
            organisation__office_id=office_id, status__in=IN_PROGRESS
        )
        .order_by()
        .values("line")
        .annotate(n=Count("pk"), requested=Sum("requested_amount"))
    ]
    in_progress.sort(key=lambda r: r.line)
    unpublished = GrantDecision.objects.filter(
        status__in=FUNDED_STATUSES,
        outcome__in=FUNDED_OUTCOMES,
        application__organisation__office_id=office_id,
        application__organisation__kind__in=UNPUBLISHED_KINDS,
    ).count()
    return StaffFigures(budget=budget, in_progress=in_progress, unpublished_grants=unpublished)
