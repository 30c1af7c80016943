"""Fair workshop assignment in ranked mode: compute a run (min-cost flow, `events.assignment`) and
publish it to the participants."""

import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DeadlineMissed, DomainError
from wirportal.notifications.services import notify

from .. import assignment as fair
from ..models import (
    AssignmentRun,
    ChoiceStatus,
    Event,
    EventStatus,
    RegistrationStatus,
    WorkshopChoice,
    WorkshopMode,
)
from .common import _lock_event, _mail_context


@transaction.atomic
def assignment_run(*, event: Event, by, seed: int | None = None, now=None) -> AssignmentRun:
    """Assign confirmed people to workshops after the deadline; can be repeated until published."""
    now = now or timezone.now()
    event = _lock_event(event)
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("Die Veranstaltung ist abgesagt."))
    if event.workshop_mode != WorkshopMode.RANKED:
        raise DomainError(_("Diese Veranstaltung vergibt die Foren nach Eingang."))
    if now <= event.registration_closes_at:
        raise DeadlineMissed(_("Die Zuteilung ist erst nach dem Anmeldeschluss möglich."))
    if event.assignment_published_at:
        raise DomainError(_("Die Zuteilung ist bereits versandt."))
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
    workshops = list(event.workshops.order_by("pk"))
    WorkshopChoice.objects.filter(registration__event=event, preference__isnull=True).delete()
    choices = list(
        WorkshopChoice.objects.filter(
            registration__event=event, registration__status=RegistrationStatus.CONFIRMED
        ).order_by("registration_id", "preference")
    )
    people = list(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("pk", flat=True)
    )
    preferences: dict[int, list[int]] = {pk: [] for pk in people}
    for choice in choices:
        preferences[choice.registration_id].append(choice.workshop_id)
    result = fair.assign(preferences, {w.pk: w.capacity for w in workshops}, seed=seed)
    by_key = {(c.registration_id, c.workshop_id): c for c in choices}
    for choice in choices:
        got = result.assignment[choice.registration_id] == choice.workshop_id
        choice.status = ChoiceStatus.CONFIRMED if got else ChoiceStatus.NOT_ASSIGNED
    WorkshopChoice.objects.bulk_update(choices, ["status"])
    WorkshopChoice.objects.bulk_create(
        WorkshopChoice(
            registration_id=person,
            workshop_id=workshop,
            preference=None,
            status=ChoiceStatus.CONFIRMED,
        )
        for person, workshop in result.assignment.items()
        if workshop is not None and (person, workshop) not in by_key
    )
    run = AssignmentRun.objects.create(
        event=event,
        seed=seed,
        created_by=by if by is not None and by.is_authenticated else None,
        participants=len(people),
        by_preference=result.counts(),
    )
    audit_record(
        action="event.assignment_run",
        target=event,
        by=by,
        data={"seed": seed, "counts": run.by_preference},
    )
    return run


@transaction.atomic
def assignment_publish(*, event: Event, by) -> int:
    """Send everyone their workshop; from now on cancellations free seats for the waiting list."""
    event = _lock_event(event)
    run = event.assignment_runs.first()
    if run is None:
        raise DomainError(_("Bitte führen Sie zuerst die Zuteilung durch."))
    if event.assignment_published_at:
        raise DomainError(_("Die Zuteilung ist bereits versandt."))
    now = timezone.now()
    event.assignment_published_at = now
    event.save(update_fields=["assignment_published_at"])
    run.published_at = now
    run.save(update_fields=["published_at"])
    registrations = list(
        event.registrations.filter(status=RegistrationStatus.CONFIRMED).prefetch_related(
            "choices__workshop"
        )
    )
    for registration in registrations:
        notify(
            to=[registration.email],
            template="events/email/workshop_assigned",
            context=_mail_context(registration),
        )
    audit_record(action="event.assignment_published", target=event, by=by, data={"run": run.pk})
    return len(registrations)
