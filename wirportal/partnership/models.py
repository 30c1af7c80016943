"""Models of the partnership view (issue #18): the published Stände of its open data.

A Stand (`PartnershipRelease`) freezes the exported figures of one day as JSON: earlier Stände stay
downloadable at stable URLs (`/partnerschaft/daten/<JJJJ-MM-TT>.json|.csv`), whatever changes in
the data later ("history kept"). Programme staff publish one by a button, the scheduler once a
year (schedule.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipRelease(models.Model):
    content_versions = ("partnership-releases",)  # core.caching: the data page lists them

    day = models.DateField(_("Stand"), unique=True)
    schema_version = models.CharField(_("Schema-Version"), max_length=20)
    rows = models.JSONField(_("Zeilen"), default=list)
    row_count = models.PositiveIntegerField(_("Anzahl Zeilen"), default=0)
    created_at = models.DateTimeField(_("Veröffentlicht am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Veröffentlicht von"),
        on_delete=models.PROTECT,
        null=True,  # None: the scheduler's yearly Stand
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Stand der Partnerschaftsdaten")
        verbose_name_plural = _("Stände der Partnerschaftsdaten")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"Stand {self.day:%Y-%m-%d}"
