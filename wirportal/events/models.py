"""Events of the WIR network: conferences, networking meetings, trainings; registrations and waiting lists.

Invariants that protect the places (never overbooked) live in the registration services, which lock
the event row; the database backs them with unique constraints on (event, e-mail) of active
registrations and on (event, waiting rank).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from wirportal.core.models import TimeStampedModel
from wirportal.documents.models import StoredDocument
from wirportal.offices.models import ConferenceRegion, Office, Organisation, RegionalActor

DEFAULT_RETENTION_DAYS = 90


class EventKind(models.TextChoices):
    REGIONAL_CONFERENCE = "regional_conference", _("Regionalkonferenz")
    NETWORKING = "networking", _("Vernetzungstreffen")
    TRAINING = "training", _("Fortbildung / Input")
    ONLINE = "online", _("Online-Treffen")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Öffentlich")
    INVITED = "invited", _("Nur eingeladene Rollen")


class WorkshopMode(models.TextChoices):
    FIRST_COME = "first_come", _("Wer zuerst kommt, erhält den Platz")
    RANKED = "ranked", _("Wunschliste mit Zuteilung nach Anmeldeschluss")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("Veröffentlicht")
    CANCELLED = "cancelled", _("Abgesagt")


# Content tokens (core.caching) per event: a change re-renders that event's pages only; the list
# of events depends on "events" (the events themselves) and "event-places" (free places).
def _names_of_event(event) -> tuple[str, ...]:
    return ("events", f"event:{event.pk}")


def _names_of_event_part(part) -> tuple[str, ...]:
    return (f"event:{part.event_id}",)


def _names_of_registration(registration) -> tuple[str, ...]:
    return (f"event:{registration.event_id}", "event-places")


def _names_of_choice(choice) -> tuple[str, ...]:
    return (f"event:{choice.registration.event_id}",)


class Event(TimeStampedModel):
    """A conference, networking meeting, training or online meeting hosted by one WIR unit."""

    content_versions = _names_of_event  # core.caching

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=120, unique=True)
    kind = models.CharField(_("Art"), max_length=24, choices=EventKind.choices)
    region = models.CharField(
        _("Konferenzregion"), max_length=8, choices=ConferenceRegion.choices, blank=True
    )
    host_office = models.ForeignKey(
        Office,
        verbose_name=_("Gastgebende WIR-Einheit"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Anschrift"), max_length=200, blank=True)
    online_url = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    registration_opens_at = models.DateTimeField(_("Anmeldung ab"))
    registration_closes_at = models.DateTimeField(_("Anmeldeschluss"))
    audience = models.CharField(
        _("Zielgruppe"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC
    )
    # Stored as ",role,role," so that one indexed-free LIKE finds an invited role on any database.
    invited_roles = models.CharField(
        _("Eingeladene Rollen"),
        max_length=200,
        blank=True,
        help_text=_("Nur bei eingeladenen Rollen: wer sich anmelden darf."),
    )
    capacity = models.PositiveIntegerField(_("Plätze"))
    workshop_mode = models.CharField(
        _("Wahl der Foren"),
        max_length=16,
        choices=WorkshopMode.choices,
        default=WorkshopMode.FIRST_COME,
    )
    exhibitor_slots = models.PositiveSmallIntegerField(
        _("Stände im Markt der Möglichkeiten"), default=0
    )
    email_confirmation = models.BooleanField(
        _("Anmeldung per E-Mail bestätigen lassen"),
        default=False,
        help_text=_(
            "Wer sich ohne Konto anmeldet, erhält zuerst eine E-Mail mit einem Bestätigungslink. "
            "Bis zur Bestätigung bleibt der Platz reserviert (Voreinstellung: 24 Stunden), längstens "
            "bis zum Anmeldeschluss; danach geht er an die Warteliste."
        ),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("Löschfrist personenbezogener Daten (Tage nach dem Ende)"),
        default=DEFAULT_RETENTION_DAYS,
    )
    status = FSMField(
        _("Status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    # Counter for waiting-list ranks; only changed while the event row is locked.
    waiting_rank_counter = models.PositiveIntegerField(default=0, editable=False)
    assignment_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("Grund der Absage"), blank=True, editable=False)
    # Who takes part besides the host (issue #12): shown on the event page and the units' pages
    # only once the organiser publishes the list; actors only where their entry is public.
    participating_offices = models.ManyToManyField(
        Office,
        verbose_name=_("Beteiligte WIR-Einheiten"),
        related_name="participating_events",
        blank=True,
    )
    participating_actors = models.ManyToManyField(
        RegionalActor,
        verbose_name=_("Beteiligte regionale Akteure"),
        related_name="participating_events",
        blank=True,
    )
    participants_published = models.BooleanField(_("Beteiligte veröffentlichen"), default=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "waiting_rank_counter"])

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gte=models.F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Das Ende liegt vor dem Beginn.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at < self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Der Anmeldeschluss liegt vor dem Anmeldebeginn.")
        if (
            self.registration_closes_at
            and self.ends_at
            and self.registration_closes_at > self.ends_at
        ):
            errors["registration_closes_at"] = _(
                "Der Anmeldeschluss liegt nach dem Ende der Veranstaltung."
            )
        if self.audience == Audience.INVITED and not self.invited_roles:
            errors["invited_roles"] = _("Bitte wählen Sie mindestens eine eingeladene Rolle.")
        if self.kind == EventKind.ONLINE and not self.online_url:
            errors["online_url"] = _("Ein Online-Treffen braucht einen Link.")
        if self.kind != EventKind.ONLINE and not self.venue:
            errors["venue"] = _("Bitte geben Sie den Ort an.")
        if errors:
            raise ValidationError(errors)

    @transition(field=status, source=EventStatus.DRAFT, target=EventStatus.PUBLISHED)
    def publish(self) -> None:
        pass

    # Only a published event can be called off: a draft has no audience and no registrations, and
    # a cancelled event stays visible to its audience, which must never reveal a former draft.
    @transition(field=status, source=EventStatus.PUBLISHED, target=EventStatus.CANCELLED)
    def cancel(self) -> None:
        pass

    @property
    def invited_role_list(self) -> list[str]:
        return [role for role in self.invited_roles.split(",") if role]

    @staticmethod
    def pack_roles(roles) -> str:
        roles = [r for r in roles if r]
        return f",{','.join(sorted(set(roles)))}," if roles else ""

    @property
    def is_online(self) -> bool:
        return self.kind == EventKind.ONLINE

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == EventStatus.PUBLISHED
            and self.registration_opens_at <= now <= self.registration_closes_at
        )

    @property
    def purge_due_at(self):
        return self.ends_at + timedelta(days=self.retention_days)

    def self_service_expired(self, now=None) -> bool:
        """Self-service links end with the retention period, when the personal data goes."""
        now = now or timezone.now()
        return self.personal_data_purged_at is not None or now >= self.purge_due_at


class AgendaItem(models.Model):
    """One point of the day plan (welcome, keynote, Foren, Markt der Möglichkeiten)."""

    content_versions = _names_of_event_part  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    title = models.CharField(_("Titel"), max_length=200)
    speaker = models.CharField(_("Mitwirkende"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Das Ende liegt vor dem Beginn.")})


class Workshop(models.Model):
    """A parallel workshop (Forum) with its own capacity."""

    content_versions = _names_of_event_part  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    moderation = models.CharField(_("Moderation"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"))
    waiting_rank_counter = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords(excluded_fields=["waiting_rank_counter"])

    class Meta:
        verbose_name = _("Forum")
        verbose_name_plural = _("Foren")
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.title


class Exhibitor(models.Model):
    """A stand in the 'Markt der Möglichkeiten' where a funded project presents itself."""

    content_versions = _names_of_event_part  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Träger"), on_delete=models.PROTECT, related_name="+"
    )
    project_title = models.CharField(_("Projekt"), max_length=200)
    slot_number = models.PositiveSmallIntegerField(_("Stand Nr."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Stand im Markt der Möglichkeiten")
        verbose_name_plural = _("Stände im Markt der Möglichkeiten")
        ordering = ["event", "slot_number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slot_number"], name="exhibitor_unique_slot")
        ]

    def __str__(self) -> str:
        return f"{self.slot_number}: {self.project_title}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("E-Mail-Bestätigung ausstehend")
    CONFIRMED = "confirmed", _("Bestätigt")
    WAITING = "waiting", _("Warteliste")
    CANCELLED = "cancelled", _("Storniert")


class Registration(models.Model):
    """A person's registration. Personal data is minimal and deleted after the retention period.

    No simple-history here on purpose: a history table would keep the personal data that the
    retention job deletes (docs/decisions, events ADR).

    States: confirmed ⇄ waiting → cancelled; with the event's e-mail confirmation (double opt-in)
    an anonymous registration starts as pending, holding a place until `hold_until`, and becomes
    confirmed (place held or free) or waiting (place gone) when the person clicks the mail link.
    """

    content_versions = _names_of_registration  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    email = models.EmailField(_("E-Mail-Adresse"))
    organisation_name = models.CharField(_("Organisation"), max_length=200, blank=True)
    office = models.ForeignKey(
        Office,
        verbose_name=_("WIR-Einheit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accessibility_needs = models.TextField(_("Bedarfe für barrierefreie Teilnahme"), blank=True)
    dietary_needs = models.CharField(_("Hinweise zur Verpflegung"), max_length=300, blank=True)
    consent_at = models.DateTimeField(_("Einwilligung erteilt am"))
    status = FSMField(_("Status"), max_length=16, choices=RegistrationStatus.choices)
    waiting_rank = models.PositiveIntegerField(_("Platz auf der Warteliste"), null=True, blank=True)
    # Pending only: the place is held for this person until then; None = holds no place (the
    # event was full, or the hold ran out and was released by `release_expired_holds`).
    hold_until = models.DateTimeField(_("Platz reserviert bis"), null=True, blank=True)
    secret = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Storniert am"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("Eingecheckt um"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="registration_unique_active_email",
            ),
            models.UniqueConstraint(
                fields=["event", "waiting_rank"],
                condition=Q(waiting_rank__isnull=False),
                name="registration_unique_waiting_rank",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        # no name here: this string lands in audit entries, which outlive the retention period
        return f"Anmeldung #{self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def holds_place(self) -> bool:
        return self.status == RegistrationStatus.PENDING and self.hold_until is not None

    @transition(
        field=status, source=RegistrationStatus.WAITING, target=RegistrationStatus.CONFIRMED
    )
    def promote(self) -> None:
        pass

    # double opt-in: the address is confirmed; the place was held (or is free), or it is gone
    @transition(
        field=status, source=RegistrationStatus.PENDING, target=RegistrationStatus.CONFIRMED
    )
    def confirm_email(self) -> None:
        self.hold_until = None

    @transition(field=status, source=RegistrationStatus.PENDING, target=RegistrationStatus.WAITING)
    def confirm_email_to_waiting_list(self) -> None:
        self.hold_until = None

    @transition(
        field=status,
        source=[
            RegistrationStatus.PENDING,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITING,
        ],
        target=RegistrationStatus.CANCELLED,
    )
    def cancel(self) -> None:
        self.hold_until = None


class ChoiceStatus(models.TextChoices):
    REQUESTED = "requested", _("Gewünscht")
    CONFIRMED = "confirmed", _("Platz bestätigt")
    WAITING = "waiting", _("Warteliste")
    NOT_ASSIGNED = "not_assigned", _("Nicht zugeteilt")


class WorkshopChoice(models.Model):
    """A registration's wish for a workshop: a direct booking (first come) or a ranked preference."""

    content_versions = _names_of_choice  # core.caching

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="choices")
    preference = models.PositiveSmallIntegerField(
        _("Wunsch"), null=True, blank=True, help_text=_("1 = erster Wunsch; leer = ohne Wunsch")
    )
    status = models.CharField(_("Status"), max_length=16, choices=ChoiceStatus.choices)
    waiting_rank = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Forenwahl")
        verbose_name_plural = _("Forenwahlen")
        ordering = ["registration", "preference", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "workshop"], name="choice_unique_workshop"
            ),
            models.UniqueConstraint(
                fields=["workshop", "waiting_rank"],
                condition=Q(waiting_rank__isnull=False),
                name="choice_unique_waiting_rank",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} → {self.workshop}"


