"""The open dataset as files: CSV for German Excel, JSON, the Data Package (schema) and the
DCAT-AP.de description. The data files are generators (streamed, constant memory)."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from . import schema
from .selectors import Row

BATCH = 500  # rows per chunk handed to the server


def _safe(value: str) -> str:
    # no formula injection in spreadsheets (OWASP CSV injection): a leading =, +, -, @, tab or
    # carriage return makes Excel and LibreOffice evaluate the cell; a leading ' keeps it text
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _de_number(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _csv_cells(row: Row) -> list[str]:
    return [
        str(row.jahr),
        _safe(row.aktenzeichen),
        _safe(row.zuwendungsempfaenger),
        row.traegerart,  # our own labels, units and keys: never start with a formula sign
        row.wir_einheit,
        row.amtlicher_schluessel,
        row.regierungsbezirk,
        _safe(row.foerderlinie_kuerzel),
        _safe(row.foerderlinie),
        _safe(row.zweck),
        row.bewilligungszeitraum_beginn,
        row.bewilligungszeitraum_ende,
        _de_number(row.betrag_bewilligt),
        _de_number(row.betrag_ausgezahlt),
    ]


def csv_chunks(rows: Iterable[Row]) -> Iterator[bytes]:
    """German Excel: ';' between cells, ',' as decimal sign, UTF-8 with BOM, CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(schema.FIELD_NAMES)
    yield buffer.getvalue().encode("utf-8-sig")
    batch: list[list[str]] = []
    for row in rows:
        batch.append(_csv_cells(row))
        if len(batch) == BATCH:
            yield _csv_batch(batch)
            batch = []
    if batch:
        yield _csv_batch(batch)


