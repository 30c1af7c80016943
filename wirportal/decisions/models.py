"""Grant decisions: proposal by one person, approval by another, letter, acceptance.

    proposed ──approve (other person)──▶ approved ──issue──▶ issued ──accept──▶ accepted
       │                                                       │  └──lapse (no acceptance)──▶ lapsed
       └──return_to_case_worker──▶ returned                    └──revoke──▶ revoked ◀──revoke── accepted

A rejection is proposed and approved the same way; its approval ends in `approved` and sends
the Ablehnungsbescheid (no money). Transition bodies stay empty: services do the side effects.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from wirportal.applications.models import Application
from wirportal.core.models import TimeStampedModel
from wirportal.documents.models import StoredDocument

MONEY: dict = {"max_digits": 14, "decimal_places": 2}


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Bewilligung")
    PARTIAL = "partial", _("Teilbewilligung")
    REJECT = "reject", _("Ablehnung")


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Vorgeschlagen")
    RETURNED = "returned", _("Zurückgegeben")
    APPROVED = "approved", _("Freigegeben")
    ISSUED = "issued", _("Bescheid erlassen")
    ACCEPTED = "accepted", _("Angenommen")
    LAPSED = "lapsed", _("Unwirksam (nicht angenommen)")
    REVOKED = "revoked", _("Widerrufen")


class Delivery(models.TextChoices):
    """How the Zuwendungsbescheid reaches the recipient; it decides the day of its Bekanntgabe."""

    POST = "post", _("Per Post (§ 41 Abs. 2 HVwVfG)")
    PORTAL = "portal", _("Zum Abruf im Portal (§ 41 Abs. 2a HVwVfG)")


class AcceptanceChannel(models.TextChoices):
    """How the Annahmeerklärung reached the granting authority."""

    ONLINE = "online", _("Online im Portal")
    PAPER = "paper", _("Schriftlich (unterschriebene Erklärung)")


D = DecisionStatus
ACTIVE = [D.PROPOSED, D.APPROVED, D.ISSUED, D.ACCEPTED]


class GrantDecision(TimeStampedModel):
    """One decision on one application; at most one active decision per application."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("Antrag")
    )
    outcome = models.CharField(_("Entscheidung"), max_length=10, choices=Outcome.choices)
    amount = models.DecimalField(_("Bewilligter Betrag"), **MONEY, null=True, blank=True)
    requested_amount = models.DecimalField(_("Beantragter Betrag"), **MONEY)
    reasons = models.TextField(_("Begründung"), blank=True)
    conditions = models.TextField(
        _("Besondere Nebenbestimmungen"),
        blank=True,
        help_text=_("Eine Nebenbestimmung je Zeile."),
    )
    # the yearly amounts as decided, whole amounts per budget year ({"2026": "120000.00"}); the
    # current year's is bound against its Ansatz, later years' against the VE (§ 38 LHO)
    year_amounts = models.JSONField(_("Bindung je Haushaltsjahr"), default=dict, blank=True)
    period_start = models.DateField(_("Bewilligungszeitraum von"), null=True, blank=True)
    period_end = models.DateField(_("Bewilligungszeitraum bis"), null=True, blank=True)
    eligible_costs = models.DecimalField(
        _("Zuwendungsfähige Ausgaben"), **MONEY, null=True, blank=True
    )
    max_grant = models.DecimalField(
        _("Höchstmögliche Zuwendung"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Aus den zuwendungsfähigen Ausgaben berechnet (§ 23 LHO, ANBest-P Nr. 1.2)."),
    )
    proof_of_use_rule = models.CharField(
        _("Frist für den Verwendungsnachweis"), max_length=20, blank=True
    )
    proof_of_use_due = models.DateField(_("Verwendungsnachweis bis"), null=True, blank=True)
    status = FSMField(
        _("Status"), default=D.PROPOSED, choices=DecisionStatus.choices, protected=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Vorgeschlagen von"),
    )
    proposed_at = models.DateTimeField(_("Vorgeschlagen am"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Freigegeben von"),
    )
    approved_at = models.DateTimeField(_("Freigegeben am"), null=True, blank=True)
    returned_reason = models.TextField(_("Grund der Rückgabe"), blank=True)
    issued_at = models.DateTimeField(_("Erlassen am"), null=True, blank=True)
    letter = models.ForeignKey(
        StoredDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Bescheid (PDF)"),
    )
    delivery = models.CharField(
        _("Bekanntgabe"), max_length=10, choices=Delivery.choices, blank=True
    )
    dispatched_on = models.DateField(
        _("Zur Post gegeben / Abruf mitgeteilt am"), null=True, blank=True
    )
    # § 41 Abs. 2 / 2a HVwVfG; empty while the letter is not (yet) bekanntgegeben: no deadline runs
    bekanntgabe_on = models.DateField(_("Bekanntgegeben am"), null=True, blank=True)
    first_downloaded_at = models.DateTimeField(_("Erstmals abgerufen am"), null=True, blank=True)
    first_downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Erstmals abgerufen von"),
    )
    acceptance_deadline = models.DateField(_("Annahme bis"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Angenommen von"),
    )
    bank_details_confirmed = models.BooleanField(_("Bankverbindung bestätigt"), default=False)
    ended_at = models.DateTimeField(_("Beendet am"), null=True, blank=True)
    ended_reason = models.TextField(_("Grund"), blank=True)
    # --- acceptance channel, deadline extension and reinstatement (§§ 31, 32, 41 HVwVfG) ---
    acceptance_channel = models.CharField(
        _("Annahme über"), max_length=10, choices=AcceptanceChannel.choices, blank=True
    )
    acceptance_received_on = models.DateField(
        _("Annahmeerklärung eingegangen am"), null=True, blank=True
    )
    acceptance_scan = models.ForeignKey(
        StoredDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Unterschriebene Annahmeerklärung (Scan)"),
    )
    acceptance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("Annahme erfasst von"),
    )
    # how often the money was bound again after a lapse (reinstatement): part of `source_key`,
    # because the ledger allows one commitment per source and year (programmes.LedgerEntry)
    binding_round = models.PositiveSmallIntegerField(_("Erneute Bindung"), default=0)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Förderentscheidung")
        verbose_name_plural = _("Förderentscheidungen")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # four eyes at the database level too: the approver is never the proposer
            models.CheckConstraint(
                condition=models.Q(approved_by__isnull=True)
                | ~models.Q(approved_by=models.F("proposed_by")),
                name="decision_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True)
                | (models.Q(amount__gt=0) & models.Q(amount__lte=models.F("requested_amount"))),
                name="decision_amount_within_request",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="decision_period_ordered",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status__in=["proposed", "approved", "issued", "accepted"]),
                name="decision_one_active_per_application",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "acceptance_deadline"], name="decision_due_idx"),
            # the lists' first page (newest first) by index, not by sorting every decision
            models.Index(fields=["-proposed_at", "-id"], name="decision_proposed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.application.reference}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision-detail", kwargs={"pk": self.pk})

    @property
    def source_key(self) -> str:
        """Ledger key of the money this decision binds. After a lapse released it and a
        reinstatement bound it again, the new binding has its own key (one commitment per
        source and year in the ledger); the released one stays as it was booked."""
        key = f"application:{self.application_id}"
        return f"{key}:{self.binding_round}" if self.binding_round else key

    @property
    def grants_money(self) -> bool:
        return self.outcome in {Outcome.APPROVE, Outcome.PARTIAL}

    @property
    def year_amount_list(self) -> list[tuple[int, Decimal]]:
        """The yearly amounts as decided, sorted by year."""
        return sorted((int(year), Decimal(amount)) for year, amount in self.year_amounts.items())

    @property
    def requested_costs(self) -> Decimal:
        return sum((line.requested for line in self.cost_lines.all()), Decimal(0))

    @property
    def reason_paragraphs(self) -> list[str]:
        paragraphs = [p.strip() for p in (self.reasons or "").split("\n\n") if p.strip()]
        return [" ".join(p.split()) for p in paragraphs]

    @property
    def condition_list(self) -> list[str]:
        return [line.strip() for line in (self.conditions or "").splitlines() if line.strip()]

    # --- the graph (bodies stay empty) -----------------------------------------------------
    @transition(field=status, source=D.PROPOSED, target=D.APPROVED)
    def approve(self) -> None:
        pass

    @transition(field=status, source=D.PROPOSED, target=D.RETURNED)
    def return_to_case_worker(self) -> None:
        pass

    @transition(field=status, source=D.APPROVED, target=D.ISSUED)
    def issue(self) -> None:
        pass

    @transition(field=status, source=D.ISSUED, target=D.ACCEPTED)
    def accept(self) -> None:
        pass

    @transition(field=status, source=D.ISSUED, target=D.LAPSED)
    def lapse(self) -> None:
        pass

    @transition(field=status, source=[D.ISSUED, D.ACCEPTED], target=D.REVOKED)
    def revoke(self) -> None:
        pass

    # Fristverlängerung (§ 31 Abs. 7 Satz 2 HVwVfG) or Wiedereinsetzung (§ 32 HVwVfG) of a decision
    # that lapsed for a missed acceptance deadline
    @transition(field=status, source=D.LAPSED, target=D.ISSUED)
    def reinstate(self) -> None:
        pass

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}", "decisions")  # core.caching


