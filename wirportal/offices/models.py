"""Hessen's administrative units that run WIR offices, and the organisations (Träger) that apply."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from wirportal.core.caching import person_version
from wirportal.core.models import TimeStampedModel
from wirportal.core.tokens import InvitationLink

from .banking import validate_iban
from .fields import EncryptedCharField


class GovernmentDistrict(models.Model):
    """Regierungsbezirk (Darmstadt, Gießen, Kassel) of Land Hessen (key 06)."""

    content_versions = ("offices",)  # core.caching: pages showing these re-render

    key = models.CharField(_("Schlüssel"), max_length=3, unique=True)  # 064, 065, 066
    name = models.CharField(_("Name"), max_length=80)

    class Meta:
        verbose_name = _("Regierungsbezirk")
        verbose_name_plural = _("Regierungsbezirke")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"Regierungsbezirk {self.name}"


class UnitKind(models.TextChoices):
    DISTRICT = "landkreis", _("Landkreis")
    CITY = "kreisfreie_stadt", _("Kreisfreie Stadt")
    SPECIAL_STATUS_CITY = "sonderstatusstadt", _("Sonderstatusstadt")


class ConferenceRegion(models.TextChoices):
    NORTH = "nord", _("Nordhessen")
    SOUTH = "sued", _("Südhessen")


class Office(TimeStampedModel):
    """One of the 33 WIR units (Landkreis, kreisfreie Stadt or Sonderstatusstadt) and its office."""

    content_versions = ("offices",)  # core.caching: pages showing these re-render

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=24, choices=UnitKind.choices)
    district = models.ForeignKey(
        GovernmentDistrict,
        verbose_name=_("Regierungsbezirk"),
        on_delete=models.PROTECT,
        related_name="offices",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Landkreis"),
        help_text=_("Für Sonderstatusstädte: der Landkreis, dem sie angehören."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="special_status_cities",
    )
    population = models.PositiveIntegerField(_("Einwohnerzahl"))
    population_source = models.CharField(_("Quelle der Einwohnerzahl"), max_length=120, blank=True)
    conference_region = models.CharField(
        _("Konferenzregion"), max_length=8, choices=ConferenceRegion.choices
    )
    office_name = models.CharField(_("Bezeichnung der Stelle"), max_length=160, blank=True)
    email = models.EmailField(_("Funktions-E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    address = models.CharField(_("Anschrift"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("WIR-Einheit")
        verbose_name_plural = _("WIR-Einheiten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == UnitKind.SPECIAL_STATUS_CITY and self.parent_id is None:
            raise ValidationError(
                {"parent": _("Eine Sonderstatusstadt gehört zu einem Landkreis.")}
            )
        if self.kind != UnitKind.SPECIAL_STATUS_CITY and self.parent_id is not None:
            raise ValidationError(
                {"parent": _("Nur Sonderstatusstädte gehören zu einem Landkreis.")}
            )


class OfficeKey(models.Model):
    """Official key (AGS or Kreisschlüssel) and kind of a unit for a period; Hanau changed on 1.1.2026."""

    content_versions = ("offices",)  # core.caching: pages showing these re-render

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(_("Amtlicher Schlüssel"), max_length=8)
    kind = models.CharField(_("Art in diesem Zeitraum"), max_length=24, choices=UnitKind.choices)
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Amtlicher Schlüssel")
        verbose_name_plural = _("Amtliche Schlüssel")
        ordering = ["office", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "valid_from"], name="officekey_unique_key_period"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="officekey_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class OfficeFunction(models.TextChoices):
    COORDINATION = "coordination", _("Koordination")
    CASE_MANAGEMENT = "case_management", _("Fallmanagement")
    SUPPORT = "support", _("Mitarbeitsstelle")
    LEAD = "lead", _("Leitung")


def membership_version(user_id: int) -> str:
    """The content version (core.caching) of one person's memberships in units and organisations:
    lists whose scope they decide depend on it, so a move shows on the person's next request. It
    is the person's `person_version`, which their own row and permissions renew too."""
    return person_version(user_id)


