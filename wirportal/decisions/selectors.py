"""Reads for decisions: scoped lists, the decision page and the summary for the person who decides."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from django.db.models import Q, QuerySet

from wirportal.accounts.roles import Role
from wirportal.applications.models import Application, CostItem, FundingSource
from wirportal.applications.selectors import (
    application_detail,
    cost_plan_rows,
    financing_totals,
    grant_for,
)
from wirportal.audit.models import AuditEntry
from wirportal.audit.selectors import audit_entries_for
from wirportal.core.dates import portal_offer_ends
from wirportal.core.money import format_eur, to_money
from wirportal.core.prepared import PreparedQuery
from wirportal.programmes.grants import GrantComputation, UnitLine, compute_grant
from wirportal.programmes.models import CapLevel
from wirportal.programmes.selectors import line_free
from wirportal.reviews import selectors as review_selectors

from .models import ACTIVE, DeadlineChange, DecisionStatus, Delivery, GrantDecision, Outcome
from .rules import VISIBLE_TO_RECIPIENT

AUTHORITY_ROLES = {Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}


def decisions_visible_to(user) -> QuerySet[GrantDecision]:
    decisions = GrantDecision.objects.all()
    if not user.is_authenticated:
        return decisions.none()
    if user.is_superuser or user.role in AUTHORITY_ROLES:
        return decisions
    if user.role == Role.APPLICANT:
        return _released_to_member(decisions, user)
    return decisions.none()


def _released_to_member(decisions: QuerySet[GrantDecision], user) -> QuerySet[GrantDecision]:
    """The decisions an applicant sees: their organisations', once released (user or user id)."""
    return decisions.filter(application__organisation__memberships__user=user).filter(
        Q(status__in=list(VISIBLE_TO_RECIPIENT))
        | Q(status=DecisionStatus.APPROVED, outcome=Outcome.REJECT)
    )


# The application page's links (decisions.links) ask on every request: prepared (core.prepared),
# with the fields a link shows.
_LINK_FIELDS = ("id", "status", "outcome")
_OF_APPLICATION = PreparedQuery(
    lambda application: (
        GrantDecision.objects.only(*_LINK_FIELDS)
        .filter(application=application)
        .order_by("proposed_at")
    ),
    application=int,
)
_OF_APPLICATION_RELEASED = PreparedQuery(
    lambda application, user: (
        _released_to_member(GrantDecision.objects.only(*_LINK_FIELDS), user)
        .filter(application=application)
        .order_by("proposed_at")
    ),
    application=int,
    user=int,
)


def decision_links_of_application(*, application: Application, user) -> list[GrantDecision]:
    """`decisions_visible_to(user)` of one application in the order proposed, for links: id,
    status and outcome loaded (other fields on access). One prepared query."""
    if not user.is_authenticated:
        return []
    if user.is_superuser or user.role in AUTHORITY_ROLES:
        return _OF_APPLICATION.fetch(application=application.pk)
    if user.role == Role.APPLICANT:
        return _OF_APPLICATION_RELEASED.fetch(application=application.pk, user=user.pk)
    return []


def decision_list(*, user, status: str = "") -> QuerySet[GrantDecision]:
    decisions = decisions_visible_to(user).select_related(
        "application__organisation", "application__line", "proposed_by", "approved_by"
    )
    if status:
        decisions = decisions.filter(status=status)
    return decisions.order_by("-proposed_at", "-pk")


def decision_detail(*, pk: int) -> GrantDecision:
    return (
        GrantDecision.objects.select_related(
            "application__organisation__office",
            "application__line__programme",
            "application__call",
            "proposed_by",
            "approved_by",
            "accepted_by",
            "first_downloaded_by",
            "letter",
        )
        .prefetch_related("cost_lines")
        .get(pk=pk)
    )


