"""Models of the reports app: the annual programme report, generated in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Wartet")
    RUNNING = "running", _("Wird erstellt")
    DONE = "done", _("Fertig")
    FAILED = "failed", _("Fehlgeschlagen")


class ReportRun(models.Model):
    """One generation of the annual programme report (Programmbericht) as PDF/A; the file is a
    `documents.StoredDocument` owned by the run, kept with the day it was made."""

    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    status = models.CharField(
        _("Stand"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("Fortschritt in %"), default=0)
    step = models.CharField(_("Arbeitsschritt"), max_length=120, blank=True)
    error = models.CharField(_("Fehler"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Angestoßen von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Angestoßen am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("Fertig am"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.StoredDocument",
        verbose_name=_("Bericht"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Programmbericht")
        verbose_name_plural = _("Programmberichte")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="reportrun_progress_lte_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Programmbericht {self.year} ({self.created_at:%d.%m.%Y})"

    @property
    def active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
