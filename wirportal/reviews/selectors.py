"""Reads for the review: the inbox (constant queries), check results, the arithmetic, scores."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from wirportal.accounts.models import User
from wirportal.accounts.roles import Role
from wirportal.applications.models import Application, ApplicationStatus
from wirportal.applications.selectors import (
    OtherFundingCheck,
    documents_of_application,
    financing_totals,
    grant_for,
    other_funding_check,
)
from wirportal.core.money import to_money

from .models import ReviewCase, ReviewCriterion, ReviewStep, Score, StepKind

INBOX_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.CHANGES_REQUESTED,
)


def inbox_visible_to(user) -> QuerySet[Application]:
    """Case workers and Land staff see every application in review; reviewers their assigned."""
    applications = Application.objects.filter(status__in=INBOX_STATUSES)
    if not user.is_authenticated:
        return applications.none()
    if user.is_superuser or user.role in {Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}:
        return applications
    if user.role == Role.REVIEWER:
        return applications.filter(review_case__reviewers=user)
    return applications.none()


def inbox_scope(user, *, assignee: str = "") -> str:
    """Which part of the inbox `user` sees, for cache keys: everything, or their own part."""
    if assignee == "me" or not (
        user.is_superuser or user.role in {Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}
    ):
        return f"user:{user.pk}"
    return "all"


def inbox(
    *,
    user,
    call=None,
    line=None,
    office=None,
    status: str = "",
    assignee: str = "",
    query: str = "",
) -> QuerySet[Application]:
    """The inbox, oldest submission first; `assignee` is 'me', 'none' or a user id.

    Without joins: paginate this (sorting thousands of joined rows is what makes a list slow),
    then load the rows of one page with `inbox_rows`.
    """
    applications = inbox_visible_to(user)
    if call is not None:
        applications = applications.filter(call=call)
    if line is not None:
        applications = applications.filter(line=line)
    if office is not None:
        applications = applications.filter(organisation__office=office)
    if status:
        applications = applications.filter(status=status)
    if assignee == "me":
        applications = applications.filter(review_case__assignee=user)
    elif assignee == "none":
        applications = applications.filter(
            Q(review_case__isnull=True) | Q(review_case__assignee__isnull=True)
        )
    elif assignee.isascii() and assignee.isdigit():
        applications = applications.filter(review_case__assignee_id=int(assignee))
    if query:
        applications = applications.filter(
            Q(reference__icontains=query)
            | Q(title__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return applications.order_by("submitted_at", "pk")


def inbox_rows(pks: list[int]) -> list[Application]:
    """The applications of one inbox page, in the given order, with everything a row shows."""
    rows = Application.objects.select_related(
        "organisation__office", "line", "call", "review_case__assignee"
    ).in_bulk(pks)
    page = [rows[pk] for pk in pks if pk in rows]
    for application in page:
        # plain attribute for the template (a missing review case would raise per row)
        case = application._state.fields_cache.get("review_case")
        application.inbox_assignee = case.assignee if case is not None else None  # type: ignore[attr-defined]
    return page


def case_workers() -> QuerySet[User]:
    return User.objects.filter(role=Role.CASE_WORKER, is_active=True).order_by(
        "last_name", "first_name", "email"
    )


def reviewers() -> QuerySet[User]:
    return User.objects.filter(role=Role.REVIEWER, is_active=True).order_by(
        "last_name", "first_name", "email"
    )


def review_case_of(application: Application) -> ReviewCase | None:
    return (
        ReviewCase.objects.select_related("assignee")
        .prefetch_related("reviewers")
        .filter(application=application)
        .first()
    )


def steps_of(application: Application) -> list[ReviewStep]:
    return list(
        ReviewStep.objects.filter(application=application).select_related("by").order_by("at", "pk")
    )


def latest_steps(steps: list[ReviewStep]) -> dict[str, ReviewStep]:
    """The current result of each check: the latest recorded entry of its kind."""
    latest: dict[str, ReviewStep] = {}
    for step in steps:
        latest[step.kind] = step
    return latest


def step_overview(steps: list[ReviewStep]) -> list[tuple[str, str, ReviewStep | None]]:
    latest = latest_steps(steps)
    return [(kind, str(label), latest.get(kind)) for kind, label in StepKind.choices]


@dataclass
class ChecklistRow:
    label: str
    present: bool


def completeness_checklist(application: Application) -> list[ChecklistRow]:
    """The line's required attachments, each with whether the application carries it."""
    labels = {d.label for d in documents_of_application(application) if d.kind == "anlage"}
    return [
        ChecklistRow(label=label, present=label in labels)
        for label in application.line.required_attachments or []
    ]


@dataclass
class ArithmeticResult:
    """The cost plan recomputed; `differences` lists what does not add up (German)."""

    figures: dict[str, str]
    differences: list[str] = field(default_factory=list)
    # the declared other funding for the same project (Doppelförderung), compared with the plan
    other_funding: OtherFundingCheck | None = None


