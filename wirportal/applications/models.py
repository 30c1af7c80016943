"""Applications (Anträge): draft, cost and financing plan, submission snapshots, lifecycle.

The lifecycle is declared once here (django-fsm-2). Transition bodies are empty: services call
them and do the side effects (audit, mail, budget). Later stages (acceptance of the decision,
payments, proof of use) live on their own models in decisions/payments/reports.

    draft ──submit──▶ submitted ──start_review──▶ in_review ──approve──▶ approved
      │                 │   ▲                        │  ├──approve_partially──▶ partially_approved
      │                 │   └──submit── changes_requested ◀──request_changes──┤
      │                 └──reject──▶ rejected ◀──────────────────reject──────┘
      └──withdraw (from draft/submitted/in_review/changes_requested)──▶ withdrawn
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from wirportal.core.models import TimeStampedModel
from wirportal.core.money import to_money
from wirportal.offices.models import Organisation
from wirportal.programmes.models import Call, FundingLine, UnitRate

MONEY: dict = {"max_digits": 14, "decimal_places": 2}


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("Eingereicht")
    IN_REVIEW = "in_review", _("In Prüfung")
    CHANGES_REQUESTED = "changes_requested", _("Nachbesserung angefordert")
    APPROVED = "approved", _("Bewilligt")
    PARTIALLY_APPROVED = "partially_approved", _("Teilweise bewilligt")
    REJECTED = "rejected", _("Abgelehnt")
    WITHDRAWN = "withdrawn", _("Zurückgezogen")


S = ApplicationStatus
EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
WITHDRAWABLE = [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED]
DECIDED = frozenset({S.APPROVED, S.PARTIALLY_APPROVED, S.REJECTED, S.WITHDRAWN})
# Never submitted: a draft, or a draft its organisation withdrew. Only the applicant
# organisation sees these; no staff role does (ADR 0005).
NEVER_SUBMITTED = models.Q(status=S.DRAFT) | models.Q(status=S.WITHDRAWN, submitted_at__isnull=True)


class TargetGroup(models.TextChoices):
    REFUGEES = "gefluechtete", _("Geflüchtete")
    WOMEN = "frauen", _("Frauen und Mädchen")
    YOUTH = "jugendliche", _("Kinder und Jugendliche")
    FAMILIES = "familien", _("Familien")
    SENIORS = "aeltere", _("Ältere Menschen")
    NEWCOMERS = "neuzugewanderte", _("Neuzugewanderte")
    VOLUNTEERS = "ehrenamtliche", _("Ehrenamtliche")
    ADMINISTRATION = "verwaltung", _("Kommunale Verwaltung")
    GENERAL = "allgemein", _("Stadtgesellschaft allgemein")


class OtherFundingDeclaration(models.TextChoices):
    """The applicant's declaration of other funding for the same project (Doppelförderung)."""

    NONE = "keine", _("Keine weiteren Förderungen beantragt oder erhalten")
    DECLARED = "angegeben", _("Weitere Förderungen beantragt oder erhalten (siehe Tabelle)")


