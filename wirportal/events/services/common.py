"""What every events write shares: the row locks (with the race test's negative-control switches,
read at call time so a test can set them on this module), and the context and calendar
attachment of registration mails."""

import time

from django.conf import settings
from django.db import OperationalError
from django.utils.translation import gettext as _

from wirportal.core.dates import format_span
from wirportal.core.db import set_local_lock_timeout
from wirportal.core.exceptions import DomainError

from ..ical import calendar_for
from ..models import (
    ChoiceStatus,
    Event,
    Registration,
)
from ..tokens import manage_url

# Debug switches for the negative control of the race test (never set in production code).
SKIP_LOCKING = False
SLEEP_AFTER_CHECK = 0.0

LOCK_TIMEOUT = "5s"


def _lock_event(event: Event | int) -> Event:
    """Lock the event row for the rest of the transaction and return it fresh."""
    pk = event if isinstance(event, int) else event.pk
    if SKIP_LOCKING:
        return Event.objects.get(pk=pk)
    set_local_lock_timeout(LOCK_TIMEOUT)
    try:
        return Event.objects.select_for_update().get(pk=pk)
    except OperationalError as error:  # lock timeout: refuse cleanly instead of a 500
        raise DomainError(
            _(
                "Gerade melden sich sehr viele Menschen an. Bitte versuchen Sie es gleich noch einmal."
            )
        ) from error


def _pause_for_race_control() -> None:
    if SLEEP_AFTER_CHECK:
        time.sleep(SLEEP_AFTER_CHECK)


def _event_dates(event: Event) -> str:
    # for mails, which are German (notify)
    return format_span(event.starts_at, event.ends_at, language=settings.LANGUAGE_CODE)


def _mail_context(registration: Registration, **extra) -> dict:
    event = registration.event
    workshops = [
        choice.workshop.title
        for choice in registration.choices.select_related("workshop").order_by("workshop_id")
        if choice.status == ChoiceStatus.CONFIRMED
    ]
    waiting_workshops = [
        choice.workshop.title
        for choice in registration.choices.select_related("workshop").order_by("workshop_id")
        if choice.status == ChoiceStatus.WAITING
    ]
    return {
        "name": registration.full_name,
        "event": event.title,
        "dates": _event_dates(event),
        "place": event.online_url
        if event.is_online
        else f"{event.venue}, {event.address}".strip(", "),
        "status": registration.status,
        "waiting_rank": registration.waiting_rank,
        "workshops": workshops,
        "waiting_workshops": waiting_workshops,
        "manage_url": manage_url(registration),
        "hold_until": format_span(registration.hold_until, None, language=settings.LANGUAGE_CODE)
        if registration.hold_until
        else "",
        **extra,
    }


def _ics_attachment(event: Event) -> list[tuple[str, str, str]]:
    return [
        (
            f"{event.slug}.ics",
            calendar_for([event], name=event.title, for_participant=True).decode(),
            "text/calendar",
        )
    ]


def _lock_registration(pk: int) -> Registration:
    if SKIP_LOCKING:
        return Registration.objects.get(pk=pk)
    return Registration.objects.select_for_update().get(pk=pk)
