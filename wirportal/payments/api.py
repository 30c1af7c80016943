"""Call-downs and payments (Mittelabrufe) through the API, scoped like the list page (issue #14)."""

from datetime import date, datetime
from decimal import Decimal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_caching import api_cached
from wirportal.core.api_schemas import MAX_ID, Pages
from wirportal.core.permissions import check_perm_api
from wirportal.offices.models import membership_version

from . import selectors
from .models import PaymentRequest, RequestStatus

router = Router(tags=["Zahlungen"], auth=API_AUTH)
PREFIX = "/zahlungen/"


class PaymentOut(Schema):
    id: int
    decision_id: int
    reference: str | None = Field(description="Aktenzeichen des Antrags")
    organisation: str
    number: int = Field(description="Rate Nr.")
    amount: Decimal = Field(description="Auszahlungsbetrag")
    set_off: Decimal = Field(
        description="Verrechnet mit nicht verbrauchten Mitteln früherer Jahre (Bedarf = "
        "amount + set_off)"
    )
    budget_year: int
    needed_on: date
    status: RequestStatus
    requested_at: datetime
    checked_at: datetime | None
    ordered_at: datetime | None
    paid_on: date | None

    @staticmethod
    def resolve_reference(obj: PaymentRequest) -> str | None:
        return obj.decision.application.reference

    @staticmethod
    def resolve_organisation(obj: PaymentRequest) -> str:
        return obj.decision.application.organisation.name


class PaymentFilters(Schema):
    status: RequestStatus | None = None
    year: int | None = Field(None, ge=1900, le=2999, description="Haushaltsjahr")
    line: int | None = Field(None, ge=1, le=MAX_ID, description="Kennung der Förderlinie")
    unit: str = Field("", max_length=80, description="Kürzel der WIR-Einheit des Trägers")


def _payments_show(request) -> tuple[str, ...]:
    """core.caching names the list shows: the requests, the application's reference (given at
    submission: "applications"), the organisation's name, the unit filter, the person's scope."""
    return (
        "payments",
        "applications",
        "organisations",
        "offices",
        membership_version(request.user.pk),
    )


@router.get("", response=list[PaymentOut], summary="Mittelabrufe und Auszahlungen")
@api_cached(_payments_show)
@paginate(Pages)
def list_payments(request, filters: Query[PaymentFilters]):
    check_perm_api(request.user, "payments.list_requests")
    payments = selectors.request_list(user=request.user, status=filters.status or "")
    if filters.year is not None:
        payments = payments.filter(budget_year=filters.year)
    if filters.line is not None:
        payments = payments.filter(decision__application__line_id=filters.line)
    if filters.unit:
        payments = payments.filter(decision__application__organisation__office__slug=filters.unit)
    return payments


@router.get("{payment_id}", response=PaymentOut, summary="Ein Mittelabruf")
def payment_detail(request, payment_id: int = Path(..., ge=1, le=MAX_ID)):
    try:
        payment = selectors.request_detail(pk=payment_id)
    except PaymentRequest.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("payments.view_paymentrequest", payment):
        raise Http404
    return payment
