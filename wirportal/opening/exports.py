"""Exports of the IKÖ self-check: the Land's aggregate as CSV (documented schema, for the
integration monitoring) and the PDF/A report of one unit and year."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wirportal.documents.pdf import render_pdf

from . import selectors

# The CSV's columns: (name, type, description). Shown on the comparison page and in
# docs/opening.md; a change of columns is a change of this list (and of both documents).
AGGREGATE_SCHEMA = [
    ("jahr", "integer", _("Jahr des Selbstchecks")),
    ("feld_kennung", "string", _("Kennung des Handlungsfelds (bleibt über Versionen gleich)")),
    ("feld_name", "string", _("Name des Handlungsfelds in der neuesten Version")),
    ("einheiten", "integer", _("Zahl der WIR-Einheiten mit abgeschlossenem Selbstcheck")),
    ("mittelwert", "number", _("Mittel der Einheitenwerte (0 bis 4, eine Nachkommastelle)")),
    ("stufe_0", "integer", _("Einheiten auf Stufe 0 (Wert unter 1)")),
    ("stufe_1", "integer", _("Einheiten auf Stufe 1")),
    ("stufe_2", "integer", _("Einheiten auf Stufe 2")),
    ("stufe_3", "integer", _("Einheiten auf Stufe 3")),
    ("stufe_4", "integer", _("Einheiten auf Stufe 4 (Wert 4)")),
]


def _safe(value: str) -> str:
    """Formula-safe text for spreadsheets (a leading = + - @ gets an apostrophe)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def aggregate_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([name for name, _type, _description in AGGREGATE_SCHEMA])
    for row in rows:
        writer.writerow(
            [
                row.year,
                row.code,
                _safe(row.name),
                row.units,
                "" if row.mean is None else str(row.mean).replace(".", ","),
                *row.levels,
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def aggregate_csv_response(rows) -> HttpResponse:
    response = HttpResponse(aggregate_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="ikoe-land.csv"'
    return response


def check_report_pdf(check, user) -> bytes:
    """The report of one unit and year: profile with the earlier years, suggestions, answers
    and the action plan, as PDF/A-3a (documents.pdf.render_pdf)."""
    page = selectors.check_page(check, user)
    return render_pdf(
        "opening/report_pdf.html",
        {
            "check": check,
            "page": page,
            "answer_rows": [
                (f, [(i, page.answers.get(i.pk)) for i in f.indicators.all()]) for f in page.fields
            ],
            "measures": selectors.measures_of(check),
            "date": timezone.localdate(),
            "subject": f"IKÖ-Selbstcheck {check.office.name} {check.year}",
        },
    )
