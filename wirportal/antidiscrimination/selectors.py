"""Reads of the report channel; each a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from wirportal.documents.models import StoredDocument
from wirportal.offices.models import Office

from . import receipt
from .models import (
    EVIDENCE_KIND,
    CounsellingCentre,
    Ground,
    LifeArea,
    Message,
    Report,
    ReportGround,
    ReportStatus,
    RetentionPolicy,
)

# Statistics show no number below this: a small count in one Kreis and year could point to a
# person (threat model T6; the usual threshold of official statistics' secrecy).
SUPPRESS_BELOW = 5


def report_for_code(code: str) -> Report | None:
    """The report a receipt code opens, or None. One indexed lookup by the public part and one
    constant-time check of the secret against its slow hash (`receipt`)."""
    parts = receipt.split_code(code)
    if parts is None:
        receipt.secret_matches("", None)  # the same work as a wrong code
        return None
    public_id, secret = parts
    report = Report.objects.filter(public_id=public_id).select_related("region").first()
    if not receipt.secret_matches(secret, report.code_hash if report else None):
        return None
    return report


def report_documents(report: Report) -> list[StoredDocument]:
    return list(
        StoredDocument.objects.filter(
            owner_type=ContentType.objects.get_for_model(Report),
            owner_id=report.pk,
            kind=EVIDENCE_KIND,
        ).order_by("pk")
    )


def reporter_view(report: Report) -> dict:
    """What the reporter sees with the code: their report, the conversation, their files."""
    return {
        "report": report,
        "grounds": [g.get_ground_display() for g in report.grounds.all()],
        "messages": list(report.messages.all()),
        "documents": report_documents(report),
    }


def report_list(*, status: str = "") -> QuerySet[Report]:
    reports = Report.objects.select_related("region").prefetch_related(
        Prefetch("grounds", queryset=ReportGround.objects.order_by("pk"))
    )
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-pk")


def status_counts() -> dict[str, int]:
    counts = dict(Report.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return {value: counts.get(value, 0) for value in ReportStatus.values}


def report_detail(pk: int) -> Report:
    return (
        Report.objects.select_related("region", "referred_to")
        .prefetch_related(
            "grounds",
            Prefetch("messages", queryset=Message.objects.select_related("author")),
        )
        .get(pk=pk)
    )


def centres() -> QuerySet[CounsellingCentre]:
    return CounsellingCentre.objects.prefetch_related("regions").order_by("name")


def centres_for(report: Report) -> list[CounsellingCentre]:
    """Active centres, those for the report's region first."""
    active = list(centres().filter(active=True))
    return sorted(active, key=lambda c: (report.region not in c.regions.all(), c.name))


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: fewer than SUPPRESS_BELOW, not shown


@dataclass(frozen=True)
class Table:
    title: str
    years: list[int]
    rows: list[tuple[str, list[Cell]]]


def _cell(n: int) -> int | None:
    return n if n >= SUPPRESS_BELOW else None


def _table(title: str, counts: Counter, labels: list[tuple[Any, Any]], years: list[int]) -> Table:
    rows = []
    for key, label in labels:
        cells = [Cell(str(year), _cell(counts.get((key, year), 0))) for year in years]
        rows.append((label, cells))
    return Table(title=title, years=years, rows=rows)


def statistics() -> list[Table]:
    """Reports by ground, by life area and by region, per year; counts below SUPPRESS_BELOW
    are suppressed (shown as "< 5"). Three grouped queries, whatever the number of reports."""
    from django.utils.translation import gettext as _

    by_area = Counter(
        {
            (row["life_area"], row["year"]): row["n"]
            for row in Report.objects.annotate(year=ExtractYear("received_on"))
            .values("life_area", "year")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    by_region = Counter(
        {
            (row["region_id"], row["year"]): row["n"]
            for row in Report.objects.annotate(year=ExtractYear("received_on"))
            .values("region_id", "year")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    # every unit, also those without reports: "< 5" must not tell "none" from "a few"
    regions = list(Office.objects.order_by("name").values_list("pk", "name"))
    by_ground = Counter(
        {
            (row["ground"], row["year"]): row["n"]
            for row in ReportGround.objects.annotate(year=ExtractYear("report__received_on"))
            .values("ground", "year")
            .annotate(n=Count("report_id", distinct=True))
            .order_by()
        }
    )
    years = sorted({year for _key, year in by_area} | {timezone.localdate().year})
    return [
        _table(_("Nach Merkmal"), by_ground, list(Ground.choices), years),
        _table(_("Nach Lebensbereich"), by_area, list(LifeArea.choices), years),
        _table(
            _("Nach Region (WIR-Einheit)"),
            by_region,
            regions,
            years,
        ),
    ]


def retention_policy() -> RetentionPolicy:
    """The configured periods (the defaults until the staff first save them)."""
    return RetentionPolicy.objects.filter(pk=1).first() or RetentionPolicy(pk=1)
