"""Reads for the start page of each role: "what do I have to do now?".

Every function reads a fixed number of queries, whatever the number of rows (asserted per role in
`tests/test_start_page.py`). The lists are short (`LIMIT`): the start page leads to the full list
pages of the apps, it does not replace them.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from wirportal.accounts.roles import LAND_ROLES, Role
from wirportal.applications.models import (
    Application,
    ApplicationStatus,
    CostItem,
    EarlyStartRequest,
    EarlyStartStatus,
    FundingSource,
)
from wirportal.applications.selectors import applications_visible_to
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.decisions.selectors import decisions_visible_to
from wirportal.events.models import Event
from wirportal.events.selectors import events_organised_by, upcoming_public_events
from wirportal.offices.models import Office, OrganisationMembership, RegionalActor, StaffEntry
from wirportal.offices.selectors import office_of
from wirportal.opening.models import Measure
from wirportal.opening.selectors import overdue_measures
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.payments.selectors import decisions_to_call
from wirportal.programmes.deadlines import proof_of_use_due
from wirportal.programmes.models import Call, Programme
from wirportal.programmes.selectors import budget_overview, budget_totals, call_list
from wirportal.reviews.models import ReviewStep, StepKind, StepResult
from wirportal.reviews.selectors import inbox_visible_to
from wirportal.settlement.deadlines import interim_proof_due
from wirportal.settlement.models import LineSettlementRules, ProofOfUse, ProofStatus
from wirportal.settlement.policy import DEFAULT_POLICY
from wirportal.settlement.selectors import interim_years

LIMIT = 10


# --- applicant --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftProgress:
    """How far a draft is: the parts of the form that hold something, of all parts."""

    application: Application
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class DocumentRequest:
    """A request for documents (Nachforderung, reviews.services.documents_request): what is
    missing, the case worker's note and the deadline, read from the latest completeness step."""

    application: Application
    missing: list[str]
    note: str
    deadline: date | None


def draft_parts(application: Application) -> list[bool]:
    """The parts of the application form an applicant fills in, each done or not; the cost and
    financing plan count when they have a row (annotated as `has_costs`/`has_funding`)."""
    return [
        bool(application.title and application.summary),
        bool(application.goals),
        bool(application.target_groups),
        application.period_start is not None and application.period_end is not None,
        bool(getattr(application, "has_costs", False)),
        bool(getattr(application, "has_funding", False)),
        bool(application.not_started_declared and application.other_funding_declaration),
    ]


def _latest_request() -> Prefetch:
    return Prefetch(
        "review_steps",
        queryset=ReviewStep.objects.filter(
            kind=StepKind.COMPLETENESS, result=StepResult.MISSING
        ).order_by("-at", "-pk"),
        to_attr="document_requests",
    )


def document_requests_of(applications: QuerySet[Application]) -> list[DocumentRequest]:
    """The open requests for documents of these applications (status "Nachbesserung
    angefordert"), nearest deadline first."""
    rows = (
        applications.filter(status=ApplicationStatus.CHANGES_REQUESTED)
        .select_related("line")
        .prefetch_related(_latest_request())
    )
    result = []
    for application in rows:
        steps = application.document_requests  # type: ignore[attr-defined]
        step = steps[0] if steps else None
        result.append(
            DocumentRequest(
                application=application,
                missing=list((step.data or {}).get("missing", [])) if step else [],
                note=step.note if step else "",
                deadline=step.deadline if step else None,
            )
        )
    return sorted(result, key=lambda r: (r.deadline or date.max, r.application.pk))


def document_request_of(application: Application) -> DocumentRequest | None:
    """The open request for documents of one application (for its page), or None."""
    if application.status != ApplicationStatus.CHANGES_REQUESTED:
        return None
    step = (
        ReviewStep.objects.filter(
            application=application, kind=StepKind.COMPLETENESS, result=StepResult.MISSING
        )
        .order_by("-at", "-pk")
        .first()
    )
    if step is None:
        return None
    return DocumentRequest(
        application=application,
        missing=list((step.data or {}).get("missing", [])),
        note=step.note,
        deadline=step.deadline,
    )


@dataclass(frozen=True)
class ProofDue:
    """A proof of use the recipient still owes: the final one (`year` None) or the interim proof
    of a year of a multi-year grant (brief F2), with its due date and the draft if one is
    started (then the link edits it; otherwise a button starts it)."""

    decision: GrantDecision
    year: int | None
    due: date | None
    draft: ProofOfUse | None


def _final_proof_due(decision: GrantDecision) -> date | None:
    """`settlement.selectors.due_date_for` without its queries (line loaded with the decision)."""
    if decision.proof_of_use_due is not None:
        return decision.proof_of_use_due
    application = decision.application
    period_end = decision.period_end or application.period_end
    if period_end is None:
        return None
    return proof_of_use_due(
        decision.proof_of_use_rule or application.line.proof_of_use_rule, period_end
    )


