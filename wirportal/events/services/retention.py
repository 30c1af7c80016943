"""Retention: after an event's retention period its personal data goes; the figures stay."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from wirportal.audit.services import audit_record

from ..models import (
    AttendanceFigure,
    ChoiceStatus,
    Event,
    RegistrationStatus,
)
from .common import _lock_event


def _figures(event: Event) -> None:
    counts = event.registrations.aggregate(
        registered=Count("pk"),
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    AttendanceFigure.objects.update_or_create(event=event, workshop=None, defaults=counts)
    for workshop in event.workshops.all():
        choices = workshop.choices
        AttendanceFigure.objects.update_or_create(
            event=event,
            workshop=workshop,
            defaults={
                "registered": choices.count(),
                "confirmed": choices.filter(
                    status=ChoiceStatus.CONFIRMED, registration__status=RegistrationStatus.CONFIRMED
                ).count(),
                "waiting": choices.filter(status=ChoiceStatus.WAITING).count(),
                "cancelled": choices.filter(
                    registration__status=RegistrationStatus.CANCELLED
                ).count(),
                "attended": choices.filter(
                    status=ChoiceStatus.CONFIRMED, registration__checked_in_at__isnull=False
                ).count(),
            },
        )


def purge_personal_data(*, now: datetime | None = None) -> list[int]:
    """Delete registrations of events whose retention period ended; keep anonymous figures.

    Idempotent: an event is purged once (`personal_data_purged_at`); a second run finds nothing.
    """
    now = now or timezone.now()
    purged = []
    candidates = Event.objects.filter(
        personal_data_purged_at__isnull=True, ends_at__lt=now
    ).order_by("pk")
    for candidate in candidates:
        if candidate.ends_at + timedelta(days=candidate.retention_days) > now:
            continue
        with transaction.atomic():
            event = _lock_event(candidate)
            _figures(event)
            deleted, _detail = event.registrations.all().delete()
            event.personal_data_purged_at = now
            event.save(update_fields=["personal_data_purged_at"])
            audit_record(
                action="event.personal_data_purged",
                target=event,
                by=None,
                data={"rows_deleted": deleted},
            )
        purged.append(event.pk)
    return purged
