"""Writes on events and registrations: one function per use case, audited, mail through notify().

Places are protected by one lock per event: every write that takes or frees a place (event or
workshop) first locks the event row (`_lock_event`), then counts, then writes, in one transaction.
One lock per event means a fixed lock order, so there are no deadlocks (reliability brief T2).
"""

import random
import time
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.audit.services import audit_record
from wirportal.core.dates import format_span
from wirportal.core.db import set_local_lock_timeout
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.core.tokens import new_secret
from wirportal.documents.services import document_store
from wirportal.documents.validation import ValidatedUpload
from wirportal.notifications.services import notify

from . import assignment as fair
from .ical import calendar_for
from .models import (
    MATERIAL_KIND,
    AgendaItem,
    AssignmentRun,
    AttendanceFigure,
    Audience,
    ChoiceStatus,
    Event,
    EventStatus,
    Exhibitor,
    Material,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopChoice,
    WorkshopMode,
)
from .tokens import manage_url

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


# --- events -------------------------------------------------------------------------------------

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
def workshop_add(
    *, event: Event, by, title: str, capacity: int, description: str = "", moderation: str = ""
) -> Workshop:
    event = _lock_event(event)
    if event.assignment_published_at:
        raise DomainError(_("Die Foren sind bereits zugeteilt."))
    workshop = Workshop(
        event=event, title=title, capacity=capacity, description=description, moderation=moderation
    )
    workshop.full_clean()
    workshop.save()
    audit_record(action="event.workshop_added", target=event, by=by, data={"workshop": workshop.pk})
    return workshop


@transaction.atomic
def agenda_item_add(
    *, event: Event, by, title: str, starts_at: datetime, ends_at=None, speaker: str = ""
) -> AgendaItem:
    item = AgendaItem(
        event=event, title=title, starts_at=starts_at, ends_at=ends_at, speaker=speaker
    )
    item.full_clean()
    item.save()
    audit_record(action="event.agenda_item_added", target=event, by=by, data={"item": item.pk})
    return item


@transaction.atomic
def exhibitor_add(*, event: Event, by, organisation, project_title: str) -> Exhibitor:
    event = _lock_event(event)
    taken = list(event.exhibitors.values_list("slot_number", flat=True))
    if len(taken) >= event.exhibitor_slots:
        raise DomainError(
            _("Alle Stände im Markt der Möglichkeiten sind vergeben."), field="organisation"
        )
    number = next(n for n in range(1, event.exhibitor_slots + 1) if n not in taken)
    exhibitor = Exhibitor.objects.create(
        event=event, organisation=organisation, project_title=project_title, slot_number=number
    )
    audit_record(
        action="event.exhibitor_added", target=event, by=by, data={"organisation": organisation.pk}
    )
    return exhibitor


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, by, title: str, starts_at: datetime, ends_at=None, speaker: str = ""
) -> AgendaItem:
    item.title, item.starts_at, item.ends_at, item.speaker = title, starts_at, ends_at, speaker
    item.full_clean()
    item.save()
    audit_record(
        action="event.agenda_item_changed", target=item.event, by=by, data={"item": item.pk}
    )
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    audit_record(
        action="event.agenda_item_removed",
        target=item.event,
        by=by,
        data={"item": item.pk, "title": item.title},
    )
    item.delete()


def _workshop_seats_taken(workshop: Workshop) -> int:
    return workshop.choices.filter(
        status=ChoiceStatus.CONFIRMED, registration__status=RegistrationStatus.CONFIRMED
    ).count()


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    by,
    title: str,
    capacity: int,
    description: str = "",
    moderation: str = "",
) -> Workshop:
    """Change a workshop; more seats go to its waiting list, fewer than taken are refused."""
    event = _lock_event(workshop.event_id)
    workshop = Workshop.objects.get(pk=workshop.pk)
    taken = _workshop_seats_taken(workshop)
    if capacity < taken:
        raise DomainError(
            _("Es sind bereits %(n)d Plätze in diesem Forum vergeben; weniger sind nicht möglich.")
            % {"n": taken},
            field="capacity",
        )
    grew = capacity > workshop.capacity
    workshop.title, workshop.capacity = title, capacity
    workshop.description, workshop.moderation = description, moderation
    workshop.full_clean()
    workshop.save()
    audit_record(
        action="event.workshop_changed", target=event, by=by, data={"workshop": workshop.pk}
    )
    if grew and (event.workshop_mode == WorkshopMode.FIRST_COME or event.assignment_published_at):
        _fill_workshop(workshop, by=by)
    return workshop


