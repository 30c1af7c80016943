"""Programme → budget years → funding lines → line budgets, calls and the budget ledger.

The ledger (`LedgerEntry`) is append-only in practice: money is committed, released, paid and
repaid by writing rows, never by editing amounts. Free money = planned − committed, where
committed = commitments − releases. Writes go through `services.budget_commit` & co., which lock
the `LineBudget` row so concurrent approvals can never over-commit.
"""

from datetime import date, timedelta
from decimal import Decimal

import holidays
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wirportal.core.models import TimeStampedModel
from wirportal.offices.models import Office, OrganisationKind

MONEY: dict = {"max_digits": 14, "decimal_places": 2}


class FinancingType(models.TextChoices):
    """Finanzierungsart (domain.md §3.3)."""

    SHARE = "anteil", _("Anteilfinanzierung")
    GAP = "fehlbedarf", _("Fehlbedarfsfinanzierung")
    FIXED = "festbetrag", _("Festbetragsfinanzierung")
    FULL = "voll", _("Vollfinanzierung")


class CapLevel(models.TextChoices):
    """What a cap of a line or unit rate counts per: the guideline names the level (e.g. 276 hours
    per guide, 5 assignments per client, 12,000 EUR per course, 145,000 EUR "je Antrag und Jahr")."""

    ROW = "position", _("je Kostenposition")
    PERSON = "person", _("je Person")
    CLIENT = "klient", _("je Klientin oder Klient")
    COURSE = "kurs", _("je Kurs")
    YEAR = "jahr", _("je Jahr")
    APPLICATION = "antrag", _("je Antrag")


class Rounding(models.TextChoices):
    """How the grant is rounded. No Hessian rule requiring full euros was found; cents half up is
    the default (grant-law-examples.md A, rounding)."""

    CENTS_HALF_UP = "cent", _("auf Cent, kaufmännisch")
    EUROS_DOWN = "euro_ab", _("auf volle Euro abgerundet")


class ProofOfUseRule(models.TextChoices):
    """When the Verwendungsnachweis is due, per funding line (brief C1); the letter prints the rule.

    - WIR practice (domain.md §3.2): three months after the end of the Bewilligungszeitraum;
    - ANBest-P Nr. 6.1 (standard wording): "spätestens mit Ablauf des sechsten auf den
      Bewilligungszeitraum folgenden Monats";
    - Integrationslotsen: 31 March of the year after the end.
    The date itself: `programmes.deadlines.proof_of_use_due`."""

    WIR_THREE_MONTHS = "wir_3_monate", _("3 Monate nach Ende des Bewilligungszeitraums")
    ANBEST_SIXTH_MONTH = (
        "anbest_6_monat",
        _("Ablauf des sechsten auf den Bewilligungszeitraum folgenden Monats"),
    )
    MARCH_NEXT_YEAR = "31_maerz", _("31.03. des Folgejahres")