def portal_offer(decision: GrantDecision, *, today: date) -> dict:
    """For a letter offered for download and not yet bekanntgegeben: the last day a download
    still counts, and whether it has passed (§ 41 Abs. 2a Satz 4 HVwVfG: then no Bekanntgabe)."""
    if (
        decision.delivery != Delivery.PORTAL
        or decision.bekanntgabe_on is not None
        or decision.dispatched_on is None
    ):
        return {"offer_ends": None, "offer_expired": False}
    ends = portal_offer_ends(decision.dispatched_on)
    return {"offer_ends": ends, "offer_expired": today > ends}


def active_decision(application: Application) -> GrantDecision | None:
    return (
        GrantDecision.objects.filter(application=application, status__in=ACTIVE)
        .select_related("proposed_by", "approved_by")
        .first()
    )


def decisions_of(application: Application) -> list[GrantDecision]:
    return list(
        GrantDecision.objects.filter(application=application)
        .select_related("proposed_by", "approved_by")
        .order_by("proposed_at", "pk")
    )


def bound_by_year(decision: GrantDecision) -> dict[int, Decimal]:
    """Money still bound in the budget for this decision, per year it falls due: against the
    year's Ansatz or the Verpflichtungsermächtigung (§ 38 LHO); what a Widerruf releases."""
    from wirportal.programmes.models import LedgerEntry, LedgerKind

    signs = {
        str(LedgerKind.COMMITMENT): 1,
        str(LedgerKind.RELEASE): -1,
        str(LedgerKind.VE_COMMITMENT): 1,
        str(LedgerKind.VE_RELEASE): -1,
    }
    per_year: dict[int, Decimal] = {}
    entries = LedgerEntry.objects.filter(
        line_budget__line_id=decision.application.line_id, source_key=decision.source_key
    ).select_related("line_budget")
    for entry in entries:
        sign = signs.get(str(entry.kind), 0)
        year = entry.burden_year or entry.line_budget.year
        per_year[year] = per_year.get(year, Decimal(0)) + sign * entry.amount
    return {year: amount for year, amount in sorted(per_year.items()) if amount > 0}


def revocation_preview(decision: GrantDecision) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """What a full Widerruf books, per year (brief D5; `programmes.services.budget_revoke`):
    the money bound and not paid is released, the money paid and not yet claimed becomes a
    receivable (§ 49a Abs. 1 HVwVfG). One query."""
    from wirportal.programmes.selectors import source_position

    position = source_position(line=decision.application.line, source_key=decision.source_key)
    released = {row.year: row.unpaid_bound for row in position.years if row.unpaid_bound > 0}
    claimed = {
        row.year: row.payments - row.receivables
        for row in position.years
        if row.payments > row.receivables
    }
    return released, claimed


# --- what the decision form works with ------------------------------------------------------


def plan_of(application: Application) -> tuple[list[CostItem], list[FundingSource]]:
    """The cost items and funding sources of the plan (prefetched ones if the page has them)."""
    cache = getattr(application, "_prefetched_objects_cache", {})
    if "cost_items" in cache and "funding_sources" in cache:
        return list(cache["cost_items"]), list(cache["funding_sources"])
    return cost_plan_rows(application)


def cost_item_label(item: CostItem) -> str:
    label = str(item.get_category_display())
    if item.unit_rate_id is not None and item.unit_rate is not None:
        label = str(item.unit_rate.label)
    return f"{label}: {item.description}" if item.description else label


