"""Proof of use (Verwendungsnachweis), final settlement, and the data the rules run on.

    draft ──submit (recipient)──▶ submitted ──check (case worker)──▶ checked ──settle──▶ settled

Reference data: the Basiszinssatz per half-year (§ 247 BGB, `BaseRate`), the settlement settings
of a funding line (`LineSettlementRules`, "verify HE" values of the brief), retention periods per
record class (`RetentionRule`). Computation: `interest.py`, `final.py`, `deadlines.py`,
`budget.py`, `retention.py` (pure functions); writes: `services.py`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from wirportal.applications.models import CostItem
from wirportal.core.models import TimeStampedModel
from wirportal.decisions.models import GrantDecision
from wirportal.documents.models import StoredDocument
from wirportal.programmes.models import FundingLine

from . import interest
from .policy import InterestStart, Policy, Window
from .retention import StartEvent

MONEY: dict = {"max_digits": 14, "decimal_places": 2}


class BaseRate(models.Model):
    """The Basiszinssatz (§ 247 BGB) for the half-year starting on `effective_from`, as the
    Deutsche Bundesbank announced it. Maintained by staff; a half-year without a row is refused
    by the interest computation."""

    content_versions = ("settlement",)  # core.caching: the proof page (closing, interest)

    effective_from = models.DateField(
        _("Gültig ab"), unique=True, help_text=_("Der 1. Januar oder der 1. Juli.")
    )
    rate = models.DecimalField(_("Basiszinssatz in %"), max_digits=5, decimal_places=2)
    source = models.CharField(_("Quelle"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Basiszinssatz")
        verbose_name_plural = _("Basiszinssätze")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from:%d.%m.%Y}: {self.rate} %"

    def clean(self) -> None:
        day = self.effective_from
        if day and (day.day != 1 or day.month not in (1, 7)):
            raise ValidationError(
                {
                    "effective_from": _(
                        "Der Basiszinssatz ändert sich nur zum 1. Januar und 1. Juli "
                        "(§ 247 Abs. 1 BGB)."
                    )
                }
            )

    def as_rate(self) -> interest.BaseRate:
        return interest.BaseRate(self.effective_from, self.rate)


class LineSettlementRules(TimeStampedModel):
    """Settlement settings of one funding line; values not checked against the Hessian texts
    (verify HE) and therefore kept as data. A line without a row uses `policy.DEFAULT_POLICY`."""

    line = models.OneToOneField(
        FundingLine,
        on_delete=models.CASCADE,
        related_name="settlement_rules",
        verbose_name=_("Förderlinie"),
    )
    prompt_use_weeks = models.PositiveSmallIntegerField(
        _("Verwendungsfrist nach Auszahlung (Wochen)"),
        default=6,
        help_text=_("Geld gilt als alsbald verwendet, wenn es in dieser Frist ausgegeben wird."),
    )
    prompt_use_months = models.PositiveSmallIntegerField(
        _("Verwendungsfrist nach Auszahlung (Monate)"), default=0
    )
    unused_interest_start = models.CharField(
        _("Zinsen für nicht alsbald verwendetes Geld"),
        max_length=16,
        choices=InterestStart.choices,
        default=InterestStart.PAYOUT,
    )
    item_tolerance_percent = models.DecimalField(
        _("Zulässige Überschreitung der Einzelansätze in %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Leer: nur das Gesamtergebnis des Finanzierungsplans ist verbindlich."),
    )
    small_amount_limit = models.DecimalField(
        _("Kleinbetragsgrenze"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Rückforderungen unter diesem Betrag werden nicht geltend gemacht."),
    )
    full_proof = models.BooleanField(
        _("Ausführlicher Verwendungsnachweis mit Belegliste"),
        default=False,
        help_text=_(
            "Sonst genügt der einfache Verwendungsnachweis (Sachbericht und zahlenmäßige "
            "Übersicht ohne Belegliste, WIR-Praxis)."
        ),
    )
    interim_proof_day = models.PositiveSmallIntegerField(
        _("Zwischennachweis fällig am (Tag)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    interim_proof_month = models.PositiveSmallIntegerField(
        _("Zwischennachweis fällig am (Monat des Folgejahres)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    sample_percent = models.DecimalField(
        _("Stichprobe der Belege in %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Anteil der Belegliste, der bei der Prüfung stichprobenartig geprüft wird."),
    )
    sample_min = models.PositiveSmallIntegerField(
        _("Stichprobe der Belege: mindestens"),
        default=5,
        help_text=_("Hat die Belegliste weniger Belege, werden alle geprüft."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Abrechnungsregeln der Förderlinie")
        verbose_name_plural = _("Abrechnungsregeln der Förderlinien")

    def __str__(self) -> str:
        return str(self.line)

    def as_policy(self) -> Policy:
        return Policy(
            prompt_use=Window(weeks=self.prompt_use_weeks, months=self.prompt_use_months),
            unused_interest_start=self.unused_interest_start,
            item_tolerance_percent=self.item_tolerance_percent,
            small_amount_limit=self.small_amount_limit,
            interim_proof_day=self.interim_proof_day,
            interim_proof_month=self.interim_proof_month,
            full_proof=self.full_proof,
            sample_percent=self.sample_percent,
            sample_min=self.sample_min,
        )


class IndicatorKind(models.TextChoices):
    WHOLE = "ganzzahl", _("Ganze Zahl")
    PERCENT = "prozent", _("Prozent (0 bis 100)")
    DECIMAL = "dezimal", _("Dezimalzahl")


class LineIndicator(TimeStampedModel):
    """One figure the recipients of a funding line report in the Sachbericht (domain.md 4.2:
    e.g. courses held, participants, share of women, guides trained). Maintained by staff in the
    admin; the defaults per line come from `indicators.DEFAULTS`. Values are rows
    (`ProofIndicatorValue`), so they can be summed per year, line and region."""

    line = models.ForeignKey(
        FundingLine,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("Förderlinie"),
    )
    key = models.SlugField(_("Schlüssel"), max_length=40)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    kind = models.CharField(
        _("Art"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.WHOLE
    )
    required = models.BooleanField(_("Pflichtangabe"), default=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Kennzahl der Förderlinie")
        verbose_name_plural = _("Kennzahlen der Förderlinien")
        ordering = ["line", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["line", "key"], name="lineindicator_unique_key"),
        ]

    content_versions = ("programmes",)  # core.caching: every proof page of the line

    def __str__(self) -> str:
        return self.label


class RetentionRule(TimeStampedModel):
    """How long one class of records is kept, from which event, on which legal basis (brief G;
    deletion concept after DIN 66398)."""

    record_class = models.SlugField(_("Datenart"), max_length=60, unique=True)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    start_event = models.CharField(
        _("Frist beginnt mit"), max_length=20, choices=StartEvent.choices
    )
    years = models.PositiveSmallIntegerField(_("Aufbewahrungsfrist (Jahre)"))
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=200)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Aufbewahrungsregel")
        verbose_name_plural = _("Aufbewahrungsregeln")
        ordering = ["record_class"]

    def __str__(self) -> str:
        return self.label


class ProofStatus(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    SUBMITTED = "eingereicht", _("Eingereicht")
    CHECKED = "geprueft", _("Kurzprüfung abgeschlossen")
    SETTLED = "abgerechnet", _("Abgerechnet")


class CheckResult(models.TextChoices):
    """Result of the quick check (Kurzprüfung): complete and plausible, or not."""

    PASSED = "ohne_beanstandung", _("Ohne Beanstandung")
    OBJECTIONS = "beanstandet", _("Mit Beanstandungen")


P = ProofStatus


class ProofOfUse(TimeStampedModel):
    """The proof of use of one accepted decision: Sachbericht and zahlenmäßiger Nachweis with the
    Belegliste (domain.md 3.2). `year` is set for an interim proof of a multi-year grant (F2)."""

    decision = models.ForeignKey(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="proofs_of_use",
        verbose_name=_("Förderentscheidung"),
    )
    year = models.PositiveSmallIntegerField(_("Jahr (Zwischennachweis)"), null=True, blank=True)
    status = FSMField(_("Status"), default=P.DRAFT, choices=ProofStatus.choices, protected=True)
    due_on = models.DateField(_("Vorzulegen bis"))
    full = models.BooleanField(_("Ausführlicher Nachweis mit Belegliste"), default=False)
    report = models.TextField(_("Sachbericht"), blank=True)
    own_funds = models.DecimalField(_("Eigenmittel (tatsächlich)"), **MONEY, null=True, blank=True)
    third_party_funds = models.DecimalField(
        _("Drittmittel (tatsächlich erhalten)"), **MONEY, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("Eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Eingereicht von"),
    )
    check_result = models.CharField(
        _("Ergebnis der Kurzprüfung"), max_length=20, choices=CheckResult.choices, blank=True
    )
    check_note = models.TextField(_("Vermerk zur Prüfung"), blank=True)
    checked_at = models.DateTimeField(_("Geprüft am"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Geprüft von"),
    )
    # Stichprobe of the Belegliste for the check: the seed makes the draw reproducible
    # (`sampling.draw`); the chosen receipts carry `sampled`
    sample_seed = models.BigIntegerField(_("Startwert der Stichprobe"), null=True, blank=True)
    sample_drawn_at = models.DateTimeField(_("Stichprobe gezogen am"), null=True, blank=True)
    sample_drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Stichprobe gezogen von"),
    )
    # year balance of an interim proof (brief F2, `deadlines.year_balance`), confirmed by the
    # case worker with the check: `paid` is then the year's payments, `spent` what of them was
    # spent, `set_off` what is deducted from the next payment (`payments.SetOff`), `repayment`
    # the rest to reclaim
    spent = models.DecimalField(
        _("Im Jahr aus der Zuwendung verausgabt"), **MONEY, null=True, blank=True
    )
    set_off = models.DecimalField(
        _("Mit der nächsten Zahlung verrechnet"), **MONEY, null=True, blank=True
    )
    # final settlement (Schlussabrechnung), computed by final.final_grant
    paid = models.DecimalField(_("Ausgezahlt"), **MONEY, null=True, blank=True)
    final_grant = models.DecimalField(_("Endgültige Zuwendung"), **MONEY, null=True, blank=True)
    repayment = models.DecimalField(_("Zu erstatten"), **MONEY, null=True, blank=True)
    small_amount_waived = models.BooleanField(_("Kleinbetrag nicht zurückgefordert"), default=False)
    settlement_steps = models.JSONField(_("Berechnung"), default=list, blank=True)
    settled_at = models.DateTimeField(_("Abgerechnet am"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Abgerechnet von"),
    )
    # retention (brief G): the Belegliste is deleted when its period has ended; the figures stay
    receipts_purged_at = models.DateTimeField(_("Belegliste gelöscht am"), null=True, blank=True)
    receipts_count = models.PositiveIntegerField(_("Anzahl der Belege"), null=True, blank=True)
    receipts_total = models.DecimalField(_("Summe der Belege"), **MONEY, null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Verwendungsnachweis")
        verbose_name_plural = _("Verwendungsnachweise")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(year__isnull=True),
                name="proof_one_final_per_decision",
            ),
            models.UniqueConstraint(
                fields=["decision", "year"],
                condition=models.Q(year__isnull=False),
                name="proof_one_interim_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(repayment__isnull=True) | models.Q(repayment__gte=0),
                name="proof_repayment_gte_0",
            ),
        ]

    def __str__(self) -> str:
        reference = self.decision.application.reference
        if self.year:
            return f"Zwischennachweis {self.year} {reference}"
        return f"Verwendungsnachweis {reference}"

    def content_versions(self) -> tuple[str, ...]:
        # core.caching: the proof's page; the API's list of proofs (its own fields only)
        return (f"proof:{self.pk}", "proofs")

    @property
    def is_interim(self) -> bool:
        return self.year is not None

    @transition(field=status, source=P.DRAFT, target=P.SUBMITTED)
    def submit(self) -> None:
        pass

    @transition(field=status, source=P.SUBMITTED, target=P.CHECKED)
    def record_check(self) -> None:
        pass

    @transition(field=status, source=P.CHECKED, target=P.SETTLED)
    def settle(self) -> None:
        pass


class ProofCostLine(models.Model):
    """One item of the binding plan with the actual eligible costs (for a unit-rate item: the
    real costs and the units actually delivered, brief C5, C6)."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="cost_lines")
    cost_item = models.ForeignKey(
        CostItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("Kostenposition"), max_length=200)
    planned = models.DecimalField(_("Laut Finanzierungsplan"), **MONEY)
    actual = models.DecimalField(_("Tatsächliche Ausgaben"), **MONEY, null=True, blank=True)
    units_planned = models.DecimalField(
        _("Einheiten laut Plan"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    units_held = models.DecimalField(
        _("Tatsächlich erbrachte Einheiten"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Position des zahlenmäßigen Nachweises")
        verbose_name_plural = _("Positionen des zahlenmäßigen Nachweises")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(actual__isnull=True) | models.Q(actual__gte=0),
                name="proofline_actual_gte_0",
            ),
            models.CheckConstraint(
                condition=models.Q(units_held__isnull=True) | models.Q(units_held__gte=0),
                name="proofline_units_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def content_versions(self) -> tuple[str, ...]:
        return (f"proof:{self.proof_id}",)  # core.caching: the proof's page


class ProofIndicatorValue(models.Model):
    """The value of one indicator of the line in one proof of use (one row per proof and
    indicator). Whole numbers and percentages are stored as decimals with two places; the kind
    decides what is accepted (`indicators.check_value`)."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(
        LineIndicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("Kennzahl")
    )
    value = models.DecimalField(_("Wert"), max_digits=12, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kennzahl im Verwendungsnachweis")
        verbose_name_plural = _("Kennzahlen im Verwendungsnachweis")
        ordering = ["indicator__position", "indicator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proof", "indicator"], name="proofindicator_one_per_proof"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="proofindicator_value_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"

    def content_versions(self) -> tuple[str, ...]:
        return (f"proof:{self.proof_id}",)  # core.caching: the proof's page


class SampleVerdict(models.TextChoices):
    OPEN = "", _("Noch nicht geprüft")
    OK = "in_ordnung", _("In Ordnung")
    OBJECTED = "beanstandet", _("Beanstandet")


class ProofReceipt(models.Model):
    """One row of the Belegliste: date, payee, purpose, amount (domain.md 3.2). A receipt drawn
    into the check's sample (`sampled`) gets the case worker's verdict and note."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="receipts")
    paid_on = models.DateField(_("Datum"))
    payee = models.CharField(_("Empfänger"), max_length=200)
    purpose = models.CharField(_("Zweck"), max_length=200)
    amount = models.DecimalField(
        _("Betrag"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    sampled = models.BooleanField(_("In der Stichprobe"), default=False)
    sample_verdict = models.CharField(
        _("Ergebnis der Belegprüfung"),
        max_length=12,
        choices=SampleVerdict.choices,
        default=SampleVerdict.OPEN,
        blank=True,
    )
    sample_note = models.CharField(_("Vermerk zum Beleg"), max_length=500, blank=True)
    sample_checked_at = models.DateTimeField(_("Beleg geprüft am"), null=True, blank=True)
    sample_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beleg")
        verbose_name_plural = _("Belegliste")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="receipt_amount_gt_0"),
            models.CheckConstraint(
                condition=models.Q(sampled=True) | models.Q(sample_verdict=""),
                name="receipt_verdict_only_if_sampled",
            ),
            models.CheckConstraint(
                condition=~models.Q(sample_verdict="beanstandet") | ~models.Q(sample_note=""),
                name="receipt_objection_has_note",
            ),
        ]
        indexes = [
            models.Index(
                fields=["proof"], condition=models.Q(sampled=True), name="receipt_sampled_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.paid_on:%d.%m.%Y} {self.payee}"

    def content_versions(self) -> tuple[str, ...]:
        return (f"proof:{self.proof_id}",)  # core.caching: the proof's page


class RecoveryStatus(models.TextChoices):
    HEARING = "anhoerung", _("Anhörung läuft")
    REVOKED = "widerrufen", _("Widerrufen, Erstattung offen")
    CLOSED = "erledigt", _("Erledigt")


R = RecoveryStatus


class Recovery(TimeStampedModel):
    """A claim for repayment (Erstattungsanspruch, § 49a Abs. 1 HVwVfG) after a full or partial
    Widerruf (§ 49 Abs. 3 HVwVfG): hearing first (§ 28), the Widerruf within one year after the
    facts were known (§ 48 Abs. 4), interest from the day the grant became ineffective
    (§ 49a Abs. 3), repayments booked as they arrive."""

    decision = models.ForeignKey(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="recoveries",
        verbose_name=_("Förderentscheidung"),
    )
    proof = models.ForeignKey(
        ProofOfUse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recoveries",
        verbose_name=_("Verwendungsnachweis"),
    )
    status = FSMField(
        _("Status"), default=R.HEARING, choices=RecoveryStatus.choices, protected=True
    )
    principal = models.DecimalField(
        _("Zu erstattender Betrag"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    in_full = models.BooleanField(
        _("Bescheid in vollem Umfang widerrufen"),
        default=False,
        help_text=_(
            "Der ganze Bescheid, auch die noch nicht ausgezahlten Mittel; sonst betrifft der "
            "Widerruf nur den zu erstattenden Betrag."
        ),
    )
    reason = models.TextField(_("Begründung"))
    effective_from = models.DateField(
        _("Unwirksam ab"),
        help_text=_("Bei einem Widerruf für die Vergangenheit: der Tag der Auszahlung."),
    )
    facts_known_on = models.DateField(_("Tatsachen bekannt seit"))
    hearing_bekanntgabe_on = models.DateField(_("Anhörungsschreiben bekanntgegeben am"))
    hearing_deadline = models.DateField(_("Frist zur Stellungnahme"))
    statement = models.TextField(_("Stellungnahme des Trägers"), blank=True)
    revoked_on = models.DateField(_("Widerrufen am"), null=True, blank=True)
    interest_waived = models.BooleanField(_("Auf Zinsen verzichtet"), default=False)
    waiver_reason = models.TextField(_("Begründung des Zinsverzichts"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # the written letters (PDF/A, `letters.py`): Anhörung (§ 28 HVwVfG) and the Widerrufs- und
    # Erstattungsbescheid (§§ 49, 49a HVwVfG)
    hearing_letter = models.ForeignKey(
        StoredDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Anhörungsschreiben (PDF)"),
    )
    revocation_letter = models.ForeignKey(
        StoredDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Widerrufs- und Erstattungsbescheid (PDF)"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Rückforderung")
        verbose_name_plural = _("Rückforderungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(principal__gt=0), name="recovery_principal_gt_0"
            ),
            # § 49a Abs. 3 Satz 2 HVwVfG: no waiver without a recorded reason
            models.CheckConstraint(
                condition=models.Q(interest_waived=False) | ~models.Q(waiver_reason=""),
                name="recovery_waiver_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Rückforderung {self.decision.application.reference}"

    def content_versions(self) -> tuple[str, ...]:
        # core.caching: the proof's page lists its recoveries; "settlement": the closing panel
        return (f"proof:{self.proof_id}", "settlement") if self.proof_id else ("settlement",)

    @transition(field=status, source=R.HEARING, target=R.REVOKED)
    def revoke(self) -> None:
        pass

    @transition(field=status, source=R.REVOKED, target=R.CLOSED)
    def close(self) -> None:
        pass


class RecoveryRepayment(models.Model):
    """Money received back: amount, day of receipt, reference (Verwendungszweck)."""

    content_versions = ("settlement",)  # core.caching: the proof page (closing, interest)

    recovery = models.ForeignKey(Recovery, on_delete=models.PROTECT, related_name="repayments")
    received_on = models.DateField(_("Eingegangen am"))
    amount = models.DecimalField(
        _("Betrag"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reference = models.CharField(_("Verwendungszweck"), max_length=140)
    booked_at = models.DateTimeField(_("Gebucht am"), auto_now_add=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("Rückzahlung")
        verbose_name_plural = _("Rückzahlungen")
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="repayment_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.received_on:%d.%m.%Y} {self.amount}"


class ReminderKind(models.TextChoices):
    BEFORE = "vorher", _("Erinnerung vor dem Termin")
    OVERDUE = "ueberfaellig", _("Mahnung nach dem Termin")


class ProofReminder(models.Model):
    """One reminder mail about a proof of use that is due or overdue; the unique key makes the
    daily job idempotent (running it twice sends nothing twice)."""

    decision = models.ForeignKey(
        GrantDecision, on_delete=models.CASCADE, related_name="proof_reminders"
    )
    kind = models.CharField(_("Art"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("Vorzulegen bis"))
    sent_on = models.DateField(_("Gesendet am"))

    class Meta:
        verbose_name = _("Erinnerung an einen Verwendungsnachweis")
        verbose_name_plural = _("Erinnerungen an Verwendungsnachweise")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "kind", "due_on"], name="proof_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on:%d.%m.%Y}"


class GrantClosure(models.Model):
    """The closing of a grant's file (Abschluss der Förderakte, issue #11: "a grant is closed when
    its proof is checked and all money settled"): one per decision, written by
    `services.grant_close`. Its day starts the retention periods that run from the closing
    (`retention.StartEvent.SETTLEMENT_CLOSED`, brief G)."""

    content_versions = ("settlement",)  # core.caching: the proof page (closing, interest)

    decision = models.OneToOneField(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="closure",
        verbose_name=_("Förderentscheidung"),
    )
    closed_at = models.DateTimeField(_("Abgeschlossen am"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Abgeschlossen von"),
    )
    released = models.DecimalField(
        _("Freigegebene Restbindung"),
        **MONEY,
        default=Decimal("0"),
        help_text=_("Gebundene, nicht ausgezahlte Mittel, die beim Abschluss frei wurden."),
    )

    class Meta:
        verbose_name = _("Abschluss der Förderakte")
        verbose_name_plural = _("Abschlüsse der Förderakten")
        ordering = ["-closed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(released__gte=0), name="closure_released_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"Abschluss {self.decision.application.reference}"