@transaction.atomic
def workshop_delete(*, workshop: Workshop, by) -> None:
    """Delete a workshop nobody (still) chose; with active choices it is refused, never silently
    dropped, because those people were promised a seat or a place on its waiting list."""
    event = _lock_event(workshop.event_id)
    active = workshop.choices.exclude(registration__status=RegistrationStatus.CANCELLED).count()
    if active:
        raise DomainError(
            _(
                "Dieses Forum kann nicht gelöscht werden: %(n)d Anmeldungen haben es gewählt. "
                "Ändern Sie stattdessen Titel oder Beschreibung, oder bitten Sie die Angemeldeten, "
                "ihre Forenwahl zu ändern."
            )
            % {"n": active}
        )
    audit_record(
        action="event.workshop_removed",
        target=event,
        by=by,
        data={"workshop": workshop.pk, "title": workshop.title},
    )
    workshop.delete()


@transaction.atomic
def exhibitor_update(
    *, exhibitor: Exhibitor, by, organisation, project_title: str, slot_number: int
) -> Exhibitor:
    event = _lock_event(exhibitor.event_id)
    if not 1 <= slot_number <= event.exhibitor_slots:
        raise DomainError(
            _("Bitte wählen Sie einen Stand zwischen 1 und %(n)d.") % {"n": event.exhibitor_slots},
            field="slot_number",
        )
    if event.exhibitors.filter(slot_number=slot_number).exclude(pk=exhibitor.pk).exists():
        raise DomainError(_("Dieser Stand ist bereits vergeben."), field="slot_number")
    exhibitor.organisation = organisation
    exhibitor.project_title = project_title
    exhibitor.slot_number = slot_number
    exhibitor.full_clean()
    exhibitor.save()
    audit_record(
        action="event.exhibitor_changed",
        target=event,
        by=by,
        data={"exhibitor": exhibitor.pk, "organisation": organisation.pk},
    )
    return exhibitor


@transaction.atomic
def exhibitor_delete(*, exhibitor: Exhibitor, by) -> None:
    event = _lock_event(exhibitor.event_id)
    audit_record(
        action="event.exhibitor_removed",
        target=event,
        by=by,
        data={"exhibitor": exhibitor.pk, "organisation": exhibitor.organisation_id},
    )
    exhibitor.delete()


# --- registrations ------------------------------------------------------------------------------


def _may_register(event: Event, by) -> bool:
    if event.audience == Audience.PUBLIC:
        return True
    if by is None or not by.is_authenticated:
        return False
    return by.is_superuser or by.role in event.invited_role_list


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


def _store_choices(
    registration: Registration, event: Event, workshops: Sequence[Workshop], ranked: bool
) -> None:
    for position, workshop in enumerate(workshops, start=1):
        if workshop.event_id != event.pk:
            raise DomainError(
                _("Dieses Forum gehört nicht zu der Veranstaltung."), field="workshops"
            )
        WorkshopChoice.objects.create(
            registration=registration,
            workshop=workshop,
            preference=position if ranked else None,
            status=ChoiceStatus.REQUESTED,
        )


def _check_workshops(event: Event, workshops: Sequence[Workshop]) -> None:
    if len({w.pk for w in workshops}) != len(workshops):
        raise DomainError(_("Bitte wählen Sie jedes Forum nur einmal."), field="workshops")


