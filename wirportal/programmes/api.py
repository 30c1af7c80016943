"""Open data: funding calls with their deadlines and the lines' financing rules (read-only)."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_caching import api_cached
from wirportal.core.api_schemas import MAX_ID, Pages, ValidationErrorOut
from wirportal.core.permissions import check_perm_api

from . import selectors
from .models import FundingLine

router = Router(tags=["Förderaufrufe"])
PREFIX = "/foerderaufrufe/"


class UnitRateOut(Schema):
    code: str
    label: str
    unit: str
    amount: Decimal
    max_units: Decimal | None
    max_amount: Decimal | None


class CallOut(Schema):
    id: int
    title: str
    programme: str
    line_code: str
    line: str
    financing_type: str
    rate_percent: Decimal | None
    cap: Decimal | None
    eligible_kinds: list[str]
    required_attachments: list[str]
    first_year: int
    last_year: int
    opens_at: date
    deadline: date
    is_open: bool


@router.get(
    "",
    response={200: list[CallOut], 422: ValidationErrorOut},
    auth=None,
    summary="Förderaufrufe mit Fristen",
)
def list_calls(request, only_open: bool = False):
    today = timezone.localdate()
    calls = selectors.open_calls(day=today) if only_open else list(selectors.call_list())
    return [
        CallOut(
            id=call.pk,
            title=call.title,
            programme=call.line.programme.short_name,
            line_code=call.line.code,
            line=call.line.name,
            financing_type=call.line.financing_type,
            rate_percent=call.line.rate,
            cap=call.line.cap,
            eligible_kinds=list(call.line.eligible_kinds or []),
            required_attachments=list(call.line.required_attachments or []),
            first_year=call.first_year,
            last_year=call.last_year,
            opens_at=call.opens_at,
            deadline=call.deadline,
            is_open=call.is_open(today),
        )
        for call in calls
    ]


# --- Funding lines (open data) and the budget (Land staff), issue #14 ---------------------------

lines_router = Router(tags=["Förderlinien"])


class LineOut(Schema):
    id: int
    code: str
    name: str
    programme: str
    financing_type: str
    rate_percent: Decimal | None
    cap: Decimal | None
    eligible_kinds: list[str]

    @staticmethod
    def resolve_programme(obj: FundingLine) -> str:
        return obj.programme.short_name

    @staticmethod
    def resolve_rate_percent(obj: FundingLine) -> Decimal | None:
        return obj.rate

    @staticmethod
    def resolve_eligible_kinds(obj: FundingLine) -> list[str]:
        return list(obj.eligible_kinds or [])


def _lines_show(request) -> tuple[str, ...]:
    """core.caching names of what the list shows: the lines and their programmes."""
    return ("programmes",)


@lines_router.get("", response=list[LineOut], auth=None, summary="Förderlinien")
@api_cached(_lines_show)
@paginate(Pages)
def list_lines(
    request, programme: str = Query("", max_length=40, description="Kurzname des Programms")
):
    return selectors.line_list(programme=programme)


budget_router = Router(tags=["Haushalt"], auth=API_AUTH)


class BudgetRowOut(Schema):
    line_id: int | None
    label: str
    kind: Literal["line", "ve", "office"] = Field(
        description="line: Ansatz der Linie; ve: Verpflichtungsermächtigung; office: Zuweisung "
        "an eine WIR-Einheit"
    )
    ve_years: str
    planned: Decimal
    committed: Decimal
    paid: Decimal
    receivable: Decimal
    free: Decimal


class BudgetFilters(Schema):
    year: int | None = Field(None, ge=1900, le=2999, description="Haushaltsjahr (Standard: heute)")
    line: int | None = Field(None, ge=1, le=MAX_ID, description="Kennung der Förderlinie")


def _budget_shows(request) -> tuple[str, ...]:
    """core.caching names the budget shows (lines, budgets, allocations, ledger, unit names); the
    year in force without a filter is a name of its own (never bumped: a new year, a new key)."""
    return ("budget", "programmes", "offices", f"budget-year:{timezone.localdate().year}")


@budget_router.get(
    "",
    response=list[BudgetRowOut],
    summary="Haushalt eines Jahres: geplant, gebunden, ausgezahlt, frei (Landespersonal)",
)
@api_cached(_budget_shows)
@paginate(Pages)
def budget(request, filters: Query[BudgetFilters]):
    check_perm_api(request.user, "programmes.view_budget")
    rows = selectors.budget_overview(year=filters.year or timezone.localdate().year)
    return [
        BudgetRowOut(
            line_id=row.line.pk if row.line else None,
            label=row.label,
            kind="office" if row.is_office else "ve" if row.is_ve else "line",
            ve_years=row.ve_years,
            planned=row.planned,
            committed=row.committed,
            paid=row.paid,
            receivable=row.receivable,
            free=row.free,
        )
        for row in rows
        if filters.line is None or (row.line is not None and row.line.pk == filters.line)
    ]


ROUTERS = [(PREFIX, router), ("/foerderlinien/", lines_router), ("/haushalt/", budget_router)]
