"""Proofs of use (Verwendungsnachweise) through the API, scoped like the pages (issue #14)."""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_caching import api_cached
from wirportal.core.api_schemas import MAX_ID, Pages
from wirportal.core.permissions import check_perm_api
from wirportal.offices.models import membership_version

from . import selectors
from .models import ProofOfUse, ProofStatus

router = Router(tags=["Verwendungsnachweise"], auth=API_AUTH)
PREFIX = "/verwendungsnachweise/"


class ProofOut(Schema):
    id: int
    decision_id: int
    reference: str | None = Field(description="Aktenzeichen des Antrags")
    organisation: str
    year: int | None = Field(description="Jahr eines Zwischennachweises; leer: Schlussnachweis")
    full: bool = Field(description="Ausführlicher Nachweis mit Belegliste")
    status: ProofStatus
    due_on: date
    submitted_at: datetime | None
    checked_at: datetime | None
    check_result: str

    @staticmethod
    def resolve_reference(obj: ProofOfUse) -> str | None:
        return obj.decision.application.reference

    @staticmethod
    def resolve_organisation(obj: ProofOfUse) -> str:
        return obj.decision.application.organisation.name


class ProofFilters(Schema):
    status: ProofStatus | None = None
    year: int | None = Field(None, ge=1900, le=2999, description="Jahr des Zwischennachweises")
    line: int | None = Field(None, ge=1, le=MAX_ID, description="Kennung der Förderlinie")
    unit: str = Field("", max_length=80, description="Kürzel der WIR-Einheit des Trägers")


def _proofs_show(request) -> tuple[str, ...]:
    """core.caching names the list shows: the proofs' own fields ("proofs"), the application's
    reference and line, the organisation, the unit filter, the person's memberships (scope)."""
    return (
        "proofs",
        "applications",
        "organisations",
        "offices",
        membership_version(request.user.pk),
    )


@router.get("", response=list[ProofOut], summary="Verwendungsnachweise, die ich sehen darf")
@api_cached(_proofs_show)
@paginate(Pages)
def list_proofs(request, filters: Query[ProofFilters]):
    check_perm_api(request.user, "settlement.list_proofofuse")
    proofs = selectors.proofs_visible_to(request.user)
    if filters.status:
        proofs = proofs.filter(status=filters.status)
    if filters.year is not None:
        proofs = proofs.filter(year=filters.year)
    if filters.line is not None:
        proofs = proofs.filter(decision__application__line_id=filters.line)
    if filters.unit:
        proofs = proofs.filter(decision__application__organisation__office__slug=filters.unit)
    return proofs.order_by("due_on", "pk")


@router.get("{proof_id}", response=ProofOut, summary="Ein Verwendungsnachweis")
def proof_detail(request, proof_id: int = Path(..., ge=1, le=MAX_ID)):
    proof = selectors.proofs_visible_to(request.user).filter(pk=proof_id).first()
    if proof is None or not request.user.has_perm("settlement.view_proofofuse", proof):
        raise Http404
    return proof