@transaction.atomic
def registration_create(
    *,
    event: Event,
    by,
    first_name: str,
    last_name: str,
    email: str,
    consent: bool,
    organisation_name: str = "",
    office=None,
    accessibility_needs: str = "",
    dietary_needs: str = "",
    workshops: Sequence[Workshop] = (),
    now: datetime | None = None,
) -> Registration:
    """Register a person: a confirmed place while places are free, else the next waiting rank.

    With the event's e-mail confirmation (double opt-in) a person who is not logged in with this
    very address is pending first: holding a free place until `hold_until` (or, on a full event,
    holding nothing) until they click the link in the mail (`registration_confirm_email`).

    In ranked mode `workshops` is the person's preference order; in first-come mode each listed
    workshop is booked (or waitlisted) at once if the registration itself is confirmed.
    """
    now = now or timezone.now()
    if not consent:
        raise DomainError(
            _("Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein."), field="consent"
        )
    email = email.strip().lower()
    event = _lock_event(event)
    if not _may_register(event, by):
        raise NotAllowed(_("Zu dieser Veranstaltung wird nur eingeladen."))
    if not event.registration_open(now):
        raise DeadlineMissed(_("Die Anmeldung ist nicht geöffnet."))
    _check_workshops(event, workshops)
    _release_holds(event, now=now, by=None)
    existing = (
        event.registrations.filter(email=email).exclude(status=RegistrationStatus.CANCELLED).first()
    )
    if existing is not None and existing.status == RegistrationStatus.PENDING:
        if existing.holds_place:
            raise DomainError(
                _(
                    "Für diese E-Mail-Adresse wartet bereits eine Anmeldung auf Ihre Bestätigung. "
                    "Bitte klicken Sie auf den Link in der E-Mail, die wir Ihnen geschickt haben."
                ),
                field="email",
            )
        # never confirmed and holding nothing (mail lost?): the new attempt replaces it
        existing.cancel()
        existing.cancelled_at = now
        existing.save(update_fields=["status", "hold_until", "cancelled_at"])
        audit_record(
            action="event.registration_replaced",
            target=existing,
            by=by,
            data={"event": event.pk},
        )
    elif existing is not None:
        raise DomainError(
            _("Mit dieser E-Mail-Adresse ist bereits eine Anmeldung vorhanden."), field="email"
        )
    taken = _places_taken(event)
    _pause_for_race_control()
    registration = Registration(
        event=event,
        user=by if by is not None and by.is_authenticated else None,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        organisation_name=organisation_name.strip(),
        office=office,
        accessibility_needs=accessibility_needs.strip(),
        dietary_needs=dietary_needs.strip(),
        consent_at=now,
        secret=new_secret(),
    )
    if _needs_email_confirmation(event, by, email):
        registration.status = RegistrationStatus.PENDING
        if taken < event.capacity:
            registration.hold_until = min(
                now + timedelta(hours=settings.WIR_EVENT_CONFIRMATION_HOURS),
                event.registration_closes_at,
            )
    elif taken < event.capacity:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
    else:
        event.waiting_rank_counter += 1
        event.save(update_fields=["waiting_rank_counter"])
        registration.status = RegistrationStatus.WAITING
        registration.waiting_rank = event.waiting_rank_counter
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise DomainError(
            _("Mit dieser E-Mail-Adresse ist bereits eine Anmeldung vorhanden."), field="email"
        ) from error
    _store_choices(
        registration, event, workshops, ranked=event.workshop_mode == WorkshopMode.RANKED
    )
    if registration.status == RegistrationStatus.CONFIRMED:
        _seat_workshops(registration, event)
    audit_record(
        action=f"event.registration_{registration.status}",
        target=registration,
        by=by,
        data={"event": event.pk},
    )
    _mail_registration_state(registration, event)
    return registration


def _needs_email_confirmation(event: Event, by, email: str) -> bool:
    """Double opt-in unless the person is logged in with this address (verified at sign-up)."""
    own_address = (
        by is not None and by.is_authenticated and (by.email or "").strip().lower() == email
    )
    return event.email_confirmation and not own_address


