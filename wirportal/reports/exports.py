"""A dashboard table as CSV for German Excel and as XLSX.

CSV: semicolons, CRLF, UTF-8 with BOM (Excel's German locale reads that without an import
dialogue), numbers with a decimal comma and no thousands separator; a text cell that starts with
= + - @ or a tab/CR gets a leading apostrophe so no spreadsheet runs it as a formula.
XLSX (openpyxl): numbers stay numbers, euros carry a currency number format, text cells are
protected against formulas in the same way.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from .tables import DAYS, DECIMAL, EUR, INT, PERCENT, YEAR, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"'
NUMBER_FORMATS = {
    YEAR: "0",
    INT: "#,##0",
    DAYS: "0.0",
    PERCENT: '0.0 "%"',
    DECIMAL: "#,##0.##",
    EUR: EURO_FORMAT,
}


def safe_text(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_number(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == EUR:
        return f"{Decimal(value):.2f}".replace(".", ",")
    if kind in (DAYS, PERCENT):
        return f"{float(value):.1f}".replace(".", ",")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value).replace(".", ",")


def _rows(table: Table) -> list[list]:
    return table.rows + ([table.totals] if table.totals else [])


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(column.label) for column in table.columns])
    for row in _rows(table):
        writer.writerow(
            [
                _csv_number(value, column.kind)
                if column.numeric and not isinstance(value, str)
                else safe_text(value)
                for column, value in zip(table.columns, row, strict=False)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, *, subtitle: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.key[:31]
    sheet.append([safe_text(column.label) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(_rows(table), start=2):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=False), start=1):
            if column.numeric and not isinstance(value, str):
                if value is None:
                    continue
                cell = sheet.cell(row=number, column=index, value=_number(value, column.kind))
                cell.number_format = NUMBER_FORMATS[column.kind]
            else:
                cell = sheet.cell(row=number, column=index, value=safe_text(value))
            if table.totals and number == len(_rows(table)) + 1:
                cell.font = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, min(48, len(column.label) + 4))
    sheet.freeze_panes = "A2"
    workbook.properties.title = (table.title + (f" – {subtitle}" if subtitle else ""))[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value, kind: str):
    if kind in (INT, YEAR):
        return int(value)
    if kind == EUR:
        return Decimal(value).quantize(Decimal("0.01"))
    return float(value)
