"""Registration exports: CSV for German Excel (';', UTF-8 BOM), XLSX, and the check-in list PDF."""

import csv
import io
from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wirportal.core.dates import format_date

from .models import ChoiceStatus, Registration


def _header() -> list[str]:
    return [
        _("Nachname"),
        _("Vorname"),
        _("E-Mail-Adresse"),
        _("Organisation"),
        _("WIR-Einheit"),
        _("Status"),
        _("Wartelistenplatz"),
        _("Foren"),
        _("Barrierefreiheit"),
        _("Verpflegung"),
        _("Angemeldet am"),
        _("Eingecheckt um"),
    ]


def _safe(value: str) -> str:
    # no formula injection in spreadsheets (OWASP CSV injection)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _when(value) -> str:
    # in the language of the header row (the person exporting)
    return format_date(value, "SHORT_DATETIME_FORMAT")


def _workshops(registration: Registration) -> str:
    parts = []
    for choice in registration.choices.all():
        if choice.status == ChoiceStatus.CONFIRMED:
            parts.append(choice.workshop.title)
        elif choice.status == ChoiceStatus.WAITING:
            parts.append(f"{choice.workshop.title} ({_('Warteliste')} {choice.waiting_rank})")
        elif choice.status == ChoiceStatus.REQUESTED and choice.preference:
            parts.append(f"{choice.preference}. {_('Wunsch')}: {choice.workshop.title}")
    return "; ".join(parts)


def rows(registrations: Iterable[Registration]) -> list[list[str]]:
    return [
        [
            _safe(r.last_name),
            _safe(r.first_name),
            _safe(r.email),
            _safe(r.organisation_name),
            r.office.name if r.office else "",
            str(r.get_status_display()),
            str(r.waiting_rank or "") if r.status == "waiting" else "",
            _safe(_workshops(r)),
            _safe(r.accessibility_needs),
            _safe(r.dietary_needs),
            _when(r.created_at),
            _when(r.checked_in_at),
        ]
        for r in registrations
    ]


def to_csv(registrations: Iterable[Registration]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_header())
    writer.writerows(rows(registrations))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(registrations: Iterable[Registration], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Anmeldungen")
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(registrations):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    workbook.properties.title = title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def check_in_pdf(event, registrations: Iterable[Registration]) -> bytes:
    from weasyprint import HTML

    # a German list for the door, like every document the portal prints
    with translation.override("de"):
        html = render_to_string(
            "events/check_in_list_pdf.html",
            {"event": event, "registrations": list(registrations), "printed_at": timezone.now()},
        )
    base = (settings.BASE_DIR / "static").as_uri() + "/"
    return HTML(string=html, base_url=base).write_pdf()
