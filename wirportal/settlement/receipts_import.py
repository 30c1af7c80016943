"""Reading a Belegliste from a CSV or XLSX file (issue #11: receipts "imported from CSV/XLSX with
row-level errors shown and nothing else lost").

The file has a header row naming the columns Datum, Empfänger, Zweck, Betrag (in any order; the
English names date, payee, purpose, amount are accepted too) and one receipt per row. Every row is
checked; if any row is wrong nothing is imported and each error names its row and column, so the
corrected file can simply be uploaded again (no half imports, no duplicates). The file itself
has passed `documents.validation.validate_upload` (kinds csv, xlsx) before it gets here.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from wirportal.applications.services import parse_date, parse_money
from wirportal.core import numbers

MAX_ROWS = 2000
TEXT_MAX = 200
COLUMNS = {
    "datum": "paid_on",
    "date": "paid_on",
    "empfänger": "payee",
    "empfaenger": "payee",
    "zahlungsempfänger": "payee",
    "payee": "payee",
    "zweck": "purpose",
    "verwendungszweck": "purpose",
    "purpose": "purpose",
    "betrag": "amount",
    "betrag (euro)": "amount",
    "betrag in euro": "amount",
    "amount": "amount",
}
# Text that a spreadsheet would run as a formula is refused (CSV/formula injection).
FORMULA_START = ("=", "+", "@")


@dataclass(frozen=True)
class ReceiptRow:
    line: int
    paid_on: date
    payee: str
    purpose: str
    amount: Decimal


@dataclass(frozen=True)
class RowError:
    line: int  # 0 = the file as a whole
    column: str
    message: str


def _cells_csv(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cells_xlsx(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(_text(value))


def _amount(value: object) -> Decimal | None:
    if isinstance(value, bool):
        raise numbers.InputError(_("Bitte geben Sie einen Betrag in Euro an, z. B. 1.234,50."))
    if isinstance(value, int | float):
        try:
            return parse_money(str(Decimal(str(value))))
        except InvalidOperation:
            raise numbers.InputError(
                _("Bitte geben Sie einen Betrag in Euro an, z. B. 1.234,50.")
            ) from None
    return parse_money(_text(value))


def read_receipts(data: bytes, kind: str) -> tuple[list[ReceiptRow], list[RowError]]:
    """The receipts of a CSV (`kind="csv"`) or XLSX file, or the errors per row."""
    try:
        cells = _cells_xlsx(data) if kind == "xlsx" else _cells_csv(data)
    except Exception:  # a damaged file: one error for the file, never a server error
        return [], [RowError(0, "", _("Die Datei kann nicht gelesen werden."))]
    cells = [row for row in cells if any(_text(cell) for cell in row)]
    if not cells:
        return [], [RowError(0, "", _("Die Datei enthält keine Zeilen."))]
    header = [COLUMNS.get(_text(cell).lower(), "") for cell in cells[0]]
    missing = [name for name in ("paid_on", "payee", "purpose", "amount") if name not in header]
    if missing:
        return [], [
            RowError(
                1,
                "",
                _("Die erste Zeile muss die Spalten Datum, Empfänger, Zweck und Betrag benennen."),
            )
        ]
    if len(cells) - 1 > MAX_ROWS:
        return [], [RowError(0, "", _("Höchstens %(max)s Belege je Datei.") % {"max": MAX_ROWS})]
    index = {name: header.index(name) for name in ("paid_on", "payee", "purpose", "amount")}
    labels = {
        "paid_on": _("Datum"),
        "payee": _("Empfänger"),
        "purpose": _("Zweck"),
        "amount": _("Betrag"),
    }
    rows: list[ReceiptRow] = []
    errors: list[RowError] = []
    for number, raw in enumerate(cells[1:], start=2):
        values = {name: raw[i] if i < len(raw) else None for name, i in index.items()}
        row_errors: list[RowError] = []
        parsed: dict[str, object] = {}
        for name in ("payee", "purpose"):
            text = _text(values[name])
            if not text:
                row_errors.append(RowError(number, str(labels[name]), _("Angabe fehlt.")))
            elif len(text) > TEXT_MAX:
                row_errors.append(
                    RowError(
                        number,
                        str(labels[name]),
                        _("Höchstens %(max)s Zeichen.") % {"max": TEXT_MAX},
                    )
                )
            elif text.startswith(FORMULA_START):
                row_errors.append(
                    RowError(
                        number,
                        str(labels[name]),
                        _("Der Text darf nicht mit =, + oder @ beginnen."),
                    )
                )
            parsed[name] = text
        try:
            parsed["paid_on"] = _date(values["paid_on"])
            if parsed["paid_on"] is None:
                row_errors.append(RowError(number, str(labels["paid_on"]), _("Angabe fehlt.")))
        except numbers.InputError as error:
            row_errors.append(RowError(number, str(labels["paid_on"]), str(error)))
        try:
            amount = _amount(values["amount"])
            if amount is None:
                row_errors.append(RowError(number, str(labels["amount"]), _("Angabe fehlt.")))
            elif amount <= 0:
                row_errors.append(
                    RowError(number, str(labels["amount"]), _("Der Betrag muss über 0 liegen."))
                )
            parsed["amount"] = amount
        except numbers.InputError as error:
            row_errors.append(RowError(number, str(labels["amount"]), str(error)))
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            ReceiptRow(
                number,
                parsed["paid_on"],  # type: ignore[arg-type]
                str(parsed["payee"]),
                str(parsed["purpose"]),
                parsed["amount"],  # type: ignore[arg-type]
            )
        )
    return rows, errors
