"""The partnership data as rows (schema.FIELDS), CSV for German Excel, JSON and the frictionless
Data Package. Rows are plain dicts with text numbers ("1234.50"), so that a Stand stored as JSON
(`PartnershipRelease.rows`) is written out exactly as it was published."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wirportal.opendata.exports import field_descriptor
from wirportal.reports.exports import safe_text

from . import schema, selectors
from .selectors import Figures, UnitYear


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _region(unit: selectors.Unit) -> str:
    for region, keys in selectors.REGIONS.items():
        if unit.office.district.key in keys:
            return region
    return ""


def _unit_row(cell: UnitYear) -> dict:
    return {
        "ebene": schema.UNIT,
        "jahr": cell.year,
        "amtlicher_schluessel": cell.key,
        "wir_einheit": cell.unit.name,
        "regierungsbezirk": cell.unit.office.district.name,
        "konferenzregion": _region(cell.unit),
        "foerderlinie_kuerzel": "",
        "foerderlinie": "",
        "bewilligt": _money(cell.approved),
        "ausgezahlt": _money(cell.paid),
        "stellen_vzae": _money(cell.posts),
        "zuwendungsempfaenger": cell.recipients,
        "regionale_akteure": cell.actors,
        "veranstaltungen_ausgerichtet": cell.events_held,
        "veranstaltungen_teilgenommen": cell.events_attended,
        "ikoe_mittelwert": None if cell.ikoe is None else f"{cell.ikoe:.1f}",
    }


def rows(data: Figures, *, unit: selectors.Unit | None = None) -> list[dict]:
    """Per unit and year (with data), the unit's row followed by its lines' rows; ordered by
    unit name, year, line name."""
    result = []
    for each in [unit] if unit is not None else data.units:
        for year in data.years:
            cell = data.cells.get((each.pk, year))
            if cell is None:
                continue
            base = _unit_row(cell)
            result.append(base)
            for line in cell.sorted_lines:
                result.append(
                    {
                        **base,
                        "ebene": schema.LINE,
                        "foerderlinie_kuerzel": line.code,
                        "foerderlinie": line.name,
                        "bewilligt": _money(line.approved),
                        "ausgezahlt": _money(line.paid),
                        "stellen_vzae": _money(line.posts),
                        "zuwendungsempfaenger": len(line.recipients),
                        "regionale_akteure": None,
                        "veranstaltungen_ausgerichtet": None,
                        "veranstaltungen_teilgenommen": None,
                        "ikoe_mittelwert": None,
                    }
                )
    return result


def _csv_cell(name: str, value) -> str:
    if value is None:
        return ""
    if name in schema.NUMBER_FIELDS:
        return str(value).replace(".", ",")
    return safe_text(value)


def to_csv(items: Iterable[dict]) -> bytes:
    """German Excel: ';', decimal comma, UTF-8 with BOM, CRLF, no formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(schema.FIELD_NAMES)
    for row in items:
        writer.writerow([_csv_cell(name, row.get(name)) for name in schema.FIELD_NAMES])
    return buffer.getvalue().encode("utf-8-sig")


def _json_value(name: str, value):
    if value is None or name not in schema.NUMBER_FIELDS:
        return value
    return float(value) if "." in str(value) else int(value)


def to_json(items: Iterable[dict], *, day: date, version: str = schema.SCHEMA_VERSION) -> bytes:
    """An object with the Stand, schema version, licence and the rows (numbers as JSON numbers,
    money with two decimals as in the CSV)."""
    body = [
        {name: _json_value(name, row.get(name)) for name in schema.FIELD_NAMES} for row in items
    ]
    document = {
        "stand": day.isoformat(),
        "schema_version": version,
        "lizenz": {
            "id": schema.LICENCE_ID,
            "titel": schema.LICENCE_TITLE,
            "url": schema.LICENCE_URL,
            "namensnennung": schema.ATTRIBUTION,
        },
        "schema": absolute("datapackage"),
        "zeilen": body,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def absolute(name: str, **kwargs) -> str:
    return settings.WIR_SITE_URL.rstrip("/") + reverse(f"partnership:{name}", kwargs=kwargs or None)


def table_schema(*, csv_numbers: bool) -> dict:
    fields = []
    for field in schema.FIELDS:
        item = field_descriptor(field, csv_numbers=csv_numbers)
        if field.name in ("ebene", "jahr", "amtlicher_schluessel", "wir_einheit"):
            item["constraints"] = {"required": True}
        if field.name == "ebene":
            item["constraints"]["enum"] = [schema.UNIT, schema.LINE]
        fields.append(item)
    return {
        "fields": fields,
        "primaryKey": ["amtlicher_schluessel", "jahr", "ebene", "foerderlinie_kuerzel"],
        "missingValues": [""],
    }


def datapackage(*, releases: list[date]) -> dict:
    """A frictionless Data Package (v1): the current data and every published Stand."""
    with translation.override("de"):
        resources = []
        targets: list[tuple[str, str, dict]] = [("aktuell", "all", {})]
        targets += [(f"stand-{d.isoformat()}", "release", {"day": d.isoformat()}) for d in releases]
        for label, name, kwargs in targets:
            for fmt in ("csv", "json"):
                resource: dict = {
                    "name": f"partnerschaft-{label}-{fmt}",
                    "path": absolute(f"{name}-{fmt}", **kwargs),
                    "format": fmt,
                    "mediatype": "text/csv" if fmt == "csv" else "application/json",
                    "encoding": "utf-8",
                    "schema": table_schema(csv_numbers=fmt == "csv"),
                }
                if fmt == "csv":
                    resource["profile"] = "tabular-data-resource"
                    resource["dialect"] = {
                        "delimiter": ";",
                        "lineTerminator": "\r\n",
                        "header": True,
                    }
                else:
                    resource["description"] = (
                        "Objekt mit „stand“, „schema_version“, „lizenz“ und „zeilen“."
                    )
                resources.append(resource)
        return {
            "profile": "data-package",
            "name": "wir-partnerschaft-land-kommunen",
            "id": absolute("datapackage"),
            "title": "Partnerschaft Land – Kommunen im Landesprogramm WIR",
            "description": (
                "Je WIR-Einheit und Jahr: bewilligte und ausgezahlte Mittel je Förderlinie, "
                "geförderte Stellen, Zuwendungsempfänger, regionale Akteure, Veranstaltungen und "
                "IKÖ-Stand (nur namentlich freigegebene). Keine personenbezogenen Daten."
            ),
            "version": schema.SCHEMA_VERSION,
            "homepage": absolute("data"),
            "licenses": [
                {
                    "name": schema.LICENCE_ID,
                    "path": schema.LICENCE_URL,
                    "title": schema.LICENCE_TITLE,
                }
            ],
            "attribution": schema.ATTRIBUTION,
            "resources": resources,
        }
