"""Reports of discrimination (issue #16): a low-threshold channel with referral to counselling.

Personal data minimised by design (Art. 5 Abs. 1 lit. c, Art. 25 DSGVO; threat model in
docs/threat-model-antidiscrimination.md): a report keeps no account, no IP address, no user agent
and no time of day (only the date it arrived); contact data only if the person gives it. The
receipt code is kept only as a slow hash (Django's password hasher) next to a short public part
that finds the row (`receipt.py`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wirportal.offices.models import Office

EVIDENCE_KIND = "antidiscrimination-evidence"


class Ground(models.TextChoices):
    """The grounds of § 1 AGG, plus racism and antisemitism named explicitly (as the Hessian
    counselling network does); "other" for what fits none of them."""

    RACISM = "racism", _("Rassismus / ethnische Herkunft")
    ANTISEMITISM = "antisemitism", _("Antisemitismus")
    RELIGION = "religion", _("Religion oder Weltanschauung")
    SEX = "sex", _("Geschlecht")
    SEXUAL_IDENTITY = "sexual_identity", _("Sexuelle Identität")
    DISABILITY = "disability", _("Behinderung oder chronische Krankheit")
    AGE = "age", _("Lebensalter")
    OTHER = "other", _("Anderer Grund")


class LifeArea(models.TextChoices):
    WORK = "work", _("Arbeit und Ausbildung")
    HOUSING = "housing", _("Wohnen")
    EDUCATION = "education", _("Schule, Kita und Hochschule")
    AUTHORITIES = "authorities", _("Ämter und Behörden")
    HEALTH = "health", _("Gesundheit und Pflege")
    GOODS = "goods", _("Freizeit, Geschäfte und Dienstleistungen")
    PUBLIC_SPACE = "public_space", _("Öffentlicher Raum und Verkehrsmittel")
    POLICE_JUSTICE = "police_justice", _("Polizei und Justiz")
    MEDIA = "media", _("Medien und Internet")
    OTHER = "other", _("Anderer Bereich")


class ReportStatus(models.TextChoices):
    NEW = "new", _("Neu")
    IN_PROGRESS = "in_progress", _("In Bearbeitung")
    REFERRED = "referred", _("An Beratungsstelle weitergegeben")
    CLOSED = "closed", _("Abgeschlossen")


class CounsellingCentre(models.Model):
    """A counselling centre of the Hessian network (maintained by the unit's staff)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    regions = models.ManyToManyField(
        Office,
        verbose_name=_("Zuständig für"),
        related_name="counselling_centres",
        help_text=_("Die WIR-Einheiten (Kreise und Städte), für die die Stelle berät."),
    )
    languages = models.CharField(
        _("Beratungssprachen"),
        max_length=300,
        help_text=_("Durch Kommas getrennt, z. B. „Deutsch, Englisch, Türkisch“."),
    )
    email = models.EmailField(_("E-Mail für Weitergaben"))
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    address = models.CharField(_("Anschrift"), max_length=200, blank=True)
    active = models.BooleanField(_("Nimmt Weitergaben an"), default=True)
    is_demo = models.BooleanField(_("Demodaten"), default=False, editable=False)

    class Meta:
        verbose_name = _("Beratungsstelle")
        verbose_name_plural = _("Beratungsstellen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]


class RetentionPolicy(models.Model):
    """How long reports are kept; one row, set by the unit's staff (Art. 5 Abs. 1 lit. e DSGVO:
    storage limitation). The daily job `antidiscrimination_purge` deletes by it."""

    closed_days = models.PositiveIntegerField(
        _("Abgeschlossene Meldungen löschen nach (Tagen)"),
        default=180,
        help_text=_("Gezählt ab dem Abschluss."),
    )
    inactive_days = models.PositiveIntegerField(
        _("Nicht abgeschlossene Meldungen löschen nach (Tagen ohne Aktivität)"),
        default=730,
        help_text=_("Gezählt ab der letzten Nachricht oder Änderung."),
    )

    class Meta:
        verbose_name = _("Löschfrist")
        verbose_name_plural = _("Löschfristen")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class Report(models.Model):
    """One report. Dates only, no times; no account; contact only if given."""

    public_id = models.CharField(max_length=8, unique=True, editable=False)
    code_hash = models.CharField(max_length=200, editable=False)
    description = models.TextField(_("Was ist passiert?"))
    happened_on = models.DateField(_("Wann ist es passiert?"))
    region = models.ForeignKey(
        Office,
        verbose_name=_("Wo ist es passiert?"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    life_area = models.CharField(_("Lebensbereich"), max_length=20, choices=LifeArea.choices)
    contact_name = models.CharField(_("Name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    contact_consent = models.BooleanField(_("Kontakt erwünscht"), default=False)
    referral_wanted = models.BooleanField(_("Weitergabe an Beratung erwünscht"), default=False)
    share_description = models.BooleanField(
        _("Schilderung darf weitergegeben werden"), default=False
    )
    share_contact = models.BooleanField(
        _("Kontaktdaten dürfen weitergegeben werden"), default=False
    )
    share_files = models.BooleanField(_("Dateien dürfen weitergegeben werden"), default=False)
    status = models.CharField(
        _("Stand"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    internal_note = models.TextField(_("Interne Notiz"), blank=True)
    received_on = models.DateField(_("Eingegangen am"))
    last_activity_on = models.DateField(_("Letzte Aktivität"))
    closed_on = models.DateField(_("Abgeschlossen am"), null=True, blank=True)
    referred_to = models.ForeignKey(
        CounsellingCentre,
        verbose_name=_("Weitergegeben an"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    referred_on = models.DateField(_("Weitergegeben am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["status", "closed_on"]),
            models.Index(fields=["last_activity_on"]),
        ]

    def __str__(self) -> str:
        # audit entries keep this: the number only, never content
        return f"Meldung {self.public_id}"


class ReportGround(models.Model):
    """One ground of a report (a report names one or several)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="grounds")
    ground = models.CharField(_("Merkmal"), max_length=20, choices=Ground.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "ground"], name="adisc_ground_once")
        ]
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_ground_display()


class Message(models.Model):
    """A message on a report: the reporter's additions and the unit's replies."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    from_staff = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("Nachricht"))
    sent_on = models.DateField(_("Datum"))

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.report} #{self.pk}"