def _snapshot_totals(application: Application) -> tuple[Decimal | None, Decimal | None]:
    snapshot = application.snapshots.order_by("-number").first()
    if snapshot is None:
        return None, None
    costs = sum((Decimal(row["total"]) for row in snapshot.data.get("cost_items", [])), Decimal(0))
    requested = snapshot.data.get("fields", {}).get("requested_amount")
    return to_money(costs), to_money(Decimal(requested)) if requested not in (
        None,
        "None",
    ) else None


def arithmetic_check(application: Application) -> ArithmeticResult:
    """Rechnerische Prüfung: recompute the sums and the grant by the line's financing type."""
    from wirportal.core.money import format_eur

    totals = financing_totals(application)
    grant = grant_for(application)
    submitted_costs, submitted_requested = _snapshot_totals(application)
    requested = application.requested_amount
    differences: list[str] = []
    if submitted_costs is not None and to_money(totals["costs"]) != submitted_costs:
        differences.append(
            f"Die Summe des Kostenplans ({format_eur(totals['costs'])}) weicht von der "
            f"eingereichten Summe ({format_eur(submitted_costs)}) ab."
        )
    if requested is None or to_money(grant.amount) != to_money(requested):
        differences.append(
            f"Nach der Finanzierungsart ergibt sich eine Zuwendung von {format_eur(grant.amount)}; "
            f"beantragt sind {format_eur(requested) if requested is not None else '–'}."
        )
    if (
        submitted_requested is not None
        and requested is not None
        and (to_money(submitted_requested) != to_money(requested))
    ):
        differences.append(
            f"Der beantragte Betrag ({format_eur(requested)}) weicht von der Einreichung "
            f"({format_eur(submitted_requested)}) ab."
        )
    if totals["gap"] > 0:
        differences.append(
            f"Der Finanzierungsplan ist nicht ausgeglichen: es fehlen {format_eur(totals['gap'])}."
        )
    # Doppelförderung: other funding applied for or granted must be in the financing plan
    # (§ 23 LHO; ANBest-P Nr. 1.2 and 5.1)
    other = other_funding_check(application)
    differences += other.differences
    figures = {
        "costs": str(to_money(totals["costs"])),
        "own": str(to_money(totals["own"])),
        "third": str(to_money(totals["third"])),
        "grant": str(to_money(grant.amount)),
        "requested": str(requested) if requested is not None else "",
        "gap": str(to_money(totals["gap"])),
        "steps": "; ".join(grant.steps) if getattr(grant, "steps", None) else "",
    }
    figures["other_funding"] = str(to_money(other.open_amount))
    return ArithmeticResult(figures=figures, differences=differences, other_funding=other)


def criteria_of(line) -> list[ReviewCriterion]:
    return list(ReviewCriterion.objects.filter(line=line).order_by("position", "pk"))


@dataclass
class ScoreSheet:
    """Scores of one application: per reviewer the points per criterion and the weighted %."""

    criteria: list[ReviewCriterion]
    rows: list[dict]  # {"reviewer": User, "points": [int|None per criterion], "percent": Decimal}
    average_percent: Decimal | None


def score_sheet(application: Application, criteria: list[ReviewCriterion]) -> ScoreSheet:
    scores = list(
        Score.objects.filter(application=application).select_related("reviewer", "criterion")
    )
    by_reviewer: dict[int, dict] = {}
    for score in scores:
        row = by_reviewer.setdefault(score.reviewer_id, {"reviewer": score.reviewer, "map": {}})
        row["map"][score.criterion_id] = score
    rows = []
    full = sum((c.weight * c.max_points for c in criteria), 0)
    for row in by_reviewer.values():
        got = sum((row["map"][c.pk].points * c.weight for c in criteria if c.pk in row["map"]), 0)
        percent = (Decimal(got) * 100 / full).quantize(Decimal("0.1")) if full else None
        rows.append(
            {
                "reviewer": row["reviewer"],
                "points": [row["map"].get(c.pk) for c in criteria],
                "percent": percent,
                "complete": all(c.pk in row["map"] for c in criteria),
            }
        )
    percents = [r["percent"] for r in rows if r["percent"] is not None]
    average = (
        (sum(percents, Decimal(0)) / len(percents)).quantize(Decimal("0.1")) if percents else None
    )
    return ScoreSheet(criteria=criteria, rows=rows, average_percent=average)


def scores_of_reviewer(application: Application, reviewer) -> dict[int, Score]:
    return {
        s.criterion_id: s for s in Score.objects.filter(application=application, reviewer=reviewer)
    }


def review_detail(*, pk: int) -> Application:
    from wirportal.applications.selectors import application_detail

    return application_detail(pk=pk)
