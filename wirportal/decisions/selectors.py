"""Reads for decisions: scoped lists, the decision page and the summary for the person who decides."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from wirportal.accounts.roles import Role
from wirportal.applications.models import Application
from wirportal.applications.selectors import application_detail, financing_totals, grant_for
from wirportal.audit.models import AuditEntry
from wirportal.audit.selectors import audit_entries_for
from wirportal.core.dates import portal_offer_ends
from wirportal.core.money import to_money
from wirportal.core.prepared import PreparedQuery
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
    return GrantDecision.objects.select_related(
        "application__organisation__office",
        "application__line__programme",
        "application__call",
        "proposed_by",
        "approved_by",
        "accepted_by",
        "first_downloaded_by",
        "letter",
    ).get(pk=pk)


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
    """Money still bound in the budget for this decision, per year: what a Widerruf releases."""
    from wirportal.programmes.models import LedgerEntry, LedgerKind

    per_year: dict[int, Decimal] = {}
    entries = LedgerEntry.objects.filter(
        line_budget__line_id=decision.application.line_id, source_key=decision.source_key
    ).select_related("line_budget")
    for entry in entries:
        sign = {str(LedgerKind.COMMITMENT): 1, str(LedgerKind.RELEASE): -1}.get(str(entry.kind), 0)
        year = entry.line_budget.year
        per_year[year] = per_year.get(year, Decimal(0)) + sign * entry.amount
    return {year: amount for year, amount in sorted(per_year.items()) if amount > 0}


@dataclass
class BudgetRow:
    year: int
    free_now: Decimal
    this_decision: Decimal
    committed: bool

    @property
    def free_after(self) -> Decimal:
        return self.free_now if self.committed else self.free_now - self.this_decision


def budget_after(application: Application, decision: GrantDecision | None) -> list[BudgetRow]:
    """Free money per year of the line (and unit, where allocated) and what is left after this."""
    from .services import split_by_year

    if application.period_start is None or application.period_end is None:
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
        amounts = split_by_year(
            to_money(application.requested_amount or 0),
            application.period_start,
            application.period_end,
        )
    office = application.organisation.office if application.line.allocated_per_office else None
    years = range(application.period_start.year, application.period_end.year + 1)
    return [
        BudgetRow(
            year=year,
            free_now=line_free(line=application.line, year=year, office=office),
            this_decision=amounts.get(year, Decimal(0)),
            committed=committed,
        )
        for year in years
    ]


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
