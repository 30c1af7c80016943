"""Money out: call-down requests (Mittelabruf), four-eyes order, SEPA payment runs.

    requested ──check (sachlich richtig)──▶ checked ──order (another person)──▶ ordered
        │                                      │                                  │
        └────────────── refuse ────────────────┘                          payment run ──▶ in_run
                                                                                  │
                                                              run executed ──▶ paid

A request belongs to at most one payment run (`PaymentRunItem.request` is one-to-one), and
nobody orders a payment they checked themselves (Hessian VV zu §§ 70–80 LHO Nr. 1.1.3), both
enforced by the database too.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wirportal.core.models import TimeStampedModel
from wirportal.decisions.models import GrantDecision
from wirportal.programmes.models import FundingLine

MONEY: dict = {"max_digits": 14, "decimal_places": 2}

# ANBest-P Nr. 1.4 (federal wording): money may be called down only for payments due within
# six weeks after payout; the Hessian value was not found (verify HE; brief B3)
DEFAULT_CALL_DOWN_WEEKS = 6


class PaymentRules(TimeStampedModel):
    """Payment rules of one funding line; a line without a row uses the defaults."""

    content_versions = ("programmes",)  # core.caching: the call-down page shows the period

    line = models.OneToOneField(
        FundingLine,
        on_delete=models.CASCADE,
        related_name="payment_rules",
        verbose_name=_("Förderlinie"),
    )
    call_down_weeks = models.PositiveSmallIntegerField(
        _("Abrufzeitraum in Wochen"),
        default=DEFAULT_CALL_DOWN_WEEKS,
        help_text=_(
            "Mittel dürfen nur für Zahlungen abgerufen werden, die innerhalb dieses Zeitraums "
            "nach der Auszahlung fällig werden."
        ),
    )

    class Meta:
        verbose_name = _("Auszahlungsregeln")
        verbose_name_plural = _("Auszahlungsregeln")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(call_down_weeks__gte=1), name="paymentrules_weeks_gte_1"
            )
        ]

    def __str__(self) -> str:
        return str(self.line)


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Abgerufen")
    CHECKED = "checked", _("Sachlich richtig")
    ORDERED = "ordered", _("Angeordnet")
    IN_RUN = "in_run", _("Im Zahllauf")
    PAID = "paid", _("Ausgezahlt")
    REFUSED = "refused", _("Abgelehnt")


R = RequestStatus
# what counts against the grant: everything not refused
OPEN_OR_PAID = [R.REQUESTED, R.CHECKED, R.ORDERED, R.IN_RUN, R.PAID]


class PaymentRequest(TimeStampedModel):
    """One call-down (Mittelabruf) of an accepted grant: an instalment ('Rate') of the grant."""

    decision = models.ForeignKey(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="payment_requests",
        verbose_name=_("Förderentscheidung"),
    )
    number = models.PositiveSmallIntegerField(_("Rate Nr."))
    token = models.UUIDField(
        _("Kennung des Abrufs"),
        unique=True,
        help_text=_("Eine erneut gesendete Abrufanfrage mit derselben Kennung wird nicht doppelt."),
    )
    amount = models.DecimalField(_("Abrufbetrag"), **MONEY)
    due_expenses = models.DecimalField(
        _("Im Abrufzeitraum fällige Ausgaben"), **MONEY, null=True, blank=True
    )
    needed_on = models.DateField(_("Benötigt am"))
    budget_year = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    status = models.CharField(
        _("Status"), max_length=12, choices=RequestStatus.choices, default=R.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Abgerufen von"),
    )
    requested_at = models.DateTimeField(_("Abgerufen am"), auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Sachlich richtig gezeichnet von"),
    )
    checked_at = models.DateTimeField(_("Sachlich richtig am"), null=True, blank=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Angeordnet von"),
    )
    ordered_at = models.DateTimeField(_("Angeordnet am"), null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Abgelehnt von"),
    )
    refused_at = models.DateTimeField(_("Abgelehnt am"), null=True, blank=True)
    refusal_reason = models.TextField(_("Grund der Ablehnung"), blank=True)
    paid_on = models.DateField(_("Ausgezahlt am"), null=True, blank=True)
    # Verrechnung (brief F2): money of an earlier year paid and not spent that this call-down
    # consumed (`SetOff.consumed_by`); `amount` is what is transferred, the need the recipient
    # stated is `amount + set_off` (`requested_total`)
    set_off = models.DecimalField(
        _("Verrechnet mit nicht verbrauchten Mitteln"), **MONEY, default=Decimal("0.00")
    )

    class Meta:
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Hessian VV zu §§ 70–80 LHO Nr. 1.1.3: no one orders a payment alone
            models.CheckConstraint(
                condition=models.Q(ordered_by__isnull=True)
                | (
                    models.Q(checked_by__isnull=False)
                    & ~models.Q(ordered_by=models.F("checked_by"))
                ),
                name="payment_four_eyes",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_gt_0"),
            models.CheckConstraint(
                condition=models.Q(set_off__gte=0), name="payment_set_off_gte_0"
            ),
            models.UniqueConstraint(fields=["decision", "number"], name="payment_number_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "budget_year"], name="payment_status_idx"),
            # a grant's payments by state and day (its first payment in the processing times
            # of reports.selectors): without it SQLite reads every paid request per grant
            models.Index(
                fields=["decision", "status", "paid_on"], name="payment_decision_paid_idx"
            ),
            # the lists' first page (newest first) by index, not by sorting every request
            models.Index(fields=["-requested_at", "-id"], name="payment_requested_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.decision.application.reference} {self.number}. Rate"

    def get_absolute_url(self) -> str:
        return reverse("payments:request-detail", kwargs={"pk": self.pk})

    def content_versions(self) -> tuple[str, ...]:
        return ("payments",)  # core.caching

    @property
    def requested_total(self) -> Decimal:
        """The need the recipient called down: what is transferred plus what was set off."""
        return self.amount + self.set_off


class SetOff(TimeStampedModel):
    """Verrechnung (brief F2): money of a year of a multi-year grant that was paid and not spent
    (found by the case worker in that year's Zwischennachweis) and is deducted from the next
    call-down instead of being paid again. ANBest-P Nr. 1.4 (federal wording, verify HE): the
    grant may be called down only as far as it is needed for payments due within the call-down
    period, so money still at the recipient's disposal lowers the next payment; what the next
    payments cannot absorb is reclaimed (settlement's Rückforderung, §§ 49, 49a HVwVfG).

    Open until a call-down consumes it (`consumed_by`, set under the decision's row lock by
    `services.payment_request_create`); a refused call-down gives it back."""

    content_versions = ("payments",)  # core.caching: the call-down page shows it

    decision = models.ForeignKey(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="set_offs",
        verbose_name=_("Förderentscheidung"),
    )
    year = models.PositiveSmallIntegerField(_("Jahr der nicht verbrauchten Mittel"))
    amount = models.DecimalField(_("Verrechneter Betrag"), **MONEY)
    source = models.CharField(
        _("Grundlage"),
        max_length=100,
        help_text=_(
            "Zum Beispiel der Zwischennachweis, der die Mittel als nicht verbraucht zeigt."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Erfasst von"),
    )
    consumed_by = models.ForeignKey(
        PaymentRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="set_offs",
        verbose_name=_("Verrechnet mit dem Mittelabruf"),
    )
    consumed_at = models.DateTimeField(_("Verrechnet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Verrechnung")
        verbose_name_plural = _("Verrechnungen")
        ordering = ["decision", "year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="setoff_amount_gt_0"),
            models.UniqueConstraint(fields=["decision", "year"], name="setoff_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"Verrechnung {self.year} {self.amount}"


class RunStatus(models.TextChoices):
    BUILT = "built", _("Erstellt")
    EXECUTED = "executed", _("Ausgeführt")


class PaymentRun(TimeStampedModel):
    """A SEPA credit-transfer file (pain.001.001.09) of ordered requests, kept as built."""

    content_versions = ("payments",)  # core.caching

    message_id = models.CharField(_("Nachrichten-ID"), max_length=35, unique=True)
    execution_date = models.DateField(_("Ausführungsdatum"))
    status = models.CharField(
        _("Status"), max_length=10, choices=RunStatus.choices, default=RunStatus.BUILT
    )
    schema = models.CharField(_("Format"), max_length=20, default="pain.001.001.09")
    total = models.DecimalField(_("Summe"), **MONEY)
    count = models.PositiveIntegerField(_("Anzahl Zahlungen"))
    xml = models.TextField(_("SEPA-Datei"))
    sha256 = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Erstellt von"),
    )
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Als ausgeführt gebucht von"),
    )
    executed_at = models.DateTimeField(_("Ausgeführt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zahllauf")
        verbose_name_plural = _("Zahlläufe")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gt=0), name="paymentrun_total_gt_0"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.execution_date:%d.%m.%Y})"

    def get_absolute_url(self) -> str:
        return reverse("payments:run-detail", kwargs={"pk": self.pk})

    @property
    def filename(self) -> str:
        return f"{self.schema}_{self.message_id}.xml"


class PaymentRunItem(models.Model):
    """One credit transfer of a run. A request is in at most one run (one-to-one)."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="items")
    request = models.OneToOneField(
        PaymentRequest, on_delete=models.PROTECT, related_name="run_item"
    )
    amount = models.DecimalField(_("Betrag"), **MONEY)
    end_to_end_id = models.CharField(_("Ende-zu-Ende-Referenz"), max_length=35, unique=True)
    remittance = models.CharField(_("Verwendungszweck"), max_length=140)
    creditor_name = models.CharField(_("Empfänger"), max_length=70)
    iban_masked = models.CharField(_("IBAN (gekürzt)"), max_length=40)

    class Meta:
        verbose_name = _("Zahlung im Zahllauf")
        verbose_name_plural = _("Zahlungen im Zahllauf")
        ordering = ["run", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="runitem_amount_gt_0"),
        ]

    def __str__(self) -> str:
        return self.remittance
