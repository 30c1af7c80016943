"""Intercultural opening (IKÖ, issue #15): the questionnaire in versions, a self-check per unit
and year, its answers, the invited colleagues and the action plan.

The questionnaire follows the seven fields of action of the "Weltoffene Kommune" check
(Bertelsmann Stiftung / Phineo); the indicators are editable data (`catalogue.py` holds the first
version). A year's answers stay tied to the version they answered: a published version is
never changed again, programme staff make a new one.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wirportal.core.models import TimeStampedModel
from wirportal.core.tokens import InvitationLink
from wirportal.offices.models import Office

LEVELS = range(5)  # the scale of every indicator: 0 … 4
MAX_LEVEL = 4
# core.caching: the comparison is a shared fragment under these content versions; every model it
# reads declares "ikoe" (bulk writes call `bump("ikoe")` themselves), units' names are "offices"
CONTENT = ("ikoe", "offices")


class Questionnaire(TimeStampedModel):
    """One version of the self-check. A draft is edited by programme staff; once published it is
    frozen and new self-checks use the newest published version."""

    content_versions = ("ikoe",)

    version = models.PositiveIntegerField(_("Version"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    # the level labels of the scale 0 … 4, in this order
    levels = models.JSONField(_("Stufen der Skala"), default=list)
    published_at = models.DateTimeField(_("Veröffentlicht am"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Fragebogen (Version)")
        verbose_name_plural = _("Fragebogen-Versionen")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} (Version {self.version})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def level_label(self, level: int | None) -> str:
        if level is None or not 0 <= level < len(self.levels):
            return ""
        return self.levels[level]


class ActionField(TimeStampedModel):
    """A field of action of one version; `code` stays the same across versions, so that years
    answered with different versions can be compared per field."""

    content_versions = ("ikoe",)

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="fields"
    )
    code = models.SlugField(_("Kennung"), max_length=40)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    name = models.CharField(_("Name"), max_length=160)
    description = models.TextField(_("Beschreibung"), blank=True)
    # a suggestion per level 0 … 4: shown with a unit's profile at the level it reached
    suggestions = models.JSONField(_("Empfehlungen je Stufe"), default=list)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="opening_field_code_per_version"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def suggestion(self, level: int | None) -> str:
        if level is None or not 0 <= level < len(self.suggestions):
            return ""
        return self.suggestions[level]


class Indicator(TimeStampedModel):
    field = models.ForeignKey(ActionField, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"))
    text = models.CharField(_("Indikator"), max_length=300)
    help_text = models.TextField(_("Erläuterung"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["field__position", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class CheckStatus(models.TextChoices):
    DRAFT = "draft", _("In Bearbeitung")
    SUBMITTED = "submitted", _("Abgeschlossen")


class SelfCheck(TimeStampedModel):
    """A unit's self-check of one year, answered against one questionnaire version."""

    content_versions = ("ikoe",)

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="self_checks")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="self_checks"
    )
    status = models.CharField(
        _("Stand"), max_length=12, choices=CheckStatus.choices, default=CheckStatus.DRAFT
    )
    # the unit's own choice: its profile appears to other units under its name, or not at all
    # (the Land sees it under a pseudonym then)
    named = models.BooleanField(_("Profil für andere namentlich zeigen"), default=False)
    submitted_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("IKÖ-Selbstcheck")
        verbose_name_plural = _("IKÖ-Selbstchecks")
        ordering = ["office__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="opening_one_check_per_year")
        ]
        indexes = [models.Index(fields=["year", "status"], name="opening_check_year_idx")]

    def __str__(self) -> str:
        return f"{self.office} {self.year}"

    @property
    def is_draft(self) -> bool:
        return self.status == CheckStatus.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("opening:check-detail", kwargs={"pk": self.pk})


class Answer(TimeStampedModel):
    """One indicator of one self-check: rating 0 … 4, evidence, who answered and when."""

    content_versions = ("ikoe",)

    self_check = models.ForeignKey(SelfCheck, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(
        _("Bewertung"), null=True, blank=True, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    evidence = models.TextField(_("Beleg (Text)"), blank=True)
    evidence_url = models.URLField(_("Beleg (Link)"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("Beantwortet am"))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(
                fields=["self_check", "indicator"], name="opening_one_answer_per_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__lte=MAX_LEVEL),
                name="opening_rating_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.self_check}: {self.indicator_id}"


class Contributor(InvitationLink, TimeStampedModel):
    """A colleague of another department, invited by the coordinator to answer some fields of
    one self-check (role `opening_contributor`). The link in the mail sets their password."""

    TOKEN_SALT = "opening.invitation"
    ACCEPT_URL = "opening:invitation"
    TOKEN_RELATED = ("self_check__office", "user")

    self_check = models.ForeignKey(SelfCheck, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opening_contributions"
    )
    fields = models.ManyToManyField(ActionField, related_name="+", verbose_name=_("Felder"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    secret = models.CharField(max_length=32)
    sent_at = models.DateTimeField(_("Eingeladen am"))
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "secret"])

    class Meta:
        verbose_name = _("Mitwirkende Person")
        verbose_name_plural = _("Mitwirkende")
        constraints = [
            models.UniqueConstraint(
                fields=["self_check", "user"], name="opening_one_contributor_per_check"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.self_check}"


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Geplant")
    RUNNING = "running", _("In Umsetzung")
    DONE = "done", _("Umgesetzt")
    DROPPED = "dropped", _("Verworfen")


OPEN_MEASURE_STATES = (MeasureStatus.PLANNED, MeasureStatus.RUNNING)


class Measure(TimeStampedModel):
    """A measure of a unit's action plan, planned in the self-check of one year for one field."""

    self_check = models.ForeignKey(SelfCheck, on_delete=models.CASCADE, related_name="measures")
    field = models.ForeignKey(ActionField, on_delete=models.PROTECT, related_name="measures")
    title = models.CharField(_("Maßnahme"), max_length=200)
    owner = models.CharField(
        _("Verantwortlich"), max_length=160, help_text=_("Stelle oder Person, die sie umsetzt.")
    )
    deadline = models.DateField(_("Frist"))
    status = models.CharField(
        _("Stand"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    completion_evidence = models.TextField(_("Nachweis der Umsetzung"), blank=True)
    completed_on = models.DateField(_("Umgesetzt am"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"], name="opening_measure_due_idx")]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        return self.status in OPEN_MEASURE_STATES and self.deadline < today
