"""Belegliste from CSV/XLSX: all rows or none, every error with its row and column."""

import io
from datetime import date, datetime
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wirportal.settlement import services
from wirportal.settlement.models import ProofReceipt
from wirportal.settlement.receipts_import import read_receipts

from .factories import accepted_decision

GOOD_CSV = (
    "Datum;Empfänger;Zweck;Betrag\n"
    "01.03.2027;Kursleitung Müller;Honorar Kurs 1;3.750,00\n"
    "2027-03-15;Druckerei Grün;Flyer;120,5\n"
).encode()


def test_csv_with_german_numbers_and_dates():
    rows, errors = read_receipts(GOOD_CSV, "csv")
    assert errors == []
    assert [(r.line, r.paid_on, r.payee, r.amount) for r in rows] == [
        (2, date(2027, 3, 1), "Kursleitung Müller", D("3750.00")),
        (3, date(2027, 3, 15), "Druckerei Grün", D("120.50")),
    ]


def test_csv_in_windows_encoding_with_commas_and_any_column_order():
    data = "Betrag,Zweck,Datum,Empfänger\n99,Miete,01.04.2027,Bürgerhaus\n".encode("cp1252")
    rows, errors = read_receipts(data, "csv")
    assert errors == [] and rows[0].payee == "Bürgerhaus" and rows[0].amount == D("99.00")


def test_every_bad_row_is_named_and_nothing_is_read():
    data = (
        "Datum;Empfänger;Zweck;Betrag\n"
        "31.02.2027;A;Honorar;10\n"
        "01.03.2027;;Honorar;zehn\n"
        "01.03.2027;=HYPERLINK(1);Honorar;0\n"
        "01.03.2027;B;Honorar;10\n"
    ).encode()
    rows, errors = read_receipts(data, "csv")
    assert [(e.line, e.column) for e in errors] == [
        (2, "Datum"),
        (3, "Empfänger"),
        (3, "Betrag"),
        (4, "Empfänger"),
        (4, "Betrag"),
    ]
    assert len(rows) == 1  # the good row is read, but the caller imports nothing while errors


def test_missing_header_and_broken_files_give_one_clear_error():
    assert read_receipts(b"01.03.2027;A;B;10\n", "csv")[1][0].line == 1
    assert read_receipts(b"PK\x03\x04 not really", "xlsx")[1][0].line == 0
    assert read_receipts(b"", "csv")[1][0].line == 0


def _xlsx(rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_with_date_cells_and_numbers():
    data = _xlsx(
        [
            ["Datum", "Empfänger", "Zweck", "Betrag"],
            [datetime(2027, 3, 1), "Kursleitung", "Honorar", 3750],
            [datetime(2027, 3, 2), "Druckerei", "Flyer", 120.5],
        ]
    )
    rows, errors = read_receipts(data, "xlsx")
    assert errors == []
    assert [(r.paid_on, r.amount) for r in rows] == [
        (date(2027, 3, 1), D("3750.00")),
        (date(2027, 3, 2), D("120.50")),
    ]


@pytest.fixture
def draft(world):
    decision = accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])
    return services.proof_start(decision=decision, by=world.users["applicant_a"])


def test_upload_imports_all_rows(draft, world, login):
    client = login(world.users["applicant_a"])
    response = client.post(
        reverse("settlement:receipt-import", args=[draft.pk]),
        {"file": SimpleUploadedFile("belege.csv", GOOD_CSV, content_type="text/csv")},
    )
    assert response.status_code == 302
    assert ProofReceipt.objects.filter(proof=draft).count() == 2


def test_upload_with_errors_imports_nothing_and_lists_the_rows(draft, world, login):
    client = login(world.users["applicant_a"])
    data = GOOD_CSV + b"32.03.2027;C;D;5\n"
    response = client.post(
        reverse("settlement:receipt-import", args=[draft.pk]),
        {"file": SimpleUploadedFile("belege.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 422
    assert "file" in response.context["import_form"].errors
    assert [(e.line, e.column) for e in response.context["row_errors"]] == [(4, "Datum")]
    assert ProofReceipt.objects.filter(proof=draft).count() == 0


def test_other_file_kinds_are_refused_by_the_upload_policy(draft, world, login):
    client = login(world.users["applicant_a"])
    response = client.post(
        reverse("settlement:receipt-import", args=[draft.pk]),
        {"file": SimpleUploadedFile("belege.pdf", b"%PDF-1.4\n", content_type="application/pdf")},
    )
    assert response.status_code == 422 and "file" in response.context["import_form"].errors