def _mail_registration_state(registration: Registration, event: Event) -> None:
    template = {
        RegistrationStatus.PENDING: "events/email/registration_pending",
        RegistrationStatus.CONFIRMED: "events/email/registration_confirmed",
        RegistrationStatus.WAITING: "events/email/registration_waiting",
    }[RegistrationStatus(registration.status)]
    notify(
        to=[registration.email],
        template=template,
        context=_mail_context(registration),
        attachments=_ics_attachment(event)
        if registration.status == RegistrationStatus.CONFIRMED
        else None,
    )


@transaction.atomic
def registration_confirm_email(
    *, registration: Registration, by, now: datetime | None = None
) -> Registration:
    """The person clicked the link in the mail (double opt-in).

    Under the event lock, so that it is ordered against `release_expired_holds` and every other
    registration: a place still held becomes confirmed; a hold that ran out is released first
    (the waiting list has precedence), then a free place is taken, else the next waiting rank.
    Clicking again changes nothing.
    """
    now = now or timezone.now()
    event = _lock_event(registration.event_id)
    registration = _lock_registration(registration.pk)
    if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
        return registration
    if registration.status != RegistrationStatus.PENDING:
        raise DomainError(_("Diese Anmeldung ist storniert."))
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(_("Die Veranstaltung ist abgesagt."))
    held = (
        registration.status == RegistrationStatus.PENDING
        and registration.hold_until is not None
        and now <= registration.hold_until
    )
    _pause_for_race_control()
    if not held:
        if not event.registration_open(now):
            raise DeadlineMissed(
                _(
                    "Die Anmeldefrist ist abgelaufen, bevor Sie Ihre Anmeldung bestätigt haben. "
                    "Bitte wenden Sie sich an die gastgebende WIR-Einheit."
                )
            )
        _release_holds(event, now=now, by=by)
        registration.refresh_from_db(fields=["hold_until"])
        held = event.capacity - _places_taken(event) > 0
    if held:
        registration.confirm_email()
        registration.confirmed_at = now
        registration.save(update_fields=["status", "hold_until", "confirmed_at"])
        _seat_workshops(registration, event)
    else:
        registration.confirm_email_to_waiting_list()
        event.waiting_rank_counter += 1
        event.save(update_fields=["waiting_rank_counter"])
        registration.waiting_rank = event.waiting_rank_counter
        registration.save(update_fields=["status", "hold_until", "waiting_rank"])
    audit_record(
        action=f"event.registration_email_confirmed_{registration.status}",
        target=registration,
        by=by,
        data={"event": event.pk},
    )
    _mail_registration_state(registration, event)
    return registration


def _lock_registration(pk: int) -> Registration:
    if SKIP_LOCKING:
        return Registration.objects.get(pk=pk)
    return Registration.objects.select_for_update().get(pk=pk)


def _release_holds(event: Event, *, now: datetime, by) -> int:
    """Pending registrations whose hold ran out give their place back (event is locked); the
    waiting list moves on. They stay pending: a late click still gets a free place or a rank."""
    expired = list(
        event.registrations.filter(
            status=RegistrationStatus.PENDING, hold_until__isnull=False, hold_until__lt=now
        ).order_by("pk")
    )
    for registration in expired:
        registration.hold_until = None
        registration.save(update_fields=["hold_until"])
        audit_record(
            action="event.registration_hold_released",
            target=registration,
            by=by,
            data={"event": event.pk},
        )
    if expired:
        _fill_places(event, by=by)
    return len(expired)


