"""Shared model building blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)

    class Meta:
        abstract = True
