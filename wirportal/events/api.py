"""Events: the public programme (places left, no personal data) and, for organisers, registrations.

Scoped like the pages: an event the person may not see does not exist (404); registrations need
`events.view_registrations` on the event (the host unit's coordinators and programme staff).
"""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from wirportal.accounts.api_auth import API_AUTH
from wirportal.core.api_schemas import ValidationErrorOut
from wirportal.core.exceptions import DomainError
from wirportal.offices.models import Office

from . import selectors, services
from .models import Event, Registration
from .tokens import site_url

router = Router(tags=["Veranstaltungen"])
PREFIX = "/veranstaltungen/"


class ErrorOut(Schema):
    detail: str


class HostOut(Schema):
    slug: str
    name: str


class WorkshopOut(Schema):
    id: int
    title: str
    capacity: int
    remaining: int


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    status: str
    cancellation_reason: str
    starts_at: datetime
    ends_at: datetime
    online: bool
    venue: str
    address: str
    region: str
    host: HostOut
    capacity: int
    remaining: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    registration_open: bool
    workshop_mode: str
    workshops: list[WorkshopOut]
    url: str


def _event_out(event: Event) -> EventOut:
    # the online link is left out on purpose: it is sent to registered people only
    return EventOut(
        slug=event.slug,
        title=event.title,
        kind=event.kind,
        status=event.status,
        cancellation_reason=event.cancellation_reason,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        online=event.is_online,
        venue=event.venue,
        address=event.address,
        region=event.region,
        host=HostOut(slug=event.host_office.slug, name=event.host_office.name),
        capacity=event.capacity,
        remaining=0 if event.is_cancelled else event.remaining,  # type: ignore[attr-defined]
        registration_opens_at=event.registration_opens_at,
        registration_closes_at=event.registration_closes_at,
        registration_open=event.registration_open(),
        workshop_mode=event.workshop_mode,
        workshops=[
            WorkshopOut(
                id=workshop.pk,
                title=workshop.title,
                capacity=workshop.capacity,
                remaining=0 if event.is_cancelled else workshop.remaining,  # type: ignore[attr-defined]
            )
            for workshop in event.workshops.all()
        ],
        url=site_url().rstrip("/") + reverse("events:event-detail", args=[event.slug]),
    )


@router.get(
    "",
    response={200: list[EventOut], 422: ValidationErrorOut},
    auth=None,
    summary="Kommende Veranstaltungen mit freien Plätzen",
)
def list_events(request, kind: str = "", region: str = ""):
    events = selectors.api_event_list(user=request.user, kind=kind, region=region)
    return [_event_out(event) for event in events]


@router.get(
    "{slug}",
    response={200: EventOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=None,
    summary="Eine Veranstaltung mit Foren und freien Plätzen",
)
def event_detail(request, slug: str):
    event = selectors.api_event_detail(user=request.user, slug=slug)
    if event is None:
        raise Http404
    return _event_out(event)


class ChoiceOut(Schema):
    workshop_id: int
    workshop: str
    preference: int | None
    status: str


class RegistrationOut(Schema):
    id: int
    first_name: str
    last_name: str
    organisation_name: str
    office: str | None
    status: str
    waiting_rank: int | None
    checked_in: bool
    workshops: list[ChoiceOut]


def _registration_out(registration: Registration) -> RegistrationOut:
    # minimal: no e-mail address, no accessibility or dietary needs (those stay in the exports)
    return RegistrationOut(
        id=registration.pk,
        first_name=registration.first_name,
        last_name=registration.last_name,
        organisation_name=registration.organisation_name,
        office=registration.office.slug if registration.office else None,
        status=registration.status,
        waiting_rank=registration.waiting_rank,
        checked_in=registration.checked_in_at is not None,
        workshops=[
            ChoiceOut(
                workshop_id=choice.workshop_id,
                workshop=choice.workshop.title,
                preference=choice.preference,
                status=choice.status,
            )
            for choice in registration.choices.all()
        ],
    )


@router.get(
    "{slug}/anmeldungen",
    response={
        200: list[RegistrationOut],
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=API_AUTH,
    summary="Anmeldungen einer eigenen Veranstaltung (nur Organisierende)",
)
def list_registrations(request, slug: str):
    event = get_object_or_404(Event.objects.select_related("host_office"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    if not request.user.has_perm("events.view_registrations", event):
        raise HttpError(403, _("Sie organisieren diese Veranstaltung nicht."))
    return [_registration_out(r) for r in selectors.api_registration_list(event=event)]


class RegisterIn(Schema):
    """Register the signed-in person (the account's e-mail address; no confirmation mail needed).
    Workshops: in ranked mode the order of preference, else the workshops to book."""

    consent: bool = Field(description="Einwilligung in die Verarbeitung der Angaben")
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    organisation_name: str = Field("", max_length=200)
    office: str | None = Field(None, max_length=80, description="Kürzel der WIR-Einheit")
    accessibility_needs: str = Field("", max_length=2000)
    dietary_needs: str = Field("", max_length=2000)
    workshops: list[int] = Field(default_factory=list, max_length=50)


class MyRegistrationOut(Schema):
    id: int
    event: str
    status: str
    waiting_rank: int | None


@router.post(
    "{slug}/anmeldung",
    response={201: MyRegistrationOut},
    auth=API_AUTH,
    summary="Mich selbst zu einer Veranstaltung anmelden",
)
def register(request, slug: str, payload: RegisterIn):
    event = selectors.api_event_detail(user=request.user, slug=slug)
    if event is None:
        raise Http404
    if not request.user.has_perm("events.register_event", event):
        raise HttpError(403, _("Zu dieser Veranstaltung wird nur eingeladen."))
    office = None
    if payload.office:
        office = Office.objects.filter(slug=payload.office).first()
        if office is None:
            raise DomainError(_("Diese WIR-Einheit gibt es nicht."), field="office")
    workshops = {w.pk: w for w in event.workshops.all()}
    if any(pk not in workshops for pk in payload.workshops):
        raise DomainError(_("Dieses Forum gehört nicht zur Veranstaltung."), field="workshops")
    user = request.user
    registration = services.registration_create(
        event=event,
        by=user,
        first_name=payload.first_name or user.first_name,
        last_name=payload.last_name or user.last_name,
        email=user.email,
        consent=payload.consent,
        organisation_name=payload.organisation_name,
        office=office,
        accessibility_needs=payload.accessibility_needs,
        dietary_needs=payload.dietary_needs,
        workshops=[workshops[pk] for pk in payload.workshops],
    )
    return Status(
        201,
        MyRegistrationOut(
            id=registration.pk,
            event=event.slug,
            status=registration.status,
            waiting_rank=registration.waiting_rank,
        ),
    )