class Application(ConcurrentTransitionMixin, TimeStampedModel):
    """One application of an organisation to a call; editable only as draft or when sent back."""

    reference = models.CharField(_("Aktenzeichen"), max_length=20, unique=True, null=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Träger"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    call = models.ForeignKey(
        Call, verbose_name=_("Förderaufruf"), on_delete=models.PROTECT, related_name="applications"
    )
    line = models.ForeignKey(
        FundingLine,
        verbose_name=_("Förderlinie"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Projekttitel"), max_length=200, blank=True)
    summary = models.TextField(_("Projektbeschreibung"), blank=True)
    goals = models.TextField(_("Ziele und erwartete Wirkung"), blank=True)
    target_groups = models.JSONField(_("Zielgruppen"), default=list, blank=True)
    period_start = models.DateField(_("Projektbeginn"), null=True, blank=True)
    period_end = models.DateField(_("Projektende"), null=True, blank=True)
    participants_planned = models.PositiveIntegerField(
        _("Geplante Teilnehmende (Anzahl)"), null=True, blank=True
    )
    not_started_declared = models.BooleanField(
        _("Das Projekt hat noch nicht begonnen"),
        default=False,
        help_text=_(
            "Mit dem Projekt wurde noch nicht begonnen; auch kein Liefer- oder Leistungsvertrag "
            "ist geschlossen (kein vorzeitiger Maßnahmebeginn)."
        ),
    )
    #: Doppelförderung: "keine" or "angegeben" (rows in OtherFunding); empty until declared
    other_funding_declaration = models.CharField(
        _("Erklärung zu anderen Förderungen"),
        max_length=16,
        choices=OtherFundingDeclaration.choices,
        blank=True,
    )
    requested_amount = models.DecimalField(
        _("Beantragte Zuwendung"), **MONEY, null=True, blank=True
    )
    status = FSMField(
        _("Status"), default=S.DRAFT, choices=ApplicationStatus.choices, protected=True
    )
    invalid_input = models.JSONField(
        _("Noch ungültige Eingaben"),
        default=dict,
        blank=True,
        help_text=_("Beim Zwischenspeichern nicht übernommene Eingaben, mit Fehlermeldung."),
    )
    last_saved_at = models.DateTimeField(_("Zuletzt gespeichert"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("Eingereicht am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "last_saved_at"])

    class Meta:
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "line"], name="application_status_line_idx"),
            models.Index(fields=["organisation", "-created_at"], name="application_org_idx"),
            models.Index(fields=["status", "-created_at"], name="application_status_created_idx"),
            models.Index(fields=["status", "submitted_at"], name="application_status_submit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="application_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference or '–'} {self.title or _('(ohne Titel)')}"

    def get_absolute_url(self) -> str:
        return reverse("applications:application-detail", kwargs={"pk": self.pk})

    @property
    def mail_log_key(self) -> str:
        """The key of this application's mail log (`notify(about=…)`, notifications.MailRecord)."""
        return f"application:{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def was_submitted(self) -> bool:
        """The twin of NEVER_SUBMITTED (negated) for one loaded application."""
        if self.status == ApplicationStatus.DRAFT:
            return False
        return self.status != ApplicationStatus.WITHDRAWN or self.submitted_at is not None

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [str(labels.get(v, v)) for v in self.target_groups or []]

    # --- the lifecycle graph (bodies stay empty; services do the work) -------------------
    @transition(field=status, source=[S.DRAFT, S.CHANGES_REQUESTED], target=S.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=S.SUBMITTED, target=S.IN_REVIEW)
    def start_review(self) -> None:
        pass

    @transition(field=status, source=[S.SUBMITTED, S.IN_REVIEW], target=S.CHANGES_REQUESTED)
    def request_changes(self) -> None:
        pass

    @transition(field=status, source=S.IN_REVIEW, target=S.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=S.IN_REVIEW, target=S.PARTIALLY_APPROVED)
    def approve_partially(self) -> None:
        pass

    @transition(field=status, source=[S.SUBMITTED, S.IN_REVIEW], target=S.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field=status, source=WITHDRAWABLE, target=S.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    def content_versions(self) -> tuple[str, ...]:
        """core.caching: drafts change many times a second on deadline day; only the own
        organisation's lists (and staff lists that include drafts) show them, so they must not
        invalidate the case workers' inbox."""
        if self.status == ApplicationStatus.DRAFT:
            return (f"application:{self.pk}", "drafts")
        return (f"application:{self.pk}", "applications")


class CostCategory(models.TextChoices):
    STAFF = "personal", _("Personalausgaben")
    FEES = "honorare", _("Honorare")
    MATERIAL = "sachausgaben", _("Sachausgaben")
    RENT = "miete", _("Miete und Räume")
    TRAVEL = "reisen", _("Reisekosten")
    UNIT_RATE = "pauschale", _("Pauschale der Förderlinie")
    OTHER = "sonstige", _("Sonstige Ausgaben")


class CostItem(models.Model):
    """One row of the cost plan: an amount, or units × a unit rate of the line."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_items"
    )
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(
        _("Kostenart"), max_length=16, choices=CostCategory.choices, default=CostCategory.MATERIAL
    )
    description = models.CharField(_("Beschreibung"), max_length=200, blank=True)
    amount = models.DecimalField(_("Betrag"), **MONEY, null=True, blank=True)
    unit_rate = models.ForeignKey(
        UnitRate,
        verbose_name=_("Pauschale"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    units = models.DecimalField(
        _("Anzahl Einheiten"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    #: For a unit-rate row: how many persons, clients, courses or years the row stands for;
    #: `units` are per one of them, and the rate's caps apply to each (brief A5–A10).
    count = models.PositiveIntegerField(
        _("Anzahl (Personen, Klienten, Kurse oder Jahre)"),
        default=1,
        validators=[MinValueValidator(1)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenpositionen")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="costitem_amount_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.description or str(self.get_category_display())

    @property
    def total(self) -> Decimal:
        """The row's money in the plan: for a unit-rate row count × units × rate (uncapped; the
        caps apply in `programmes.grants`), else the amount."""
        if self.unit_rate_id is not None and self.units is not None and self.unit_rate:
            return to_money(max(self.count or 1, 1) * self.units * self.unit_rate.amount)
        return to_money(self.amount or 0)

    @property
    def real_costs(self) -> Decimal:
        """The real eligible costs of the row. A unit-rate row stands for real costs entered
        apart (its amount); a Festbetrag never exceeds them (brief A11). Without that amount the
        row counts with its unit total, as before."""
        if self.unit_rate_id is not None and self.amount is None:
            return self.total
        return to_money(self.amount or 0)

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}",)  # core.caching


class FundingSourceKind(models.TextChoices):
    OWN = "eigenmittel", _("Eigenmittel")
    THIRD_PARTY = "drittmittel", _("Drittmittel")


class FundingSource(models.Model):
    """Own or third-party money in the financing plan."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="funding_sources"
    )
    kind = models.CharField(
        _("Art"), max_length=16, choices=FundingSourceKind.choices, default=FundingSourceKind.OWN
    )
    name = models.CharField(_("Geldgeber"), max_length=200, blank=True)
    amount = models.DecimalField(_("Betrag"), **MONEY, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Finanzierungsquelle")
        verbose_name_plural = _("Finanzierungsquellen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="fundingsource_amount_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.get_kind_display())

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}",)  # core.caching


class ApplicationSnapshot(models.Model):
    """What was submitted, frozen at each submission (JSON of fields, rows and attachment hashes)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveSmallIntegerField(_("Einreichung Nr."))
    submitted_at = models.DateTimeField(_("Eingereicht am"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    data = models.JSONField()

    class Meta:
        verbose_name = _("Einreichung")
        verbose_name_plural = _("Einreichungen")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="snapshot_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} #{self.number}"

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}",)  # core.caching


class OtherFundingStatus(models.TextChoices):
    APPLIED = "beantragt", _("beantragt")
    GRANTED = "bewilligt", _("bewilligt")
    REFUSED = "abgelehnt", _("abgelehnt")


class OtherFunding(models.Model):
    """Other public or private funding applied for or received for the same project.

    Declared with the application so the authority can rule out double funding (§ 23 LHO:
    subsidiarity; ANBest-P Nr. 1.2 and Nr. 5.1: other funding reduces the grant and must be
    reported). It is not part of the financing plan: the arithmetic check compares the two.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="other_funding"
    )
    funder = models.CharField(_("Geldgeber"), max_length=200, blank=True)
    amount = models.DecimalField(_("Betrag"), **MONEY, null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=16,
        choices=OtherFundingStatus.choices,
        default=OtherFundingStatus.APPLIED,
    )
    on = models.DateField(_("Datum"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Andere Förderung")
        verbose_name_plural = _("Andere Förderungen")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="otherfunding_amount_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.funder or str(_("Andere Förderung"))

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}",)  # core.caching


class EarlyStartStatus(models.TextChoices):
    SENT = "sent", _("Gestellt")
    APPROVED = "approved", _("Zugestimmt")
    REFUSED = "refused", _("Abgelehnt")


class EarlyStartRequest(TimeStampedModel):
    """A request for consent to start before the decision (vorzeitiger Maßnahmebeginn).

    Its own object, sent explicitly from the draft: staff see only what it carries (organisation,
    project title, line, planned start, reasons, the contracts to be signed), copied when it is
    sent, never the draft itself (ADR 0005). The consent is given or refused in writing (a
    letter); it gives no right to funding and the start is at the applicant's risk
    (§ 44 LHO with VV Nr. 1.3 zu § 44 LHO; Hessian VV number to verify).
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="early_start_requests"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Träger"), on_delete=models.PROTECT, related_name="+"
    )
    line = models.ForeignKey(
        FundingLine, verbose_name=_("Förderlinie"), on_delete=models.PROTECT, related_name="+"
    )
    project_title = models.CharField(_("Projekttitel"), max_length=200)
    planned_start = models.DateField(_("Gewünschter Beginn"))
    reasons = models.TextField(_("Begründung"))
    contracts = models.TextField(_("Geplante Verträge"))
    status = models.CharField(
        _("Status"), max_length=16, choices=EarlyStartStatus.choices, default=EarlyStartStatus.SENT
    )
    sent_at = models.DateTimeField(_("Gestellt am"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("Entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_start = models.DateField(_("Zugestimmter Beginn"), null=True, blank=True)
    decision_reasons = models.TextField(_("Begründung der Entscheidung"), blank=True)

    class Meta:
        verbose_name = _("Antrag auf vorzeitigen Maßnahmebeginn")
        verbose_name_plural = _("Anträge auf vorzeitigen Maßnahmebeginn")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["status", "sent_at"], name="earlystart_status_sent_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="approved")
                | models.Q(approved_start__isnull=False, decided_on__isnull=False),
                name="earlystart_approved_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.planned_start:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("applications:early-start-detail", kwargs={"pk": self.pk})

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}", "early_starts")  # core.caching
