"""Applications through the API (issue #14): read as the list and detail pages, and for the
applicant organisation's members: start a draft, change it, add plan rows, submit it.

Every write goes through `services` with the same checks and messages as the editor: a field
that cannot be used is kept verbatim and reported as a 422 problem with the field (the rest is
saved, as in the editor); a refused submission lists every missing field.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_caching import api_cached
from wirportal.core.api_schemas import MAX_ID, Pages
from wirportal.core.exceptions import DomainError
from wirportal.core.permissions import check_perm_api, has_rule
from wirportal.offices.models import membership_version
from wirportal.offices.selectors import organisations_visible_to
from wirportal.programmes.models import Call

from . import selectors, services
from .models import Application, ApplicationStatus

router = Router(tags=["Anträge"], auth=API_AUTH)


class NotFound(DomainError):
    """A referenced object does not exist for the person: a 404 problem naming the field."""

    status_code = 404


PREFIX = "/antraege/"


class ApplicationRowOut(Schema):
    id: int
    reference: str | None
    title: str
    status: ApplicationStatus
    organisation_id: int
    organisation: str
    office: str | None = Field(description="Kürzel der WIR-Einheit des Trägers")
    line_id: int
    line: str
    call_id: int
    year: int = Field(description="Erstes Förderjahr des Aufrufs")
    requested_amount: Decimal | None
    created_at: datetime
    submitted_at: datetime | None

    @staticmethod
    def resolve_organisation(obj: Application) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_office(obj: Application) -> str | None:
        office = obj.organisation.office
        return office.slug if office else None

    @staticmethod
    def resolve_line(obj: Application) -> str:
        return obj.line.name

    @staticmethod
    def resolve_year(obj: Application) -> int:
        return obj.call.first_year


class CostItemOut(Schema):
    id: int
    category: str
    description: str
    amount: Decimal | None
    units: Decimal | None
    count: int | None


class FundingSourceOut(Schema):
    id: int
    kind: str
    name: str
    amount: Decimal | None


class ApplicationOut(ApplicationRowOut):
    summary: str
    goals: str
    target_groups: list[str]
    period_start: date | None
    period_end: date | None
    participants_planned: int | None
    not_started_declared: bool
    other_funding_declaration: str
    cost_items: list[CostItemOut]
    funding_sources: list[FundingSourceOut]
    invalid_fields: dict[str, str] = Field(
        description="Gespeicherte, aber nicht verwendbare Eingaben: Feld → Meldung"
    )

    @staticmethod
    def resolve_cost_items(obj: Application) -> list:
        return list(obj.cost_items.all())

    @staticmethod
    def resolve_funding_sources(obj: Application) -> list:
        return list(obj.funding_sources.all())

    @staticmethod
    def resolve_invalid_fields(obj: Application) -> dict[str, str]:
        from wirportal.core.numbers import shown_error

        return {key: shown_error(entry) for key, entry in (obj.invalid_input or {}).items()}


class ApplicationFilters(Schema):
    status: ApplicationStatus | None = None
    year: int | None = Field(None, ge=1900, le=2999, description="Erstes Förderjahr")
    line: int | None = Field(None, ge=1, le=MAX_ID, description="Kennung der Förderlinie")
    unit: str = Field("", max_length=80, description="Kürzel der WIR-Einheit des Trägers")
    q: str = Field("", max_length=200, description="Suche in Aktenzeichen, Titel und Träger")


def _list_shows(request) -> tuple[str, ...]:
    """core.caching names the list shows: as the list page (drafts only in applicants' lists),
    the unit's key (offices) and the person's memberships (their scope)."""
    _scope, names = selectors.application_list_scope(
        request.user, status=request.GET.get("status", "")
    )
    return (*names, "offices", membership_version(request.user.pk))


@router.get("", response=list[ApplicationRowOut], summary="Anträge, die ich sehen darf")
@api_cached(_list_shows)
@paginate(Pages)
def list_applications(request, filters: Query[ApplicationFilters]):
    check_perm_api(request.user, "applications.list_applications")
    applications = selectors.application_list(
        user=request.user, status=filters.status or "", query=filters.q
    ).select_related("organisation__office")
    if filters.year is not None:
        applications = applications.filter(call__first_year=filters.year)
    if filters.line is not None:
        applications = applications.filter(line_id=filters.line)
    if filters.unit:
        applications = applications.filter(organisation__office__slug=filters.unit)
    return applications.order_by("-created_at", "-pk")


def _visible(request, application_id: int, perm: str = "applications.view_application"):
    """The application if the person may `perm` it; one they may not even see does not exist."""
    application = selectors.application_for_page(pk=application_id, user=request.user)
    if application is None or not has_rule(
        request.user, "applications.view_application", application
    ):
        raise Http404
    check_perm_api_rule(request.user, perm, application)
    return application


def check_perm_api_rule(user, perm: str, application) -> None:
    """`core.permissions.check_rule` for the API: the rule decides for superusers too (ADR 0005)."""
    from ninja.errors import HttpError

    if not has_rule(user, perm, application):
        raise HttpError(403, _("Keine Berechtigung."))


@router.get("{application_id}", response=ApplicationOut, summary="Ein Antrag")
def application_detail(request, application_id: int = Path(..., ge=1, le=MAX_ID)):
    _visible(request, application_id)
    return selectors.application_detail(pk=application_id)


class DraftIn(Schema):
    call: int = Field(..., ge=1, le=MAX_ID, description="Kennung des Förderaufrufs")
    organisation: int = Field(..., ge=1, le=MAX_ID, description="Kennung des eigenen Trägers")


@router.post(
    "", response={201: ApplicationOut}, summary="Antragsentwurf anlegen (Mitglieder des Trägers)"
)
def create_draft(request, payload: DraftIn):
    check_perm_api(request.user, "applications.add_application")
    # what does not exist, or is not among the person's organisations, is a 404 naming the field
    call = Call.objects.select_related("line").filter(pk=payload.call).first()
    if call is None:
        raise NotFound(_("Diesen Förderaufruf gibt es nicht."), field="call")
    organisation = organisations_visible_to(request.user).filter(pk=payload.organisation).first()
    if organisation is None:
        raise NotFound(
            _("Diesen Träger gibt es nicht oder Sie gehören ihm nicht an."), field="organisation"
        )
    application = services.application_create(call=call, organisation=organisation, by=request.user)
    return Status(201, selectors.application_detail(pk=application.pk))


class DraftChangeIn(Schema):
    """What the editor sends: texts as typed (dates as 2027-03-01 or 01.03.2027, amounts as
    1.234,56), checked by the same rules. Fields left out stay as they are."""

    title: str | None = None
    summary: str | None = None
    goals: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    participants_planned: str | None = None
    target_groups: list[str] | None = None
    not_started_declared: bool | None = None
    other_funding_declaration: str | None = None
    rows: dict[str, str] | None = Field(
        None,
        description="Zeilen des Kosten- und Finanzierungsplans: "
        "`cost-<id>-amount`, `cost-<id>-description`, `source-<id>-amount`, …",
    )


def _autosave_data(payload: DraftChangeIn) -> dict[str, Any]:
    data: dict[str, Any] = payload.model_dump(exclude_unset=True, exclude={"rows"})
    data = {key: value for key, value in data.items() if value is not None}
    if "not_started_declared" in data:
        data["not_started_declared"] = "on" if data["not_started_declared"] else ""
    for key, value in (payload.rows or {}).items():
        if not services.ROW_KEY.match(key):
            raise DomainError(_("Diese Zeile gibt es im Plan nicht."), field=f"rows.{key}")
        data[key] = value
    return data


@router.patch("{application_id}", response=ApplicationOut, summary="Antragsentwurf ändern")
def change_draft(
    request, application_id: int = Path(..., ge=1, le=MAX_ID), *, payload: DraftChangeIn
):
    _visible(request, application_id, "applications.change_application")
    application = selectors.application_for_autosave(pk=application_id)
    if application is None:
        raise Http404
    result = services.application_autosave(
        application=application, by=request.user, data=_autosave_data(payload)
    )
    if result.errors:
        error = DomainError(_("Mindestens eine Angabe ist nicht verwendbar; sie ist gespeichert."))
        error.errors = {key: [message] for key, message in result.errors.items()}  # type: ignore[attr-defined]
        raise error
    return selectors.application_detail(pk=application_id)


@router.post(
    "{application_id}/kostenpositionen",
    response={201: CostItemOut},
    summary="Leere Zeile im Kostenplan anlegen",
)
def add_cost_item(request, application_id: int = Path(..., ge=1, le=MAX_ID)):
    application = _visible(request, application_id, "applications.change_application")
    return Status(201, services.cost_item_add(application=application, by=request.user))


@router.post(
    "{application_id}/finanzierung",
    response={201: FundingSourceOut},
    summary="Leere Zeile im Finanzierungsplan anlegen",
)
def add_funding_source(request, application_id: int = Path(..., ge=1, le=MAX_ID)):
    application = _visible(request, application_id, "applications.change_application")
    return Status(201, services.funding_source_add(application=application, by=request.user))


@router.post(
    "{application_id}/einreichen",
    response=ApplicationOut,
    summary="Antrag einreichen (vollständige Prüfung wie im Portal)",
)
def submit(request, application_id: int = Path(..., ge=1, le=MAX_ID)):
    _visible(request, application_id, "applications.submit_application")
    application = selectors.application_detail(pk=application_id)
    services.application_submit(application=application, by=request.user)
    return selectors.application_detail(pk=application_id)