class AssignmentRun(models.Model):
    """One run of the fair workshop assignment (ranked mode); the latest one counts until published."""

    content_versions = _names_of_event_part  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assignment_runs")
    seed = models.PositiveIntegerField(_("Startwert"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    participants = models.PositiveIntegerField(default=0)
    by_preference = models.JSONField(
        default=dict
    )  # {"1": 40, "2": 7, "3": 1, "none": 0, "unassigned": 0}
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Zuteilungslauf")
        verbose_name_plural = _("Zuteilungsläufe")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Zuteilung {self.event} ({self.seed})"


class AttendanceFigure(models.Model):
    """Anonymous figures kept after personal data was deleted (per event and per workshop)."""

    content_versions = _names_of_event_part  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_figures")
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    registered = models.PositiveIntegerField(default=0)
    confirmed = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Teilnahmezahl")
        verbose_name_plural = _("Teilnahmezahlen")
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(workshop__isnull=True),
                name="attendance_unique_event_total",
            ),
            models.UniqueConstraint(
                fields=["event", "workshop"],
                condition=Q(workshop__isnull=False),
                name="attendance_unique_event_workshop",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.confirmed}"


MATERIAL_KIND = "veranstaltungsmaterial"


def material_path(instance, filename: str) -> str:
    """Upload path of the former `Material.file`; kept only because migration 0001 refers to it."""
    return f"events/{instance.event_id}/{instance.token}.pdf"


class Material(models.Model):
    """A document handed out after the event (slides, documentation); PDF only.

    The file lives in the shared upload store (`documents.StoredDocument`, attached to the event
    with kind `veranstaltungsmaterial`); this row adds the title shown on the event page.
    """

    content_versions = _names_of_event_part  # core.caching

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("Titel"), max_length=200)
    document = models.ForeignKey(
        StoredDocument, verbose_name=_("Datei"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")
        ordering = ["event", "title"]

    def __str__(self) -> str:
        return self.title