class Membership(TimeStampedModel):
    """A person's membership (unit or organisation). Every change bumps `content_name` and the
    memberships version of the person, and of the person the row had when it was loaded if the
    membership was handed to someone else."""

    content_name = ""
    user_id: int
    _loaded_user_id: int | None = None

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, *args, **kwargs):
        instance = super().from_db(*args, **kwargs)
        instance._loaded_user_id = instance.__dict__.get("user_id")
        return instance

    def people(self) -> list[int]:
        """The person the row names and, if it was handed over, the one it was loaded with."""
        return sorted({pk for pk in (self.user_id, self._loaded_user_id) if pk is not None})

    def content_versions(self) -> tuple[str, ...]:  # core.caching
        return (self.content_name, *(membership_version(pk) for pk in self.people()))


class OfficeMembership(Membership):
    """Binds a coordinator's account to exactly one WIR unit."""

    content_name = "offices"  # core.caching: pages showing these re-render

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_membership"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    function = models.CharField(
        _("Funktion"),
        max_length=24,
        choices=OfficeFunction.choices,
        default=OfficeFunction.COORDINATION,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Zugehörigkeit zu einer WIR-Einheit")
        verbose_name_plural = _("Zugehörigkeiten zu WIR-Einheiten")

    def __str__(self) -> str:
        return f"{self.user} – {self.office}"


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeinde / Stadt")
    DISTRICT = "district", _("Landkreis")
    # a Zusammenschluss of local authorities (KGG): gets the ANBest-GK like its members
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    WELFARE = "welfare", _("Wohlfahrtsverband")
    CHURCH = "church", _("Kirchliche Körperschaft")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrantenorganisation")
    ASSOCIATION = "association", _("Eingetragener Verein")
    OTHER = "other", _("Sonstige")


