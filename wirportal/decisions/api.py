"""Grant decisions for the recipient's members and the granting authority (read-only, session)."""

from datetime import date, datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_caching import api_cached
from wirportal.core.api_schemas import ErrorOut, ValidationErrorOut
from wirportal.core.permissions import check_perm_api
from wirportal.offices.models import membership_version

from . import selectors
from .models import DecisionStatus, GrantDecision

router = Router(tags=["Entscheidungen"], auth=API_AUTH)
PREFIX = "/entscheidungen/"
PAGE_SIZE = 50
MAX_ID = 2**63 - 1  # bigint: larger ids cannot exist and must not reach the database


class DecisionOut(Schema):
    id: int
    reference: str | None
    title: str
    organisation: str
    line: str
    outcome: str
    status: str
    amount: str | None = Field(
        description="Bewilligter Betrag in Euro als Dezimalzahl, z. B. 1200.00"
    )
    requested_amount: str = Field(description="Beantragter Betrag in Euro als Dezimalzahl")
    approved_at: datetime | None
    issued_at: datetime | None
    acceptance_deadline: date | None
    accepted_at: datetime | None
    ended_at: datetime | None


class DecisionPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[DecisionOut]


class DecisionFilters(Schema):
    status: DecisionStatus | None = None
    page: int = Field(1, ge=1, le=MAX_ID)


def _out(decision: GrantDecision) -> DecisionOut:
    application = decision.application
    return DecisionOut(
        id=decision.pk,
        reference=application.reference,
        title=application.title,
        organisation=application.organisation.name,
        line=application.line.name,
        outcome=decision.outcome,
        status=decision.status,
        amount=str(decision.amount) if decision.amount is not None else None,
        requested_amount=str(decision.requested_amount),
        approved_at=decision.approved_at,
        issued_at=decision.issued_at,
        acceptance_deadline=decision.acceptance_deadline,
        accepted_at=decision.accepted_at,
        ended_at=decision.ended_at,
    )


def _decisions_show(request) -> tuple[str, ...]:
    """core.caching names the list shows: the decisions, their application's reference and title,
    the organisation, the line, and the person's memberships (an applicant's scope)."""
    return (
        "decisions",
        "applications",
        "organisations",
        "programmes",
        membership_version(request.user.pk),
    )


@router.get(
    "",
    response={200: DecisionPageOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    summary="Entscheidungen, die ich sehen darf, seitenweise",
)
@api_cached(_decisions_show)
def list_decisions(request, filters: Query[DecisionFilters]):
    check_perm_api(request.user, "decisions.list_decisions")
    decisions = selectors.decision_list(user=request.user, status=filters.status or "")
    page = Paginator(decisions, PAGE_SIZE).get_page(filters.page)
    return DecisionPageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        items=[_out(decision) for decision in page.object_list],
    )


@router.get(
    "{decision_id}",
    response={
        200: DecisionOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    summary="Eine Entscheidung",
)
def decision_detail(request, decision_id: int = Path(..., ge=1, le=MAX_ID)):
    decision = get_object_or_404(GrantDecision, pk=decision_id)
    check_perm_api(request.user, "decisions.view_grantdecision", decision)
    return _out(selectors.decision_detail(pk=decision.pk))