def proofs_due_for(user) -> list[ProofDue]:
    """The final and interim proofs of use the user's organisations still owe on their accepted
    grants, nearest due date first (at most LIMIT). A submitted proof is no longer due; a draft is
    (it links to its editor). Three queries: the decisions with their proofs, the lines' rules."""
    decisions = list(
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED, application__organisation__memberships__user=user
        )
        .select_related("application__line")
        .prefetch_related("proofs_of_use")
        .distinct()
        .order_by("pk")
    )
    line_ids = {decision.application.line_id for decision in decisions}
    policies = (
        {
            rules.line_id: rules.as_policy()
            for rules in LineSettlementRules.objects.filter(line_id__in=line_ids)
        }
        if line_ids
        else {}
    )
    result: list[ProofDue] = []
    for decision in decisions:
        proofs = {proof.year: proof for proof in decision.proofs_of_use.all()}
        policy = policies.get(decision.application.line_id, DEFAULT_POLICY)
        owed: list[tuple[int | None, date | None]] = [
            (year, interim_proof_due(year, policy)) for year in interim_years(decision)
        ]
        owed.append((None, _final_proof_due(decision)))
        for year, due in owed:
            proof = proofs.get(year)
            if proof is not None and proof.status != ProofStatus.DRAFT:
                continue
            result.append(ProofDue(decision, year, due, proof))
    result.sort(key=lambda row: (row.due or date.max, row.decision.pk, row.year or 0))
    return result[:LIMIT]


OPEN_PAYMENT_STATUSES = (
    RequestStatus.REQUESTED,
    RequestStatus.CHECKED,
    RequestStatus.ORDERED,
    RequestStatus.IN_RUN,
)


def open_payment_requests_of(user) -> list[PaymentRequest]:
    """The call-downs of the user's organisations on their way (not yet paid or refused)."""
    return list(
        PaymentRequest.objects.filter(
            decision__application__organisation__memberships__user=user,
            status__in=OPEN_PAYMENT_STATUSES,
        )
        .select_related("decision__application")
        .distinct()
        .order_by("created_at", "pk")[:LIMIT]
    )


@dataclass
class ApplicantStart:
    drafts: list[DraftProgress]
    document_requests: list[DocumentRequest]
    awaiting_acceptance: list[GrantDecision]
    to_call_down: list[GrantDecision]
    payments_on_their_way: list[PaymentRequest]
    proofs_due: list[ProofDue]
    calls: list[Call]
    has_organisation: bool


def applicant_start(user, *, today: date) -> ApplicantStart:
    mine = applications_visible_to(user)
    drafts = (
        mine.filter(status=ApplicationStatus.DRAFT)
        .select_related("call", "organisation")
        .annotate(
            has_costs=Exists(CostItem.objects.filter(application=OuterRef("pk"))),
            has_funding=Exists(FundingSource.objects.filter(application=OuterRef("pk"))),
        )
        .order_by("-updated_at", "-pk")[:LIMIT]
    )
    progress = []
    for application in drafts:
        parts = draft_parts(application)
        progress.append(DraftProgress(application, sum(parts), len(parts)))
    awaiting = list(
        decisions_visible_to(user)
        .filter(status=DecisionStatus.ISSUED)
        .select_related("application")
        .order_by(F("acceptance_deadline").asc(nulls_last=True), "pk")[:LIMIT]
    )
    kinds = set(
        OrganisationMembership.objects.filter(user=user).values_list(
            "organisation__kind", flat=True
        )
    )
    calls = [
        call
        for call in call_list(only_open_on=today)
        if call.is_open(today) and kinds & set(call.line.eligible_kinds or [])
    ]
    return ApplicantStart(
        drafts=progress,
        document_requests=document_requests_of(mine),
        awaiting_acceptance=awaiting,
        to_call_down=list(decisions_to_call(user=user)[:LIMIT]),
        payments_on_their_way=open_payment_requests_of(user),
        proofs_due=proofs_due_for(user),
        calls=calls[:LIMIT],
        has_organisation=bool(kinds),
    )


# --- case worker ------------------------------------------------------------------------------


@dataclass
class CaseWorkerStart:
    inbox: list[Application]
    inbox_count: int
    proposals: list[GrantDecision]
    payment_requests: list[PaymentRequest]


