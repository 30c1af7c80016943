"""Events: plan, edit, publish and cancel (organisers of the hosting unit and programme staff)."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.notifications.services import notify
from wirportal.offices.models import Office, RegionalActor

from ..models import (
    Audience,
    Event,
    EventStatus,
    RegistrationStatus,
)
from .common import _ics_attachment, _lock_event, _mail_context
from .places import _fill_places, _places_taken

EVENT_FIELDS = [
    "title",
    "slug",
    "kind",
    "region",
    "host_office",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "online_url",
    "registration_opens_at",
    "registration_closes_at",
    "audience",
    "invited_roles",
    "capacity",
    "workshop_mode",
    "exhibitor_slots",
    "email_confirmation",
    "retention_days",
]


def _check_host(*, by, host_office) -> None:
    if by is None or by.is_superuser or by.role == Role.PROGRAMME_STAFF:
        return
    membership = getattr(by, "office_membership", None)
    if by.role != Role.COORDINATOR or membership is None or membership.office_id != host_office.pk:
        raise NotAllowed(
            _("Sie können nur Veranstaltungen Ihrer eigenen WIR-Einheit planen."),
            field="host_office",
        )


@transaction.atomic
def event_create(*, by, publish: bool = False, **fields) -> Event:
    if not isinstance(fields.get("invited_roles", ""), str):
        fields["invited_roles"] = Event.pack_roles(fields["invited_roles"])
    event = Event(**{k: v for k, v in fields.items() if k in EVENT_FIELDS})
    _check_host(by=by, host_office=event.host_office)
    if event.audience == Audience.PUBLIC:
        event.invited_roles = ""
    event.full_clean()
    if publish:
        event.publish()
    event.save()
    audit_record(action="event.created", target=event, by=by)
    return event


@transaction.atomic
def event_update(*, event: Event, by, **fields) -> Event:
    event = _lock_event(event)
    if "host_office" in fields:
        _check_host(by=by, host_office=fields["host_office"])
    if not isinstance(fields.get("invited_roles", ""), str):
        fields["invited_roles"] = Event.pack_roles(fields["invited_roles"])
    changed = []
    for name in EVENT_FIELDS:
        if name in fields and getattr(event, name) != fields[name]:
            setattr(event, name, fields[name])
            changed.append(name)
    if event.audience == Audience.PUBLIC:
        event.invited_roles = ""
    taken = _places_taken(event)
    if event.capacity < taken:
        raise DomainError(
            _("Es sind bereits %(n)d Plätze bestätigt; weniger Plätze sind nicht möglich.")
            % {"n": taken},
            field="capacity",
        )
    event.full_clean()
    event.save()
    audit_record(action="event.updated", target=event, by=by, data={"fields": changed})
    if "capacity" in changed:
        _fill_places(event, by=by)
    return event


@transaction.atomic
def event_publish(*, event: Event, by) -> Event:
    event = _lock_event(event)
    if event.status != EventStatus.DRAFT:
        raise DomainError(_("Nur Entwürfe können veröffentlicht werden."))
    event.publish()
    event.save(update_fields=["status", "updated_at"])
    audit_record(action="event.published", target=event, by=by)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str, now: datetime | None = None) -> Event:
    """Call the whole event off: registration closes and everyone registered gets a mail.

    Confirmed and waiting registrations are cancelled with it, so that no waiting place can be
    promoted, nobody checks in and the self-service page shows the cancellation. Idempotent: a
    second call on a cancelled event changes nothing and sends nothing.
    """
    now = now or timezone.now()
    reason = reason.strip()
    event = _lock_event(event)
    if event.status == EventStatus.CANCELLED:
        return event
    if not reason:
        raise DomainError(_("Bitte nennen Sie den Grund der Absage."), field="reason")
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(
            _("Nur veröffentlichte Veranstaltungen können abgesagt werden."), field="reason"
        )
    if now >= event.ends_at:
        raise DeadlineMissed(_("Die Veranstaltung ist vorbei."), field="reason")
    event.cancel()
    event.cancelled_at = now
    event.cancellation_reason = reason
    event.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
    registrations = list(
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("pk")
    )
    counts = {
        RegistrationStatus.PENDING: 0,
        RegistrationStatus.CONFIRMED: 0,
        RegistrationStatus.WAITING: 0,
    }
    for registration in registrations:
        counts[registration.status] += 1
        context = _mail_context(registration, reason=reason)
        registration.cancel()
        registration.cancelled_at = now
        registration.save(update_fields=["status", "hold_until", "cancelled_at"])
        notify(
            to=[registration.email],
            template="events/email/event_cancelled",
            context=context,
            attachments=_ics_attachment(event),
        )
    data = {
        "reason": reason,
        "confirmed": counts[RegistrationStatus.CONFIRMED],
        "waiting": counts[RegistrationStatus.WAITING],
    }
    if counts[RegistrationStatus.PENDING]:
        data["pending"] = counts[RegistrationStatus.PENDING]
    audit_record(action="event.cancelled", target=event, by=by, data=data)
    return event


@transaction.atomic
def event_set_participants(
    *, event: Event, by, offices: Sequence[Office], actors: Sequence[RegionalActor], published: bool
) -> Event:
    """The units and regional actors taking part besides the host, and whether the event page
    and the units' pages name them (issue #12)."""
    event = _lock_event(event)
    if any(office.pk == event.host_office_id for office in offices):
        raise DomainError(
            _("Die gastgebende WIR-Einheit steht schon als Gastgeber auf der Seite."),
            field="offices",
        )
    event.participating_offices.set(offices)
    event.participating_actors.set(actors)
    if event.participants_published != published:
        event.participants_published = published
        event.save(update_fields=["participants_published", "updated_at"])
    audit_record(
        action="event.participants_set",
        target=event,
        by=by,
        data={
            "offices": sorted(office.pk for office in offices),
            "actors": sorted(actor.pk for actor in actors),
            "published": published,
        },
    )
    return event
