"""Hessen's administrative units that run WIR offices, and the organisations (Träger) that apply."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wirportal.core.models import TimeStampedModel

from .banking import validate_iban


class GovernmentDistrict(models.Model):
    """Regierungsbezirk (Darmstadt, Gießen, Kassel) of Land Hessen (key 06)."""

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


class OfficeMembership(TimeStampedModel):
    """Binds a coordinator's account to exactly one WIR unit."""

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
    WELFARE = "welfare", _("Wohlfahrtsverband")
    CHURCH = "church", _("Kirchliche Körperschaft")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrantenorganisation")
    ASSOCIATION = "association", _("Eingetragener Verein")
    OTHER = "other", _("Sonstige")


class Organisation(TimeStampedModel):
    """A Träger: municipality, association or other body that applies for and receives grants."""

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
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
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

    @property
    def iban_masked(self) -> str:
        if not self.iban:
            return ""
        return f"{self.iban[:4]} **** **** {self.iban[-4:]}"


class OrganisationMembership(TimeStampedModel):
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