class Programme(TimeStampedModel):
    """A state funding programme, e.g. 'WIR – Vielfalt und Teilhabe'."""

    content_versions = ("programmes",)  # core.caching

    name = models.CharField(_("Name"), max_length=200, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=40, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=200, blank=True)
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["-valid_from", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme-detail", kwargs={"pk": self.pk})


class BudgetYear(TimeStampedModel):
    """The programme's total budget for one calendar year (Haushaltsjahr = Kalenderjahr)."""

    content_versions = ("programmes", "budget")  # core.caching

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="budget_years")
    year = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    total = models.DecimalField(
        _("Gesamtbudget"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Haushaltsjahr")
        verbose_name_plural = _("Haushaltsjahre")
        ordering = ["programme", "year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="budgetyear_unique"),
            models.CheckConstraint(condition=models.Q(total__gte=0), name="budgetyear_total_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.programme.short_name} {self.year}"


class FundingLine(TimeStampedModel):
    """Förderlinie: who may apply, how the grant is computed, what must be attached."""

    content_versions = ("programmes",)  # core.caching

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="lines", verbose_name=_("Programm")
    )
    code = models.SlugField(_("Kürzel"), max_length=40)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    eligible_kinds = models.JSONField(
        _("Antragsberechtigte Trägerarten"),
        default=list,
        help_text=_("Werte aus der Liste der Trägerarten."),
    )
    financing_type = models.CharField(
        _("Finanzierungsart"), max_length=16, choices=FinancingType.choices
    )
    rate = models.DecimalField(
        _("Fördersatz in %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Nur bei Anteilfinanzierung: Anteil der zuwendungsfähigen Ausgaben."),
    )
    cap = models.DecimalField(
        _("Höchstbetrag"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    cap_level = models.CharField(
        _("Höchstbetrag gilt"),
        max_length=16,
        choices=[
            (CapLevel.APPLICATION, CapLevel.APPLICATION.label),
            (CapLevel.YEAR, CapLevel.YEAR.label),
        ],
        default=CapLevel.APPLICATION,
        help_text=_("„je Jahr“: der Höchstbetrag gilt für jedes Projektjahr (je Antrag und Jahr)."),
    )
    rounding = models.CharField(
        _("Rundung der Zuwendung"),
        max_length=16,
        choices=Rounding.choices,
        default=Rounding.CENTS_HALF_UP,
    )
    required_attachments = models.JSONField(
        _("Erforderliche Anlagen"),
        default=list,
        blank=True,
        help_text=_("Bezeichnungen der Anlagen, die jedem Antrag beiliegen müssen."),
    )
    allocated_per_office = models.BooleanField(
        _("Budget je WIR-Einheit zugewiesen"),
        default=False,
        help_text=_("Dann wird jede Bewilligung auch gegen das Kontingent der Einheit gebucht."),
    )
    multi_year = models.BooleanField(_("Mehrjährige Bewilligung möglich"), default=False)
    proof_of_use_rule = models.CharField(
        _("Frist für den Verwendungsnachweis"),
        max_length=20,
        choices=ProofOfUseRule.choices,
        default=ProofOfUseRule.WIR_THREE_MONTHS,
        help_text=_(
            "Wird im Zuwendungsbescheid genannt und aus dem Ende des Bewilligungszeitraums berechnet."
        ),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Förderlinie")
        verbose_name_plural = _("Förderlinien")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="fundingline_unique_code"),
            models.CheckConstraint(
                condition=models.Q(rate__isnull=True)
                | (models.Q(rate__gte=0) & models.Q(rate__lte=100)),
                name="fundingline_rate_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:line-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        kinds = set(OrganisationKind.values)
        unknown = [k for k in self.eligible_kinds or [] if k not in kinds]
        if unknown:
            raise ValidationError({"eligible_kinds": _("Unbekannte Trägerart.")})
        if self.financing_type == FinancingType.SHARE and self.rate is None:
            raise ValidationError(
                {"rate": _("Bei Anteilfinanzierung ist ein Fördersatz anzugeben.")}
            )

    def is_eligible(self, organisation) -> bool:
        return organisation.kind in (self.eligible_kinds or [])

    @property
    def eligible_kind_labels(self) -> list[str]:
        labels = dict(OrganisationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.eligible_kinds or []]


class UnitRate(models.Model):
    """A fixed rate per unit (e.g. 40 EUR per teaching unit, 60,000 EUR per full-time post)."""

    content_versions = ("programmes",)  # core.caching

    line = models.ForeignKey(FundingLine, on_delete=models.CASCADE, related_name="unit_rates")
    code = models.SlugField(_("Kürzel"), max_length=40)
    label = models.CharField(_("Bezeichnung"), max_length=160)
    unit = models.CharField(_("Einheit"), max_length=60, help_text=_("z. B. UE, VZÄ, Einsatz"))
    amount = models.DecimalField(
        _("Betrag je Einheit"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    max_units = models.DecimalField(
        _("Höchstens Einheiten"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        _("Höchstbetrag für diese Pauschale"), **MONEY, null=True, blank=True
    )
    cap_level = models.CharField(
        _("Höchstgrenzen gelten"),
        max_length=16,
        choices=[(level, level.label) for level in CapLevel if level != CapLevel.APPLICATION],
        default=CapLevel.ROW,
        help_text=_(
            "Ebene, auf die sich die höchstens Einheiten und der Höchstbetrag beziehen, "
            "z. B. je Person oder je Kurs."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Pauschale")
        verbose_name_plural = _("Pauschalen")
        ordering = ["line", "label"]
        constraints = [
            models.UniqueConstraint(fields=["line", "code"], name="unitrate_unique_code"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="unitrate_amount_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.amount} € je {self.unit})"


class LineBudget(TimeStampedModel):
    """Planned money of one funding line in one year; the row that is locked on commitment."""

    content_versions = ("programmes", "budget")  # core.caching

    line = models.ForeignKey(FundingLine, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("Haushaltsjahr"))
    amount = models.DecimalField(_("Ansatz"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    # § 38 LHO: the budget of this year may authorise commitments that fall due in later years
    # (Verpflichtungsermächtigung); a multi-year grant binds its future years against it.
    ve_amount = models.DecimalField(
        _("Verpflichtungsermächtigung"),
        **MONEY,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Im Haushalt dieses Jahres ermächtigte Verpflichtungen zulasten künftiger Jahre "
            "(§ 38 LHO)."
        ),
    )
    ve_until_year = models.PositiveSmallIntegerField(
        _("Verpflichtungsermächtigung bis Haushaltsjahr"),
        null=True,
        blank=True,
        help_text=_("Letztes Haushaltsjahr, das die Verpflichtungsermächtigung belasten darf."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Budget der Förderlinie")
        verbose_name_plural = _("Budgets der Förderlinien")
        ordering = ["line", "year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="linebudget_unique"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="linebudget_amount_gte_0"
            ),
            models.CheckConstraint(
                condition=models.Q(ve_amount__gte=0), name="linebudget_ve_gte_0"
            ),
            models.CheckConstraint(
                condition=models.Q(ve_until_year__isnull=True)
                | models.Q(ve_until_year__gt=models.F("year")),
                name="linebudget_ve_years_after_budget_year",
            ),
        ]

    @property
    def ve_years(self) -> list[int]:
        """The later budget years the Verpflichtungsermächtigung may burden."""
        if not self.ve_amount or self.ve_until_year is None:
            return []
        return list(range(self.year + 1, self.ve_until_year + 1))

    def __str__(self) -> str:
        return f"{self.line} {self.year}"


class OfficeAllocation(TimeStampedModel):
    """Part of a line budget reserved for one WIR unit (Kontingent)."""

    content_versions = ("programmes", "budget")  # core.caching

    line_budget = models.ForeignKey(
        LineBudget, on_delete=models.CASCADE, related_name="allocations"
    )
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("WIR-Einheit")
    )
    amount = models.DecimalField(
        _("Kontingent"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Kontingent einer WIR-Einheit")
        verbose_name_plural = _("Kontingente der WIR-Einheiten")
        ordering = ["line_budget", "office__name"]
        constraints = [
            models.UniqueConstraint(fields=["line_budget", "office"], name="allocation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.line_budget} – {self.office}"


def next_working_day(day: date) -> date:
    """Move a deadline off weekends and Hessian public holidays (§ 31 Abs. 3 VwVfG)."""
    he = holidays.Germany(subdiv="HE", years=range(day.year, day.year + 2))
    while day.weekday() >= 5 or day in he:
        day += timedelta(days=1)
    return day


class Call(TimeStampedModel):
    """Förderaufruf: applications for a line and funding year(s) between two dates."""

    content_versions = ("programmes",)  # core.caching

    line = models.ForeignKey(
        FundingLine, on_delete=models.CASCADE, related_name="calls", verbose_name=_("Förderlinie")
    )
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Aufruftext"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("Förderjahr (von)"))
    last_year = models.PositiveSmallIntegerField(_("Förderjahr (bis)"))
    opens_at = models.DateField(_("Antragstellung ab"))
    closes_at = models.DateField(_("Antragsfrist"))
    extended_until = models.DateField(
        _("Verlängert bis"),
        null=True,
        blank=True,
        help_text=_("Nur von der Bewilligungsbehörde gesetzt, wenn die Frist verlängert wird."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Förderaufruf")
        verbose_name_plural = _("Förderaufrufe")
        ordering = ["-closes_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gte=models.F("opens_at")),
                name="call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="call_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programmes:call-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at < self.opens_at:
            raise ValidationError(
                {"closes_at": _("Die Frist muss nach dem Beginn der Antragstellung liegen.")}
            )
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("Das Endjahr liegt vor dem Anfangsjahr.")})

    @property
    def deadline(self) -> date:
        """The last day to submit: the close date, moved to the next working day in Hessen."""
        return next_working_day(self.extended_until or self.closes_at)

    @property
    def deadline_moved(self) -> bool:
        return self.deadline != (self.extended_until or self.closes_at)

    def is_open(self, day: date) -> bool:
        return self.opens_at <= day <= self.deadline

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class LedgerKind(models.TextChoices):
    COMMITMENT = "commitment", _("Bindung")
    RELEASE = "release", _("Freigabe")
    PAYMENT = "payment", _("Auszahlung")
    REPAYMENT = "repayment", _("Rückzahlung")
    # § 49a Abs. 1 HVwVfG: after a Widerruf the money paid above the remaining grant is owed back
    # (Erstattungsanspruch), booked in the year it was paid; settled by REPAYMENT entries
    RECEIVABLE = "receivable", _("Forderung")
    # § 38 LHO: a future year's amount bound against the Verpflichtungsermächtigung of the budget
    # of the decision year (the entry's line budget); `burden_year` is the year it falls due
    VE_COMMITMENT = "ve_commitment", _("Bindung Verpflichtungsermächtigung")
    VE_RELEASE = "ve_release", _("Freigabe Verpflichtungsermächtigung")


VE_KINDS = (LedgerKind.VE_COMMITMENT, LedgerKind.VE_RELEASE)


class LedgerEntry(models.Model):
    """One booking against a line budget (and the unit's allocation if the line is allocated)."""

    content_versions = ("budget",)  # core.caching

    line_budget = models.ForeignKey(LineBudget, on_delete=models.PROTECT, related_name="entries")
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entries"
    )
    kind = models.CharField(_("Art"), max_length=16, choices=LedgerKind.choices)
    burden_year = models.PositiveSmallIntegerField(
        _("Fällig im Haushaltsjahr"),
        null=True,
        blank=True,
        help_text=_("Nur bei Verpflichtungsermächtigungen: das Jahr, das die Bindung belastet."),
    )
    amount = models.DecimalField(
        _("Betrag"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    source_key = models.CharField(
        _("Herkunft"),
        max_length=80,
        help_text=_("Stabiler Schlüssel des auslösenden Vorgangs, z. B. 'application:123'."),
    )
    note = models.CharField(_("Vermerk"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Gebucht am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_gt_0"),
            # one commitment per source and year: makes budget_commit idempotent at DB level too
            models.UniqueConstraint(
                fields=["source_key", "line_budget"],
                condition=models.Q(kind="commitment"),
                name="ledger_one_commitment_per_source",
            ),
            models.UniqueConstraint(
                fields=["source_key", "line_budget", "burden_year"],
                condition=models.Q(kind="ve_commitment"),
                name="ledger_one_ve_commitment_per_source_year",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["ve_commitment", "ve_release"], burden_year__isnull=False
                )
                | (
                    ~models.Q(kind__in=["ve_commitment", "ve_release"])
                    & models.Q(burden_year__isnull=True)
                ),
                name="ledger_burden_year_only_for_ve",
            ),
        ]
        indexes = [models.Index(fields=["source_key"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.source_key})"
