"""Writes of the reports app: starting and building the annual programme report (PDF/A)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError
from wirportal.documents.pdf import render_pdf
from wirportal.documents.services import document_store_generated

from . import selectors, tables
from .models import ReportRun, RunStatus
from .tasks import build_report_task

logger = logging.getLogger(__name__)

DOCUMENT_KIND = "programmbericht"


@transaction.atomic
def report_run_start(*, by, year: int) -> ReportRun:
    """Queue the annual report of `year`; the task is stored in this transaction (outbox)."""
    if ReportRun.objects.filter(
        year=year, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    ).exists():
        raise DomainError(_("Der Programmbericht %(year)s wird bereits erstellt.") % {"year": year})
    run = ReportRun.objects.create(year=year, created_by=by, step=_("Wartet auf die Erstellung"))
    audit_record(action="report.requested", target=run, by=by, data={"year": year})
    build_report_task.enqueue(run_id=run.pk)
    return run


def _progress(run: ReportRun, percent: int, step: str, **fields) -> None:
    """Each step is committed at once so that the page polling the run sees it."""
    ReportRun.objects.filter(pk=run.pk).update(progress=percent, step=step, **fields)


def report_sections(year: int) -> list[dict]:
    """The report's content: the Land-wide tables of the year, then per funding line and per
    Regierungsbezirk the key tables (a constant number of queries per section)."""
    opts = selectors.options()
    land = selectors.Filters(year=year)
    sections: list[dict[str, Any]] = [
        {
            "title": _("Land Hessen"),
            "tables": [
                tables.budget_lines(land, opts),
                tables.funnel(land, opts),
                tables.times(land, opts),
                tables.indicators(land, opts),
                tables.events(land, opts),
            ],
        }
    ]
    for line in opts.lines.values():
        filters = selectors.Filters(year=year, line_id=line.pk)
        sections.append(
            {
                "title": _("Förderlinie %(line)s") % {"line": line.name},
                "tables": [
                    tables.budget_units(filters, opts),
                    tables.funnel(filters, opts),
                    tables.indicators(filters, opts),
                ],
            }
        )
    for district in opts.districts.values():
        filters = selectors.Filters(year=year, district_id=district.pk)
        sections.append(
            {
                "title": str(district),
                "tables": [
                    tables.budget_lines(filters, opts),
                    tables.funnel(filters, opts),
                    tables.indicators(filters, opts),
                    tables.events(filters, opts),
                ],
            }
        )
    for number, section in enumerate(sections):
        for table in section["tables"]:
            table.anchor = f"{table.key}-{number}"
    return sections


def report_run_build(*, run_id: int) -> ReportRun:
    """Collect the figures, render the PDF/A-3a and store it with the run. Rendering happens
    outside any transaction (ADR 0014); the run records each step for the progress bar."""
    run = ReportRun.objects.select_related("created_by").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    try:
        _progress(run, 5, _("Zahlen werden zusammengestellt"), status=RunStatus.RUNNING)
        sections = report_sections(run.year)
        _progress(run, 40, _("PDF wird gesetzt"))
        now = timezone.now()
        pdf = render_pdf(
            "reports/annual_report.html",
            {
                "year": run.year,
                "sections": sections,
                "date": timezone.localdate(now),
                "subject": _("Programmbericht WIR %(year)s") % {"year": run.year},
            },
        )
        _progress(run, 85, _("Bericht wird abgelegt"))
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().get(pk=run_id)
            run.document = document_store_generated(
                content=pdf,
                filename=f"programmbericht-{run.year}-{timezone.localdate(now):%Y-%m-%d}.pdf",
                attach_to=run,
                kind=DOCUMENT_KIND,
                by=run.created_by,
                label=_("Programmbericht %(year)s") % {"year": run.year},
            )
            run.status = RunStatus.DONE
            run.progress = 100
            run.step = _("Fertig")
            run.finished_at = timezone.now()
            run.save()
            audit_record(action="report.built", target=run, by=None, data={"year": run.year})
    except Exception as error:  # the run shows that it failed; the worker logs the error
        logger.exception("programme report %s failed", run_id)
        ReportRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            step=_("Fehlgeschlagen"),
            error=str(error)[:300],
            finished_at=timezone.now(),
        )
        raise
    return run
