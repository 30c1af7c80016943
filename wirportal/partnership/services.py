"""Writes of the partnership view: publishing a Stand of its open data (issue #18)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError

from . import exports, schema, selectors
from .models import PartnershipRelease


def release_rows() -> list[dict]:
    """The public figures of all 33 units in every year, as the exports write them."""
    return exports.rows(selectors.figures(public=True))


@transaction.atomic
def release_publish(*, by, day: date | None = None) -> PartnershipRelease:
    """Freeze today's public figures as a Stand (`by` None: the scheduler). One Stand per day: a
    published Stand never changes, its URL is stable."""
    day = day or timezone.localdate()
    if PartnershipRelease.objects.select_for_update().filter(day=day).exists():
        raise DomainError(
            _("Für den %(day)s ist bereits ein Stand veröffentlicht.")
            % {"day": day.strftime("%d.%m.%Y")}
        )
    rows = release_rows()
    release = PartnershipRelease.objects.create(
        day=day,
        schema_version=schema.SCHEMA_VERSION,
        rows=rows,
        row_count=len(rows),
        created_by=by,
    )
    audit_record(
        action="partnership.release_published",
        target=release,
        by=by,
        data={"day": day.isoformat(), "rows": len(rows), "schema": schema.SCHEMA_VERSION},
    )
    return release


def release_yearly(*, today: date | None = None) -> PartnershipRelease | None:
    """The scheduler's Stand: one per calendar year, made on the first run of the year."""
    today = today or timezone.localdate()
    if PartnershipRelease.objects.filter(day__year=today.year).exists():
        return None
    return release_publish(by=None, day=today)
