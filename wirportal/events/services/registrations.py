"""Registrations: register (with waiting list and workshop choices), confirm the e-mail address
(double opt-in, held places), change, cancel, and the job releasing expired holds."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.core.tokens import new_secret
from wirportal.notifications.services import notify

from ..models import (
    Audience,
    ChoiceStatus,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopChoice,
    WorkshopMode,
)
from .common import (
    _ics_attachment,
    _lock_event,
    _lock_registration,
    _mail_context,
    _pause_for_race_control,
)
from .places import _book_workshops, _fill_places, _fill_workshop, _places_taken, _seat_workshops


def _may_register(event: Event, by) -> bool:
    if event.audience == Audience.PUBLIC:
        return True
    if by is None or not by.is_authenticated:
        return False
    return by.is_superuser or by.role in event.invited_role_list


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
