"""Shared model building blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """A named token that changes whenever content of that name changes (see core.caching).

    The embedded default's store of the tokens (one upsert per write, one read per page); with
    REDIS_URL they live in the `versions` cache instead and this table stays empty."""

    name = models.CharField(max_length=100, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("Inhaltsversion")
        verbose_name_plural = _("Inhaltsversionen")

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"


class Lease(models.Model):
    """Who holds a named lease until when (core.leases): e.g. the one scheduler that may run jobs.

    A row per name, taken and renewed by a conditional UPDATE (atomic on SQLite and PostgreSQL).
    """

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=200)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Sperre")
        verbose_name_plural = _("Sperren")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder} bis {self.expires_at:%Y-%m-%d %H:%M:%S}"