class DeadlineChangeKind(models.TextChoices):
    EXTENSION = "extension", _("Fristverlängerung (§ 31 Abs. 7 HVwVfG)")
    REINSTATEMENT = "reinstatement", _("Wiedereinsetzung (§ 32 HVwVfG)")


class DeadlineChange(models.Model):
    """One change of a decision's acceptance deadline: an extension (also retroactive, after the
    deadline passed) or a reinstatement after a lapse. Kept for the history on the decision page."""

    decision = models.ForeignKey(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="deadline_changes",
        verbose_name=_("Förderentscheidung"),
    )
    kind = models.CharField(_("Art"), max_length=16, choices=DeadlineChangeKind.choices)
    old_deadline = models.DateField(_("Bisherige Frist"))
    # empty when a reinstatement ended in the acceptance that was made up (nothing runs any more)
    new_deadline = models.DateField(_("Neue Frist"), null=True, blank=True)
    reason = models.TextField(_("Begründung"))
    requested_on = models.DateField(_("Antrag gestellt am"), null=True, blank=True)
    obstacle_ended_on = models.DateField(_("Hindernis weggefallen am"), null=True, blank=True)
    acceptance_made_up = models.BooleanField(_("Annahme nachgeholt"), default=False)
    force_majeure = models.BooleanField(_("Höhere Gewalt"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Erfasst von"),
    )
    created_at = models.DateTimeField(_("Erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Änderung der Annahmefrist")
        verbose_name_plural = _("Änderungen der Annahmefrist")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.old_deadline} → {self.new_deadline}"


class DecisionCostLine(models.Model):
    """One row of the cost plan as the decision sees it: the costs applied for and the costs
    recognised as eligible (zuwendungsfähige Ausgaben), with the reason where they differ.
    Label and requested amount are copied, so the decision keeps what it decided on."""

    decision = models.ForeignKey(GrantDecision, on_delete=models.CASCADE, related_name="cost_lines")
    cost_item = models.ForeignKey(
        "applications.CostItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("Kostenposition"), max_length=250)
    requested = models.DecimalField(_("Beantragt"), **MONEY)
    eligible = models.DecimalField(_("Zuwendungsfähig"), **MONEY)
    reason = models.TextField(_("Begründung der Abweichung"), blank=True)

    class Meta:
        verbose_name = _("Zuwendungsfähige Ausgabe")
        verbose_name_plural = _("Zuwendungsfähige Ausgaben")
        ordering = ["decision", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eligible__gte=0), name="decisioncostline_eligible_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def differs(self) -> bool:
        return self.eligible != self.requested

    def content_versions(self) -> tuple[str, ...]:
        return ("decisions",)  # core.caching
