"""Review of applications by the granting authority: assignment, recorded check steps, scoring.

The application's own lifecycle lives in `applications`; this app records the work around it:
who handles the case, each check (completeness, content, arithmetic) as a separate dated entry,
the reviewers assigned and their scores against the criteria configured per funding line.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from wirportal.applications.models import Application
from wirportal.core.models import TimeStampedModel
from wirportal.programmes.models import FundingLine


class ReviewCase(TimeStampedModel):
    """The granting authority's file on one application: responsible case worker and reviewers."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="review_case"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zuständige Sachbearbeitung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_cases",
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gutachterinnen und Gutachter"),
        blank=True,
        related_name="reviews_to_score",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Prüfvorgang")
        verbose_name_plural = _("Prüfvorgänge")

    def __str__(self) -> str:
        return str(self.application)

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}", "reviews")  # core.caching


class StepKind(models.TextChoices):
    COMPLETENESS = "completeness", _("Vollständigkeitsprüfung")
    CONTENT = "content", _("Sachliche Prüfung")
    ARITHMETIC = "arithmetic", _("Rechnerische Prüfung")


class StepResult(models.TextChoices):
    PASSED = "passed", _("Ohne Beanstandung")
    MISSING = "missing", _("Unterlagen fehlen")
    CONCERNS = "concerns", _("Mit Beanstandungen")
    DIFFERENCES = "differences", _("Abweichungen festgestellt")


class ReviewStep(models.Model):
    """One recorded check; the latest entry of each kind is the current result (append-only)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="review_steps"
    )
    kind = models.CharField(_("Prüfschritt"), max_length=16, choices=StepKind.choices)
    result = models.CharField(_("Ergebnis"), max_length=16, choices=StepResult.choices)
    note = models.TextField(_("Vermerk"), blank=True)
    data = models.JSONField(_("Prüfdaten"), default=dict, blank=True)
    deadline = models.DateField(_("Frist für Unterlagen"), null=True, blank=True)
    submission_number = models.PositiveSmallIntegerField(_("Geprüfte Einreichung Nr."), default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Geprüft von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("Geprüft am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Prüfschritt")
        verbose_name_plural = _("Prüfschritte")
        ordering = ["application", "at", "pk"]
        indexes = [
            models.Index(fields=["application", "kind", "-at"], name="reviewstep_latest_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_result_display()}"

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}", "reviews")  # core.caching


class ReviewCriterion(models.Model):
    """A scoring criterion of a funding line, with its weight in the total score."""

    content_versions = ("reviews",)  # core.caching

    line = models.ForeignKey(
        FundingLine,
        verbose_name=_("Förderlinie"),
        on_delete=models.CASCADE,
        related_name="review_criteria",
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    label = models.CharField(_("Kriterium"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("Gewicht"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    max_points = models.PositiveSmallIntegerField(
        _("Höchstpunktzahl"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bewertungskriterium")
        verbose_name_plural = _("Bewertungskriterien")
        ordering = ["line", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1) & models.Q(max_points__gte=1),
                name="criterion_weight_points_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Score(models.Model):
    """The points one reviewer gives one application for one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="scores")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    points = models.PositiveSmallIntegerField(_("Punkte"))
    comment = models.TextField(_("Begründung"), blank=True)
    at = models.DateTimeField(_("Bewertet am"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        ordering = ["application", "criterion__position", "reviewer"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "reviewer"], name="score_once_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    def content_versions(self) -> tuple[str, ...]:
        return (f"application:{self.application_id}", "reviews")  # core.caching
