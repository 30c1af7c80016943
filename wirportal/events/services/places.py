"""Places and workshop seats under the event's lock: counting, booking and moving people up from
the waiting lists when a place or seat becomes free."""

from collections.abc import Sequence

from django.db.models import Count, Q
from django.utils import timezone

from wirportal.audit.services import audit_record
from wirportal.notifications.services import notify

from ..models import (
    ChoiceStatus,
    Event,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopChoice,
    WorkshopMode,
)
from .common import _ics_attachment, _mail_context


def _places_taken(event: Event) -> int:
    """Confirmed places plus places held for pending registrations (double opt-in)."""
    return event.registrations.filter(
        Q(status=RegistrationStatus.CONFIRMED)
        | Q(status=RegistrationStatus.PENDING, hold_until__isnull=False)
    ).count()


def _workshop_taken(workshop_ids: Sequence[int]) -> dict[int, int]:
    rows = (
        WorkshopChoice.objects.filter(workshop_id__in=workshop_ids, status=ChoiceStatus.CONFIRMED)
        .values("workshop_id")
        .annotate(n=Count("pk"))
    )
    return {row["workshop_id"]: row["n"] for row in rows}


def _book_workshops(registration: Registration, event: Event) -> None:
    """First-come mode: give each requested workshop a seat or a waiting rank (event is locked)."""
    choices = list(
        registration.choices.filter(status=ChoiceStatus.REQUESTED)
        .select_related("workshop")
        .order_by("workshop_id")
    )
    if not choices:
        return
    taken = _workshop_taken([c.workshop_id for c in choices])
    for choice in choices:
        workshop = choice.workshop
        if taken.get(workshop.pk, 0) < workshop.capacity:
            choice.status = ChoiceStatus.CONFIRMED
            taken[workshop.pk] = taken.get(workshop.pk, 0) + 1
        else:
            workshop.waiting_rank_counter += 1
            workshop.save(update_fields=["waiting_rank_counter"])
            choice.status = ChoiceStatus.WAITING
            choice.waiting_rank = workshop.waiting_rank_counter
        choice.save(update_fields=["status", "waiting_rank"])


def _assign_late(registration: Registration, event: Event) -> None:
    """Ranked mode after publication: a promoted person gets their best ranked workshop with room."""
    choices = list(
        registration.choices.filter(status=ChoiceStatus.REQUESTED)
        .select_related("workshop")
        .order_by("preference")
    )
    taken = _workshop_taken([c.workshop_id for c in choices])
    granted = False
    for choice in choices:
        if not granted and taken.get(choice.workshop_id, 0) < choice.workshop.capacity:
            choice.status = ChoiceStatus.CONFIRMED
            granted = True
        else:
            choice.status = ChoiceStatus.NOT_ASSIGNED
        choice.save(update_fields=["status"])


def _seat_workshops(registration: Registration, event: Event) -> None:
    if event.workshop_mode == WorkshopMode.FIRST_COME:
        _book_workshops(registration, event)
    elif event.assignment_published_at:
        _assign_late(registration, event)


def _fill_places(event: Event, *, by) -> list[Registration]:
    """Promote waiting registrations in rank order while places are free (event is locked)."""
    free = event.capacity - _places_taken(event)
    if free <= 0:
        return []
    promoted = list(
        event.registrations.filter(status=RegistrationStatus.WAITING).order_by("waiting_rank")[
            :free
        ]
    )
    now = timezone.now()
    for registration in promoted:
        registration.promote()
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        _seat_workshops(registration, event)
        audit_record(
            action="event.registration_promoted",
            target=registration,
            by=by,
            data={"event": event.pk, "waiting_rank": registration.waiting_rank},
        )
        notify(
            to=[registration.email],
            template="events/email/registration_promoted",
            context=_mail_context(registration),
            attachments=_ics_attachment(event),
        )
    return promoted


def _fill_workshop(workshop: Workshop, *, by) -> list[WorkshopChoice]:
    """First-come mode: promote waiting workshop choices of confirmed people (event is locked)."""
    free = workshop.capacity - _workshop_taken([workshop.pk]).get(workshop.pk, 0)
    if free <= 0:
        return []
    promoted = list(
        workshop.choices.filter(
            status=ChoiceStatus.WAITING, registration__status=RegistrationStatus.CONFIRMED
        )
        .select_related("registration__event")
        .order_by("waiting_rank")[:free]
    )
    for choice in promoted:
        choice.status = ChoiceStatus.CONFIRMED
        choice.save(update_fields=["status"])
        audit_record(
            action="event.workshop_place_promoted",
            target=choice.registration,
            by=by,
            data={"workshop": workshop.pk, "waiting_rank": choice.waiting_rank},
        )
        notify(
            to=[choice.registration.email],
            template="events/email/workshop_promoted",
            context=_mail_context(choice.registration, workshop=workshop.title),
        )
    return promoted