def _csv_batch(batch: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(batch)
    return buffer.getvalue().encode("utf-8")


def _json_object(row: Row) -> str:
    text = json.dumps
    return (
        f'{{"jahr":{row.jahr},"aktenzeichen":{text(row.aktenzeichen, ensure_ascii=False)},'
        f'"zuwendungsempfaenger":{text(row.zuwendungsempfaenger, ensure_ascii=False)},'
        f'"traegerart":{text(row.traegerart, ensure_ascii=False)},'
        f'"wir_einheit":{text(row.wir_einheit, ensure_ascii=False)},'
        f'"amtlicher_schluessel":{text(row.amtlicher_schluessel)},'
        f'"regierungsbezirk":{text(row.regierungsbezirk, ensure_ascii=False)},'
        f'"foerderlinie_kuerzel":{text(row.foerderlinie_kuerzel, ensure_ascii=False)},'
        f'"foerderlinie":{text(row.foerderlinie, ensure_ascii=False)},'
        f'"zweck":{text(row.zweck, ensure_ascii=False)},'
        f'"bewilligungszeitraum_beginn":{text(row.bewilligungszeitraum_beginn or None)},'
        f'"bewilligungszeitraum_ende":{text(row.bewilligungszeitraum_ende or None)},'
        f'"betrag_bewilligt":{row.betrag_bewilligt:.2f},'
        f'"betrag_ausgezahlt":{row.betrag_ausgezahlt:.2f}}}'
    )


def json_chunks(rows: Iterable[Row]) -> Iterator[bytes]:
    """A JSON array of objects (the Data Package's fields), numbers as JSON numbers."""
    yield b"["
    first = True
    batch: list[str] = []
    for row in rows:
        batch.append(_json_object(row))
        if len(batch) == BATCH:
            yield (("" if first else ",\n") + ",\n".join(batch)).encode("utf-8")
            first, batch = False, []
    if batch:
        yield (("" if first else ",\n") + ",\n".join(batch)).encode("utf-8")
    yield b"]\n"


# --- descriptions ---------------------------------------------------------------------------


def absolute(name: str, **kwargs) -> str:
    return settings.WIR_SITE_URL.rstrip("/") + reverse(f"opendata:{name}", kwargs=kwargs or None)


def field_descriptor(field, *, csv_numbers: bool) -> dict:
    """A Table Schema field (frictionless) of one of our schema's fields; the CSV files write
    numbers with a decimal comma. Also used by the partnership's dataset."""
    item: dict = {
        "name": field.name,
        "type": field.type,
        "title": str(field.title),
        "description": str(field.description),
        "example": field.example,
    }
    if field.type == "number" and csv_numbers:
        item["decimalChar"] = ","
    return item


def _table_schema(*, csv_numbers: bool) -> dict:
    fields = []
    for field in schema.FIELDS:
        item = field_descriptor(field, csv_numbers=csv_numbers)
        if field.type == "number":
            item["constraints"] = {"minimum": 0}
        if field.type == "date":
            item["format"] = "%Y-%m-%d"
        if field.name in ("jahr", "aktenzeichen", "zuwendungsempfaenger", "foerderlinie"):
            item.setdefault("constraints", {})["required"] = True
        fields.append(item)
    return {"fields": fields, "primaryKey": ["aktenzeichen", "jahr"], "missingValues": [""]}


def datapackage(*, years: list[int], last_modified: datetime | None) -> dict:
    """A frictionless Data Package (v1) with a Table Schema per format; version = schema."""
    with translation.override("de"):
        resources = []
        for label, suffix in [("alle-jahre", None), *((str(y), y) for y in years)]:
            for fmt in ("csv", "json"):
                url = (
                    absolute(f"all-{fmt}")
                    if suffix is None
                    else absolute(f"year-{fmt}", year=suffix)
                )
                resource: dict = {
                    "name": f"foerderungen-{label}-{fmt}",
                    "path": url,
                    "format": fmt,
                    "mediatype": "text/csv" if fmt == "csv" else "application/json",
                    "encoding": "utf-8",
                    "profile": "tabular-data-resource",
                    "schema": _table_schema(csv_numbers=fmt == "csv"),
                }
                if fmt == "csv":
                    resource["dialect"] = {
                        "delimiter": ";",
                        "lineTerminator": "\r\n",
                        "header": True,
                        "doubleQuote": True,
                    }
                resources.append(resource)
        return {
            "profile": "tabular-data-package",
            "name": "wir-gefoerderte-projekte",
            "id": absolute("datapackage"),
            "title": "Geförderte Projekte im Landesprogramm WIR",
            "description": (
                "Zuwendungen des Landes Hessen im Landesprogramm WIR – Vielfalt und Teilhabe an "
                "juristische Personen: Träger, WIR-Einheit mit amtlichem Schlüssel, Förderlinie, "
                "Jahr, bewilligter und ausgezahlter Betrag, Zweck. Keine personenbezogenen Daten."
            ),
            "version": schema.SCHEMA_VERSION,
            "homepage": absolute("index"),
            "licenses": [
                {
                    "name": schema.LICENCE_ID,
                    "path": schema.LICENCE_URL,
                    "title": schema.LICENCE_TITLE,
                }
            ],
            "contributors": [
                {
                    "title": settings.WIR_OPERATOR["name"],
                    "email": settings.WIR_OPERATOR["email"],
                    "role": "publisher",
                }
            ],
            "attribution": schema.ATTRIBUTION,
            "keywords": ["Integration", "Förderung", "Zuwendungen", "Hessen", "WIR"],
            "created": last_modified.isoformat() if last_modified else None,
            "resources": resources,
        }


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority"


def _de(text: str) -> dict:
    return {"@value": text, "@language": "de"}


def _when(moment: datetime | None) -> dict | None:
    return {"@value": moment.isoformat(), "@type": "xsd:dateTime"} if moment else None


def dcat(*, years: list[int], last_modified: datetime | None) -> dict:
    """DCAT-AP.de 2.0 (JSON-LD): Catalog → Dataset → a Distribution per format and year."""
    operator = settings.WIR_OPERATOR
    publisher = {"@type": "foaf:Organization", "foaf:name": operator["name"]}
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": f"{operator['name']}, {operator['unit']}",
        "vcard:hasEmail": {"@id": f"mailto:{operator['email']}"},
        "vcard:hasStreetAddress": operator["street"],
        "vcard:hasLocality": operator["city"],
    }
    modified = _when(last_modified)
    distributions = []
    for year in [None, *years]:
        for fmt, media in (("csv", "text/csv"), ("json", "application/json")):
            url = absolute(f"all-{fmt}") if year is None else absolute(f"year-{fmt}", year=year)
            scope = "alle Jahre" if year is None else str(year)
            distribution: dict = {
                "@id": url,
                "@type": "dcat:Distribution",
                "dct:title": _de(f"Geförderte Projekte, {scope} ({fmt.upper()})"),
                "dcat:accessURL": {"@id": url},
                "dcat:downloadURL": {"@id": url},
                "dct:format": {"@id": f"{EU}/file-type/{fmt.upper()}"},
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{media}"},
                "dct:license": {"@id": schema.LICENCE_URI},
                "dcatde:licenseAttributionByText": schema.ATTRIBUTION,
                "dct:conformsTo": {"@id": absolute("datapackage")},
            }
            if modified:
                distribution["dct:modified"] = modified
            if year is not None:
                distribution["dct:temporal"] = {
                    "@type": "dct:PeriodOfTime",
                    "dcat:startDate": {"@value": f"{year}-01-01", "@type": "xsd:date"},
                    "dcat:endDate": {"@value": f"{year}-12-31", "@type": "xsd:date"},
                }
            distributions.append(distribution)
    dataset: dict = {
        "@id": absolute("index") + "#datensatz",
        "@type": "dcat:Dataset",
        "dct:identifier": absolute("index") + "#datensatz",
        "dct:title": _de("Geförderte Projekte im Landesprogramm WIR"),
        "dct:description": _de(
            "Zuwendungen des Landes Hessen im Landesprogramm WIR – Vielfalt und Teilhabe an "
            "juristische Personen je Jahr: Träger, WIR-Einheit mit amtlichem Schlüssel, "
            "Förderlinie, bewilligter und ausgezahlter Betrag, Zweck."
        ),
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcatde:maintainer": publisher,
        "dct:license": {"@id": schema.LICENCE_URI},
        "dcatde:politicalGeocodingURI": {"@id": schema.GEOCODING_URI},
        "dcatde:politicalGeocodingLevelURI": {"@id": schema.GEOCODING_LEVEL_URI},
        "dcat:theme": [{"@id": f"{EU}/data-theme/GOVE"}, {"@id": f"{EU}/data-theme/SOCI"}],
        "dcat:keyword": [_de(word) for word in ("Integration", "Förderung", "Zuwendungen", "WIR")],
        "dct:language": {"@id": f"{EU}/language/DEU"},
        "dct:accrualPeriodicity": {"@id": f"{EU}/frequency/UPDATE_CONT"},
        "dcat:landingPage": {"@id": absolute("index")},
        "dct:conformsTo": {"@id": absolute("datapackage")},
        "owl:versionInfo": schema.SCHEMA_VERSION,
        "dcat:distribution": [{"@id": d["@id"]} for d in distributions],
    }
    if modified:
        dataset["dct:modified"] = modified
    if years:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": f"{years[0]}-01-01", "@type": "xsd:date"},
            "dcat:endDate": {"@value": f"{years[-1]}-12-31", "@type": "xsd:date"},
        }
    catalog: dict = {
        "@id": absolute("dcat"),
        "@type": "dcat:Catalog",
        "dct:title": _de("Offene Daten des WIR-Portals"),
        "dct:description": _de(
            "Offene Daten des Landesprogramms WIR – Vielfalt und Teilhabe (Hessen)."
        ),
        "dct:publisher": publisher,
        "dct:language": {"@id": f"{EU}/language/DEU"},
        "foaf:homepage": {"@id": absolute("index")},
        "dct:license": {"@id": schema.LICENCE_URI},
        "dcat:dataset": {"@id": dataset["@id"]},
    }
    if modified:
        catalog["dct:modified"] = modified
    return {"@context": DCAT_CONTEXT, "@graph": [catalog, dataset, *distributions]}