def release_expired_holds(*, now: datetime | None = None) -> int:
    """Scheduled job: release the places of unconfirmed registrations whose hold ran out.

    One transaction per event, under its lock (the same order as every registration write).
    Idempotent: a second run finds nothing."""
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(
            status=RegistrationStatus.PENDING, hold_until__isnull=False, hold_until__lt=now
        )
        .order_by("event_id")
        .values_list("event_id", flat=True)
        .distinct()
    )
    released = 0
    for event_id in list(event_ids):
        with transaction.atomic():
            event = _lock_event(event_id)
            released += _release_holds(event, now=now, by=None)
    return released


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


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> list[Registration]:
    """Cancel; the freed place (and freed workshop seats) go to the next on the waiting list."""
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("Diese Anmeldung ist bereits storniert."))
    if timezone.now() >= event.ends_at:
        raise DeadlineMissed(_("Die Veranstaltung ist vorbei."))
    frees_place = registration.status == RegistrationStatus.CONFIRMED or registration.holds_place
    registration.cancel()
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "hold_until", "cancelled_at"])
    freed = list(
        Workshop.objects.filter(
            choices__registration=registration, choices__status=ChoiceStatus.CONFIRMED
        ).order_by("pk")
    )
    registration.choices.exclude(status=ChoiceStatus.NOT_ASSIGNED).update(
        status=ChoiceStatus.NOT_ASSIGNED
    )
    audit_record(
        action="event.registration_cancelled", target=registration, by=by, data={"event": event.pk}
    )
    notify(
        to=[registration.email],
        template="events/email/registration_cancelled",
        context=_mail_context(registration),
    )
    promoted = _fill_places(event, by=by) if frees_place else []
    if event.workshop_mode == WorkshopMode.FIRST_COME or event.assignment_published_at:
        for workshop in freed:
            _fill_workshop(workshop, by=by)
    return promoted


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    by,
    accessibility_needs: str,
    dietary_needs: str,
    organisation_name: str | None = None,
    workshops: Sequence[Workshop] | None = None,
) -> Registration:
    """Self-service change; workshops can change only before the deadline (and before assignment)."""
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("Diese Anmeldung ist storniert."))
    registration.accessibility_needs = accessibility_needs.strip()
    registration.dietary_needs = dietary_needs.strip()
    if organisation_name is not None:
        registration.organisation_name = organisation_name.strip()
    registration.save(update_fields=["accessibility_needs", "dietary_needs", "organisation_name"])
    current = [c.workshop_id for c in registration.choices.order_by("preference", "workshop_id")]
    if workshops is not None and [w.pk for w in workshops] != current:
        if not event.registration_open() or event.assignment_published_at:
            raise DeadlineMissed(
                _("Die Foren können nach dem Anmeldeschluss nicht mehr geändert werden."),
                field="workshops",
            )
        _check_workshops(event, workshops)
        wanted = {w.pk for w in workshops}
        freed = list(
            Workshop.objects.filter(
                choices__registration=registration, choices__status=ChoiceStatus.CONFIRMED
            )
            .exclude(pk__in=wanted)
            .order_by("pk")
        )
        ranked = event.workshop_mode == WorkshopMode.RANKED
        if ranked:
            registration.choices.all().delete()
            _store_choices(registration, event, workshops, ranked=True)
        else:
            registration.choices.exclude(workshop_id__in=wanted).delete()
            kept = set(registration.choices.values_list("workshop_id", flat=True))
            _store_choices(registration, event, [w for w in workshops if w.pk not in kept], False)
            if registration.status == RegistrationStatus.CONFIRMED:
                _book_workshops(registration, event)
            for workshop in freed:
                _fill_workshop(workshop, by=by)
    audit_record(action="event.registration_changed", target=registration, by=by)
    return registration


@transaction.atomic
def registration_check_in(*, registration: Registration, by, undo: bool = False) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(_("Nur bestätigte Anmeldungen können einchecken."))
    registration.checked_in_at = None if undo else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    audit_record(
        action="event.check_in_undone" if undo else "event.checked_in", target=registration, by=by
    )
    return registration


# --- fair workshop assignment (ranked mode) -----------------------------------------------------


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


# --- materials ----------------------------------------------------------------------------------


@transaction.atomic
def material_upload(*, event: Event, by, title: str, upload: ValidatedUpload) -> Material:
    """Keep a PDF that passed the shared upload checks (`SafeFileField`) in the documents store."""
    if upload.kind != "pdf":
        raise DomainError(_("Bitte laden Sie eine PDF-Datei hoch."), field="file")
    document = document_store(
        upload=upload, attach_to=event, kind=MATERIAL_KIND, by=by, label=title.strip()
    )
    material = Material.objects.create(
        event=event,
        title=title.strip(),
        document=document,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        action="event.material_uploaded", target=event, by=by, data={"material": material.pk}
    )
    return material


# --- retention ----------------------------------------------------------------------------------


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