def years_of(start: date, end: date) -> int:
    """Project years for a cap "je Antrag und Jahr" (brief A9, A10): months rounded up to twelve."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return max(1, -(-months // 12))


def grant_for_eligible(
    application: Application,
    eligible: dict[int, Decimal],
    *,
    period_start: date | None = None,
    period_end: date | None = None,
) -> GrantComputation:
    """The grant the line pays for the costs the decision recognises as eligible (`eligible`:
    cost item id -> eligible amount; items not named count as applied for), with the own and
    third-party funds of the plan, the caps at their level over the decision's period and the
    line's rounding: the most the decision may grant (no over-financing, § 23 LHO, ANBest-P
    Nr. 1.2; `programmes.grants.compute_grant`)."""
    items, sources = plan_of(application)
    line = application.line
    costs = sum((eligible.get(item.pk, item.real_costs) for item in items), Decimal(0))
    own = sum((source.amount or Decimal(0) for source in sources), Decimal(0))
    start = period_start or application.period_start
    end = period_end or application.period_end
    cap_years = years_of(start, end) if line.cap_level == CapLevel.YEAR and start and end else 1
    return compute_grant(
        financing_type=line.financing_type,
        eligible_costs=costs,
        own_funds=own,
        rate=line.rate,
        cap=line.cap,
        cap_years=cap_years,
        unit_lines=[
            UnitLine(
                label=item.unit_rate.label,
                units=item.units or Decimal(0),
                amount=item.unit_rate.amount,
                max_units=item.unit_rate.max_units,
                max_amount=item.unit_rate.max_amount,
                count=item.count or 1,
            )
            for item in items
            if item.unit_rate is not None
        ],
        rounding=line.rounding,
    )


def even_split(amount: Decimal, years: list[int]) -> dict[int, Decimal]:
    """The default yearly amounts of a multi-year grant: the same whole-euro amount each year,
    the rest (euros and cents) on the last year - 600,000 over 2026–2030 is 120,000 a year
    (brief F1). The case worker decides the yearly amounts; this only prefills the form."""
    amount = to_money(amount)
    years = sorted(years)
    if not years:
        return {}
    share = (amount / len(years)).to_integral_value(rounding=ROUND_FLOOR)
    result = {year: to_money(share) for year in years[:-1]}
    result[years[-1]] = amount - sum(result.values(), Decimal(0))
    return result


def budget_years(start: date | None, end: date | None) -> list[int]:
    if start is None or end is None or end < start:
        return []
    return list(range(start.year, end.year + 1))


def application_with_plan(*, pk: int) -> Application:
    """The application with its line and plan (cost items with unit rates, funding sources)."""
    return application_detail(pk=pk)


def plain_money(value: Decimal) -> str:
    """An amount as a German input value, e.g. 120.000,00 (no currency sign)."""
    return format_eur(value).removesuffix(" €")


def propose_form_data(
    application: Application, *, eligible: dict[int, Decimal] | None = None
) -> dict:
    """What the proposal form needs: the cost lines of the plan (id, label, requested costs),
    the budget years of the application's period, the highest grant the eligible costs allow
    (`grant_for_eligible`, never above the request) and initial values (the application's
    period, that amount and its even split over the years)."""
    items, _sources = plan_of(application)
    lines = [(item.pk, cost_item_label(item), to_money(item.real_costs)) for item in items]
    requested = to_money(application.requested_amount or 0)
    max_grant = min(grant_for_eligible(application, eligible or {}).amount, requested)
    years = budget_years(application.period_start, application.period_end)

    plain = plain_money
    initial = {
        "period_start": application.period_start,
        "period_end": application.period_end,
        "amount": plain(max_grant),
        **{f"year_{y}": plain(v) for y, v in even_split(max_grant, years).items()},
    }
    return {"lines": lines, "years": years, "max_grant": max_grant, "initial": initial}


@dataclass
class BudgetRow:
    """One row of the decision summary's budget table: the Ansatz of a year, or the
    Verpflichtungsermächtigung (VE) of the decision year's budget for the later years."""

    year: int
    free_now: Decimal
    this_decision: Decimal
    committed: bool
    kind: str = "ansatz"
    burden_years: tuple[int, ...] = ()

    @property
    def is_ve(self) -> bool:
        return self.kind == "ve"

    @property
    def free_after(self) -> Decimal:
        return self.free_now if self.committed else self.free_now - self.this_decision


def decision_year(decision: GrantDecision | None, *, today: date) -> int:
    """The budget year a decision binds in: the year it was approved, else this year."""
    if decision is not None and decision.approved_at is not None:
        return decision.approved_at.year
    return today.year


