"""The review inbox for the granting authority and assigned reviewers (read-only, session auth)."""

from datetime import datetime
from typing import Literal

from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_schemas import ErrorOut, ValidationErrorOut
from wirportal.core.permissions import check_perm_api

from . import selectors

router = Router(tags=["Prüfung"], auth=API_AUTH)
PREFIX = "/pruefung/"
PAGE_SIZE = 50
MAX_ID = 2**63 - 1  # bigint: larger ids cannot exist and must not reach the database


class InboxRowOut(Schema):
    id: int
    reference: str | None
    title: str
    organisation: str
    line: str
    status: str
    assignee: str | None
    submitted_at: datetime | None


class InboxPageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[InboxRowOut]


class InboxFilters(Schema):
    status: Literal["submitted", "in_review", "changes_requested"] | None = None
    line: int | None = Field(None, ge=1, le=MAX_ID, description="Kennung der Förderlinie")
    page: int = Field(1, ge=1, le=MAX_ID)


def _name(user) -> str | None:
    return (user.get_full_name() or user.email) if user is not None else None


@router.get(
    "",
    response={200: InboxPageOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    summary="Posteingang der Prüfung (eingereichte Anträge), seitenweise",
)
def inbox(request, filters: Query[InboxFilters]):
    check_perm_api(request.user, "reviews.view_inbox")
    applications = selectors.inbox(
        user=request.user, line=filters.line, status=filters.status or ""
    )
    page = Paginator(applications.values_list("pk", flat=True), PAGE_SIZE).get_page(filters.page)
    return InboxPageOut(
        count=page.paginator.count,
        page=page.number,
        pages=page.paginator.num_pages,
        items=[
            InboxRowOut(
                id=application.pk,
                reference=application.reference,
                title=application.title,
                organisation=application.organisation.name,
                line=application.line.name,
                status=application.status,
                assignee=_name(application.inbox_assignee),  # type: ignore[attr-defined]
                submitted_at=application.submitted_at,
            )
            for application in selectors.inbox_rows(list(page.object_list))
        ],
    )
