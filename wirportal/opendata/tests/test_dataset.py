"""The published dataset equals a second computation over the data (Python loops over the
models, not the selector's queries), in CSV and in JSON, and nothing personal leaks."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wirportal.decisions.models import GrantDecision
from wirportal.opendata import schema
from wirportal.payments.models import PaymentRequest

pytestmark = pytest.mark.django_db


def _expected(year: int | None = None) -> list[dict]:
    """A second way: every decision looked at in Python; what counts is written out again."""
    rows = []
    for decision in GrantDecision.objects.order_by("pk"):
        organisation = decision.application.organisation
        if decision.status != "accepted" or decision.outcome not in ("approve", "partial"):
            continue
        if organisation.kind == "other":
            continue
        paid: dict[int, Decimal] = {}
        for payment in PaymentRequest.objects.filter(decision=decision):
            if payment.status == "paid" and payment.paid_on:
                paid[payment.paid_on.year] = paid.get(payment.paid_on.year, Decimal(0)) + (
                    payment.amount
                )
        granted = {int(y): Decimal(a) for y, a in decision.year_amounts.items()}
        for y in sorted(set(granted) | set(paid)):
            if year is not None and y != year:
                continue
            office = organisation.office
            key = ""
            if office is not None:
                key = next(k.key for k in office.keys.all() if k.is_valid_on(date(y, 12, 31)))
            rows.append(
                {
                    "jahr": y,
                    "aktenzeichen": decision.application.reference,
                    "zuwendungsempfaenger": organisation.name,
                    "traegerart": organisation.get_kind_display(),
                    "wir_einheit": office.name if office else "",
                    "amtlicher_schluessel": key,
                    "regierungsbezirk": office.district.name if office else "",
                    "foerderlinie_kuerzel": decision.application.line.code,
                    "foerderlinie": decision.application.line.name,
                    "zweck": decision.application.title,
                    "bewilligungszeitraum_beginn": decision.period_start,
                    "bewilligungszeitraum_ende": decision.period_end,
                    "betrag_bewilligt": granted.get(y, Decimal(0)),
                    "betrag_ausgezahlt": paid.get(y, Decimal(0)),
                }
            )
    return rows


def _from_csv(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel opens it as UTF-8
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    assert tuple(reader.fieldnames or ()) == schema.FIELD_NAMES
    rows = []
    for raw in reader:
        row: dict = dict(raw)
        row["jahr"] = int(row["jahr"])
        for name in ("betrag_bewilligt", "betrag_ausgezahlt"):
            row[name] = Decimal(row[name].replace(",", "."))
        for name in ("bewilligungszeitraum_beginn", "bewilligungszeitraum_ende"):
            row[name] = date.fromisoformat(row[name]) if row[name] else None
        if row["zweck"].startswith("'"):
            row["zweck"] = row["zweck"][1:]  # the formula guard
        rows.append(row)
    return rows


def _from_json(content: bytes) -> list[dict]:
    rows = json.loads(content, parse_float=Decimal)
    for row in rows:
        assert tuple(row) == schema.FIELD_NAMES
        for name in ("bewilligungszeitraum_beginn", "bewilligungszeitraum_ende"):
            row[name] = date.fromisoformat(row[name]) if row[name] else None
    return rows


def _get(client, name: str, **kwargs) -> bytes:
    response = client.get(reverse(f"opendata:{name}", kwargs=kwargs or None))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_all_years_equal_a_second_computation(client, published):
    expected = _expected()
    # A in 2026 and 2027, Hanau in 2025 and 2026: the others are not published
    assert [(r["aktenzeichen"], r["jahr"]) for r in expected] == [
        (published["a"].application.reference, 2026),
        (published["a"].application.reference, 2027),
        (published["h"].application.reference, 2025),
        (published["h"].application.reference, 2026),
    ]
    assert _from_csv(_get(client, "all-csv")) == expected
    assert _from_json(_get(client, "all-json")) == expected


def test_known_figures(client, published):
    """The figures of the fixture written out by hand: what the second computation must give."""
    rows = {(r["zuwendungsempfaenger"], r["jahr"]): r for r in _from_csv(_get(client, "all-csv"))}
    a_2026 = rows[("Verein A e. V.", 2026)]
    assert (a_2026["betrag_bewilligt"], a_2026["betrag_ausgezahlt"]) == (
        Decimal("4000.00"),
        Decimal("2500.50"),
    )
    a_2027 = rows[("Verein A e. V.", 2027)]  # the 300 € call-down is not paid yet
    assert (a_2027["betrag_bewilligt"], a_2027["betrag_ausgezahlt"]) == (
        Decimal("2500.00"),
        Decimal("2000.00"),
    )
    assert a_2026["amtlicher_schluessel"] == "06611000"  # Kassel
    assert a_2026["wir_einheit"] == "Kassel"
    # Hanau: a Sonderstatusstadt of the Main-Kinzig-Kreis until 2025, kreisfrei from 2026
    assert rows[("Magistrat der Stadt Hanau", 2025)]["amtlicher_schluessel"] == "06435014"
    assert rows[("Magistrat der Stadt Hanau", 2026)]["amtlicher_schluessel"] == "06415000"
    assert rows[("Magistrat der Stadt Hanau", 2026)]["betrag_ausgezahlt"] == Decimal("0.00")


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_each_year_equals_its_part_of_the_second_computation(client, published, year):
    expected = _expected(year)
    assert expected
    assert _from_csv(_get(client, "year-csv", year=year)) == expected
    assert _from_json(_get(client, "year-json", year=year)) == expected


def test_a_year_without_data_is_not_found(client, published):
    response = client.get(reverse("opendata:year-csv", kwargs={"year": 2019}))
    assert response.status_code == 404


def test_no_natural_person_and_no_personal_field_leaks(client, published):
    """Negative controls: a Träger of kind "Sonstige" named after a person, a personal name
    and phone number in a project description, addresses, e-mails and bank details are in the
    database; none of them is in any file."""
    org_a = published["a"].application.organisation
    secrets = [
        "Mustermann",  # the sole trader (name, title) and its address/e-mail
        "Mustergasse",
        "Erika Musterfrau",  # a person named in a project description
        "0561 123456",
        org_a.street,
        "integration@hanau.example",
        "Am Markt 14",
        "DE89370400440532013000",  # the IBAN of every factory Träger
        "5320130",
        published["a"].application.created_by.email,
        published["a"].proposed_by.email,
        "Noch nicht angenommen",
        "Widerrufenes Projekt",
        "Abgelehntes Projekt",
    ]
    # the controls are really in the database
    assert GrantDecision.objects.filter(application__summary__contains="Erika Musterfrau").exists()
    assert GrantDecision.objects.filter(
        application__organisation__name__contains="Mustermann", status="accepted"
    ).exists()
    files = [
        _get(client, "all-csv").decode("utf-8-sig"),
        _get(client, "all-json").decode(),
        _get(client, "year-csv", year=2026).decode("utf-8-sig"),
        _get(client, "year-json", year=2026).decode(),
        client.get(reverse("opendata:index")).content.decode(),
    ]
    for text in files:
        for secret in secrets:
            assert secret not in text, secret
    assert "Sprachcafé Nordstadt" in files[0]  # the positive control: the title is published


def test_csv_cells_cannot_run_as_formulas(client, published):
    text = _get(client, "all-csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ";=HYPERLINK" not in text


def test_an_empty_dataset_is_a_header_and_an_empty_list(client, db):
    csv_text = _get(client, "all-csv").decode("utf-8-sig")
    assert csv_text == ";".join(schema.FIELD_NAMES) + "\r\n"
    assert json.loads(_get(client, "all-json")) == []