class Organisation(TimeStampedModel):
    """A Träger: municipality, association or other body that applies for and receives grants."""

    content_versions = ("organisations",)  # core.caching: pages showing these re-render

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art des Trägers"), max_length=32, choices=OrganisationKind.choices)
    public_benefit = models.BooleanField(
        _("Gemeinnützig"),
        default=False,
        help_text=_("Gemeinnützigkeit ist durch Freistellungsbescheid belegt."),
    )
    register_number = models.CharField(_("Registernummer"), max_length=60, blank=True)
    office = models.ForeignKey(
        Office,
        verbose_name=_("WIR-Einheit (Sitz)"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=120)
    postcode = models.CharField(_("Postleitzahl"), max_length=5)
    city = models.CharField(_("Ort"), max_length=80)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    account_holder = models.CharField(_("Kontoinhaber"), max_length=70, blank=True)
    # encrypted at rest like the TOTP secrets (accounts.encryption); readers see the clear IBAN
    iban = EncryptedCharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("Kreditinstitut"), max_length=120, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="OrganisationMembership", related_name="organisations"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Träger")
        verbose_name_plural = _("Träger")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # a payment needs to know whose account it goes to (SEPA: name of the payee)
        if self.iban and not self.account_holder.strip():
            raise ValidationError(
                {"account_holder": _("Bitte geben Sie an, auf wen das Konto lautet.")}
            )

    @property
    def iban_masked(self) -> str:
        if not self.iban:
            return ""
        return f"{self.iban[:4]} **** **** {self.iban[-4:]}"


class OrganisationMembership(Membership):
    content_name = "organisations"  # core.caching: pages showing these re-render

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    is_admin = models.BooleanField(_("Darf Mitglieder verwalten"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="unique_organisation_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class OrganisationInvitation(InvitationLink, TimeStampedModel):
    """An admin of a Träger invites an e-mail address; the person joins by accepting it.

    Whoever adds a member gets the same answer for every address (no account lookup shown), and
    nobody becomes a member of a Träger without their own consent. Only an applicant account with
    the invited address can accept; the link is signed and ends after `VALID_DAYS`.
    """

    TOKEN_SALT = "wirportal.offices.invitation"
    ACCEPT_URL = "offices:organisation-invitation"
    TOKEN_RELATED = ("organisation", "invited_by")
    content_versions = ("organisations",)  # core.caching: pages showing these re-render

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    is_admin = models.BooleanField(_("Darf Mitglieder verwalten"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    secret = models.CharField(max_length=32)  # renewed on every sending: older links stop working
    sent_at = models.DateTimeField(_("Gesendet am"))
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung zu einem Träger")
        verbose_name_plural = _("Einladungen zu Trägern")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="organisationinvitation_one_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class StaffEntry(TimeStampedModel):
    """A person working in a unit's office, with the contact fields the person chose to publish.

    The unit's coordinators keep the entry; publication needs the person's consent (`publish`),
    and each contact field is published only if its own flag is set as well.
    """

    content_versions = ("offices",)  # core.caching: pages showing these re-render

    office = models.ForeignKey(
        Office, verbose_name=_("WIR-Einheit"), on_delete=models.CASCADE, related_name="staff"
    )
    function = models.CharField(_("Funktion"), max_length=24, choices=OfficeFunction.choices)
    name = models.CharField(_("Name"), max_length=120)
    position_title = models.CharField(
        _("Stellenbezeichnung"),
        max_length=160,
        blank=True,
        help_text=_("Zum Beispiel „Integrationsbeauftragte“ oder „Fallmanagement Geflüchtete“."),
    )
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    languages = models.CharField(
        _("Sprachen"),
        max_length=200,
        blank=True,
        help_text=_("Sprachen, in denen die Person beraten kann, durch Kommas getrennt."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_entries",
        help_text=_("Nur Konten, die dieser WIR-Einheit zugeordnet sind."),
    )
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    publish = models.BooleanField(
        _("Im öffentlichen Verzeichnis zeigen"),
        default=False,
        help_text=_(
            "Nur mit Einwilligung der Person. Gezeigt werden dann Name, Funktion und "
            "Stellenbezeichnung; Kontaktangaben nur, soweit unten ausgewählt."
        ),
    )
    publish_email = models.BooleanField(_("E-Mail-Adresse veröffentlichen"), default=False)
    publish_phone = models.BooleanField(_("Telefonnummer veröffentlichen"), default=False)
    publish_languages = models.BooleanField(_("Sprachen veröffentlichen"), default=False)
    consent_at = models.DateTimeField(_("Einwilligung erteilt am"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Mitarbeitende des Vielfaltszentrums")
        verbose_name_plural = _("Mitarbeitende der Vielfaltszentren")
        ordering = ["office", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "user"],
                condition=models.Q(user__isnull=False),
                name="staffentry_one_entry_per_user_and_office",
            ),
            # a contact field can only be public if the person agreed to the directory at all
            models.CheckConstraint(
                condition=models.Q(publish=True)
                | models.Q(publish_email=False, publish_phone=False, publish_languages=False),
                name="staffentry_field_publication_needs_consent",
                violation_error_message=_(
                    "Kontaktangaben können nur mit Einwilligung in das öffentliche Verzeichnis "
                    "veröffentlicht werden."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.office})"

    def clean(self) -> None:
        errors = {}
        if not self.publish:
            for flag in ("publish_email", "publish_phone", "publish_languages"):
                if getattr(self, flag):
                    errors[flag] = _(
                        "Kontaktangaben können nur veröffentlicht werden, wenn die Person "
                        "dem öffentlichen Verzeichnis zugestimmt hat."
                    )
        for flag, value_field, message in (
            ("publish_email", "email", _("Es ist keine E-Mail-Adresse eingetragen.")),
            ("publish_phone", "phone", _("Es ist keine Telefonnummer eingetragen.")),
            ("publish_languages", "languages", _("Es sind keine Sprachen eingetragen.")),
        ):
            if getattr(self, flag) and not getattr(self, value_field) and flag not in errors:
                errors[flag] = message
        if errors:
            raise ValidationError(errors)

    def public_contact(self) -> "PublicStaffContact":
        """Only what the person chose to publish; the public page and API never see more."""
        return PublicStaffContact(
            pk=self.pk,
            name=self.name,
            function=self.function,
            function_display=str(self.get_function_display()),
            position_title=self.position_title,
            email=self.email if self.publish_email else "",
            phone=self.phone if self.publish_phone else "",
            languages=self.languages if self.publish_languages else "",
        )


@dataclass(frozen=True)
class PublicStaffContact:
    pk: int
    name: str
    function: str
    function_display: str
    position_title: str
    email: str
    phone: str
    languages: str


class Topic(models.Model):
    """A topic of the network (Sprache, Arbeit, …); programme staff keep the list."""

    content_versions = ("offices",)  # core.caching: pages showing these re-render

    name = models.CharField(_("Name"), max_length=80, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ActorKind(models.TextChoices):
    WELFARE = "welfare", _("Wohlfahrtsverband")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrantenorganisation")
    ASSOCIATION = "association", _("Verein / Initiative")
    AUTHORITY = "authority", _("Behörde / Verwaltung")
    LANGUAGE_COURSE_PROVIDER = "language_course_provider", _("Sprachkursträger")


class UnitChangeRecord(models.Model):
    """Extra column of a history record: the WIR unit on whose behalf the change was made."""

    changed_by_unit = models.ForeignKey(
        Office,
        verbose_name=_("Geändert von (WIR-Einheit)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # history outlives units and must never block deleting one
    )

    class Meta:
        abstract = True


class RegionalActor(TimeStampedModel):
    """A regional actor of the integration network and the units it works in.

    The unit that recorded the actor keeps it (`owner_office`): only its coordinators (and
    programme staff) change or delete it. Other units may link the actor to their own page and
    unlink it again, which changes nothing of what the actor's entry says.
    """

    content_versions = ("offices",)  # core.caching: pages showing these re-render

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=32, choices=ActorKind.choices)
    description = models.TextField(_("Beschreibung"), blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), related_name="actors", blank=True
    )
    offices = models.ManyToManyField(
        Office, verbose_name=_("WIR-Einheiten"), related_name="actors", blank=True
    )
    owner_office = models.ForeignKey(
        Office,
        verbose_name=_("Gepflegt von (WIR-Einheit)"),
        help_text=_(
            "Nur diese WIR-Einheit ändert die Angaben. Andere Einheiten können den Akteur ihrer "
            "Seite zuordnen, aber nicht ändern."
        ),
        on_delete=models.PROTECT,
        related_name="owned_actors",
        # empty only for actors recorded before units kept them that had no unit at all
        null=True,
        blank=True,
    )
    contact_person = models.CharField(_("Ansprechperson"), max_length=120, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=120, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=80, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    is_public = models.BooleanField(
        _("Öffentlich"),
        default=False,
        help_text=_(
            "Öffentliche Akteure erscheinen auf den öffentlichen Seiten ihrer WIR-Einheiten. "
            "Nur Angaben der Organisation eintragen, keine privaten Kontaktdaten."
        ),
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[topics, offices], bases=[UnitChangeRecord]
    )

    class Meta:
        verbose_name = _("Regionaler Akteur")
        verbose_name_plural = _("Regionale Akteure")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="regionalactor_name_idx")]

    def __str__(self) -> str:
        return self.name


@receiver(pre_create_historical_record)
def _record_changing_unit(sender, instance, history_instance, history_user=None, **kwargs) -> None:
    """Name the unit in the history: the one the service acted for, else the person's unit."""
    if not isinstance(history_instance, UnitChangeRecord):
        return
    if hasattr(instance, "_changed_by_unit"):  # set by the services (also to None: Land staff)
        history_instance.changed_by_unit = instance._changed_by_unit
    elif history_user is not None:  # e.g. the Django admin
        membership = OfficeMembership.objects.filter(user=history_user).first()
        history_instance.changed_by_unit = membership.office if membership is not None else None