def case_worker_start(user, *, today: date) -> CaseWorkerStart:
    """The inbox with what is due first: an application waiting for documents by its deadline,
    then the others by submission; a resubmission (more than one submission snapshot) is marked
    (`resubmitted`). Proposals waiting for a second person other than `user` (four eyes)."""
    deadline = (
        ReviewStep.objects.filter(
            application=OuterRef("pk"), kind=StepKind.COMPLETENESS, result=StepResult.MISSING
        )
        .order_by("-at", "-pk")
        .values("deadline")[:1]
    )
    visible = inbox_visible_to(user)
    inbox: list[Application] = list(
        visible.select_related("organisation", "line", "review_case__assignee")
        .annotate(
            documents_due=Subquery(deadline),
            submissions=Count("snapshots", distinct=True),
        )
        .order_by(
            F("documents_due").asc(nulls_last=True), F("submitted_at").asc(nulls_last=True), "pk"
        )[:LIMIT]
    )
    for application in inbox:
        application.resubmitted = application.submissions > 1  # type: ignore[attr-defined]
        case = application._state.fields_cache.get("review_case")
        application.inbox_assignee = case.assignee if case is not None else None  # type: ignore[attr-defined]
    if not (user.is_superuser or user.role == Role.CASE_WORKER):
        return CaseWorkerStart(
            inbox=inbox, inbox_count=visible.count(), proposals=[], payment_requests=[]
        )
    proposals = list(
        GrantDecision.objects.filter(status=DecisionStatus.PROPOSED)
        .exclude(proposed_by=user)
        .select_related("application__organisation", "proposed_by")
        .order_by("proposed_at", "pk")[:LIMIT]
    )
    payments = list(
        PaymentRequest.objects.filter(
            Q(status=RequestStatus.REQUESTED) | Q(status=RequestStatus.CHECKED)
        )
        .select_related("decision__application__organisation")
        .order_by("pk")[:LIMIT]
    )
    return CaseWorkerStart(
        inbox=inbox, inbox_count=visible.count(), proposals=proposals, payment_requests=payments
    )


# --- coordinator ------------------------------------------------------------------------------


@dataclass
class CoordinatorStart:
    office: Office | None
    team: list[StaffEntry] = field(default_factory=list)
    actors: list[RegionalActor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    overdue_measures: list[Measure] = field(default_factory=list)


def coordinator_start(user, *, today: date) -> CoordinatorStart:
    """'My unit' first: its team, its regional actors, the events it hosts (upcoming first) and
    the submitted applications of its organisations."""
    office = office_of(user)
    if office is None:
        return CoordinatorStart(office=None)
    team = list(
        StaffEntry.objects.filter(office=office)
        .select_related("user")
        .order_by("sort_order", "name")
    )
    actors = list(office.actors.order_by("name")[:LIMIT])
    events = list(
        events_organised_by(user)
        .filter(ends_at__date__gte=today)
        .select_related("host_office")
        .order_by("starts_at")[:LIMIT]
    )
    applications = list(
        applications_visible_to(user)
        .select_related("organisation", "line")
        .order_by(F("submitted_at").desc(nulls_last=True), "-pk")[:LIMIT]
    )
    return CoordinatorStart(
        office=office,
        team=team,
        actors=actors,
        events=events,
        applications=applications,
        # the IKÖ action plan's open measures past their deadline (issue #15)
        overdue_measures=overdue_measures(office.pk, today=today, limit=LIMIT),
    )


# --- programme staff --------------------------------------------------------------------------


@dataclass
class ProgrammeStart:
    year: int
    totals: object
    early_starts: list[EarlyStartRequest]
    proposals: list[GrantDecision]
    calls: list[Call]


def programme_start(user, *, today: date) -> ProgrammeStart:
    """The budget of the current year at a glance (planned, committed, paid, free) and what waits:
    requests for an early start, proposals waiting for approval, the open calls."""
    rows = budget_overview(year=today.year)
    early = list(
        EarlyStartRequest.objects.filter(status=EarlyStartStatus.SENT)
        .select_related("organisation")
        .order_by("sent_at", "pk")[:LIMIT]
    )
    proposals = list(
        GrantDecision.objects.filter(status=DecisionStatus.PROPOSED)
        .select_related("application__organisation")
        .order_by("proposed_at", "pk")[:LIMIT]
    )
    calls = [call for call in call_list(only_open_on=today) if call.is_open(today)]
    return ProgrammeStart(
        year=today.year,
        totals=budget_totals(rows) if rows else None,
        early_starts=early,
        proposals=proposals,
        calls=calls[:LIMIT],
    )


# --- visitor ----------------------------------------------------------------------------------


@dataclass
class VisitorStart:
    programme: Programme | None
    events: list[Event]
    office_count: int


def visitor_start(*, today: date) -> VisitorStart:
    """What the programme is, the next public events, the units and whom to contact."""
    return VisitorStart(
        programme=Programme.objects.order_by("pk").first(),
        events=list(upcoming_public_events().select_related("host_office")[:5]),
        office_count=Office.objects.count(),
    )


def start_for(user, *, today: date) -> tuple[str, object]:
    """Which start page `user` gets, and its data."""
    if not user.is_authenticated:
        return "visitor", visitor_start(today=today)
    if user.role == Role.APPLICANT:
        return "applicant", applicant_start(user, today=today)
    if user.role == Role.COORDINATOR:
        return "coordinator", coordinator_start(user, today=today)
    if user.role == Role.PROGRAMME_STAFF:
        return "programme", programme_start(user, today=today)
    if user.role in LAND_ROLES or user.role == Role.REVIEWER:
        return "case_worker", case_worker_start(user, today=today)
    return "visitor", visitor_start(today=today)
