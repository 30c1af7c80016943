"""Open data: funding calls with their deadlines and the lines' financing rules (read-only)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema

from wirportal.core.api_schemas import ValidationErrorOut

from . import selectors

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