def budget_after(
    application: Application, decision: GrantDecision | None, *, today: date | None = None
) -> list[BudgetRow]:
    """Free money of the line (and unit, where allocated) against which the decision binds, and
    what is left after it: the Ansatz of the decision year (and of any later year without VE)
    and the VE of the decision year's budget for the later years (§ 38 LHO)."""
    from django.utils import timezone

    from wirportal.core.exceptions import DomainError
    from wirportal.programmes.models import LineBudget
    from wirportal.programmes.selectors import ve_sums
    from wirportal.programmes.services import binding_targets

    start = (
        decision.period_start if decision and decision.period_start else application.period_start
    )
    end = decision.period_end if decision and decision.period_end else application.period_end
    if start is None or end is None:
        return []
    committed = decision is not None and decision.status in {
        DecisionStatus.APPROVED,
        DecisionStatus.ISSUED,
        DecisionStatus.ACCEPTED,
    }
    if decision is not None and decision.amount is not None:
        amounts = {int(y): Decimal(a) for y, a in decision.year_amounts.items()}
    elif decision is not None:  # rejection
        amounts = {}
    else:
        amounts = even_split(to_money(application.requested_amount or 0), budget_years(start, end))
    line = application.line
    on_year = decision_year(decision, today=today or timezone.localdate())
    years = budget_years(start, end)
    budgets = {b.year: b for b in LineBudget.objects.filter(line=line, year__in=[*years, on_year])}
    try:
        targets = binding_targets(line, years, on_year=on_year, budgets=budgets)
    except DomainError:
        targets = dict.fromkeys(years, "ansatz")
    office = application.organisation.office if line.allocated_per_office else None
    rows = [
        BudgetRow(
            year=year,
            free_now=line_free(line=line, year=year, office=office),
            this_decision=amounts.get(year, Decimal(0)),
            committed=committed,
        )
        for year in years
        if targets[year] == "ansatz"
    ]
    ve_years = tuple(year for year in years if targets[year] == "ve")
    if ve_years:
        current = budgets[on_year]
        rows.append(
            BudgetRow(
                year=on_year,
                free_now=current.ve_amount - ve_sums([current.pk])[current.pk],
                this_decision=sum((amounts.get(y, Decimal(0)) for y in ve_years), Decimal(0)),
                committed=committed,
                kind="ve",
                burden_years=ve_years,
            )
        )
    return rows


def history_of(application: Application, decisions: list[GrantDecision]) -> list[AuditEntry]:
    """Audit trail of the application and its decisions, newest first."""
    entries = list(audit_entries_for(application)[:200])
    for decision in decisions:
        entries.extend(audit_entries_for(decision)[:50])
    return sorted(entries, key=lambda e: (e.at, e.pk), reverse=True)


def summary(*, pk: int) -> dict:
    """Everything the person who decides needs on one screen."""
    application = application_detail(pk=pk)
    decisions = decisions_of(application)
    active = next((d for d in decisions if d.status in ACTIVE), None)
    steps = review_selectors.steps_of(application)
    criteria = review_selectors.criteria_of(application.line)
    return {
        "application": application,
        "totals": financing_totals(application),
        "grant": grant_for(application),
        "decision": active,
        "decisions": decisions,
        "budget": budget_after(application, active),
        "cost_lines": list(active.cost_lines.all()) if active is not None else [],
        "overview": review_selectors.step_overview(steps),
        "arithmetic": review_selectors.arithmetic_check(application),
        "sheet": review_selectors.score_sheet(application, criteria),
        "case": review_selectors.review_case_of(application),
        "history": history_of(application, decisions),
        "record_history": list(application.history.select_related("history_user")[:50]),
    }


def deadline_changes(decision: GrantDecision) -> list[DeadlineChange]:
    """Every extension and reinstatement of the acceptance deadline, oldest first (one query)."""
    return list(
        DeadlineChange.objects.filter(decision=decision)
        .select_related("created_by")
        .order_by("created_at", "pk")
    )


def acceptance_of(decision: GrantDecision) -> GrantDecision:
    """The decision with what the acceptance panel shows: scan and who recorded it."""
    return GrantDecision.objects.select_related(
        "accepted_by", "acceptance_scan", "acceptance_recorded_by"
    ).get(pk=decision.pk)
