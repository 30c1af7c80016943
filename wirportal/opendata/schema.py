"""The published dataset "Geförderte Projekte im Landesprogramm WIR": its fields, version,
licence and the frictionless Data Package that describes it (Table Schema).

Change a field's meaning or remove one: raise the major version. Add a field at the end: raise
the minor version. The version is in `datapackage.json` and on the page.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SCHEMA_VERSION = "1.0.0"

LICENCE_ID = "dl-de/by-2-0"
LICENCE_TITLE = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
# the URI that DCAT-AP.de lists for this licence (Vokabular "Lizenzen")
LICENCE_URI = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
# Hessen, Land (Regionalschlüssel 06) in the DCAT-AP.de vocabulary of political geocoding
GEOCODING_URI = "http://dcat-ap.de/def/politicalGeocoding/stateKey/06"
GEOCODING_LEVEL_URI = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
ATTRIBUTION = (
    "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales, Landesprogramm WIR"
)


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: integer, string, number, date
    title: object  # German label (lazy)
    description: object
    example: str = ""


FIELDS: tuple[Field, ...] = (
    Field(
        "jahr",
        "integer",
        _("Jahr"),
        _(
            "Haushaltsjahr: das Jahr, für das der Betrag bewilligt wurde, und das Jahr, in dem "
            "ausgezahlt wurde (Kalenderjahr)."
        ),
        "2027",
    ),
    Field(
        "aktenzeichen",
        "string",
        _("Aktenzeichen"),
        _("Aktenzeichen des Antrags; eindeutig je Projekt, gleich in allen Jahren."),
        "WIR-2027-000123",
    ),
    Field(
        "zuwendungsempfaenger",
        "string",
        _("Zuwendungsempfänger"),
        _("Name des Trägers; nur juristische Personen (siehe „Was nicht veröffentlicht wird“)."),
        "Integrationsverein Kassel e. V.",
    ),
    Field(
        "traegerart",
        "string",
        _("Art des Trägers"),
        _("Zum Beispiel Gemeinde / Stadt, Eingetragener Verein, Wohlfahrtsverband."),
        "Eingetragener Verein",
    ),
    Field(
        "wir_einheit",
        "string",
        _("WIR-Einheit"),
        _(
            "Landkreis, kreisfreie Stadt oder Sonderstatusstadt, in der der Träger seinen Sitz "
            "hat (leer, wenn der Sitz außerhalb der 33 WIR-Einheiten liegt)."
        ),
        "Kassel",
    ),
    Field(
        "amtlicher_schluessel",
        "string",
        _("Amtlicher Schlüssel"),
        _(
            "Amtlicher Gemeindeschlüssel (Städte) oder Kreisschlüssel (Landkreise) der "
            "WIR-Einheit, gültig am 31. Dezember des Jahres."
        ),
        "06611000",
    ),
    Field(
        "regierungsbezirk",
        "string",
        _("Regierungsbezirk"),
        _("Regierungsbezirk der WIR-Einheit."),
        "Kassel",
    ),
    Field(
        "foerderlinie_kuerzel",
        "string",
        _("Förderlinie (Kürzel)"),
        _("Kürzel der Förderlinie."),
        "vielfaltszentren",
    ),
    Field(
        "foerderlinie",
        "string",
        _("Förderlinie"),
        _("Name der Förderlinie im Landesprogramm WIR."),
        "WIR-Vielfaltszentren",
    ),
    Field(
        "zweck",
        "string",
        _("Zweck"),
        _("Titel des Projekts, wie im Antrag angegeben."),
        "Sprachkurs mit Kinderbetreuung",
    ),
    Field(
        "bewilligungszeitraum_beginn",
        "date",
        _("Bewilligungszeitraum von"),
        _("Erster Tag des Bewilligungszeitraums (JJJJ-MM-TT)."),
        "2027-02-01",
    ),
    Field(
        "bewilligungszeitraum_ende",
        "date",
        _("Bewilligungszeitraum bis"),
        _("Letzter Tag des Bewilligungszeitraums (JJJJ-MM-TT)."),
        "2027-11-30",
    ),
    Field(
        "betrag_bewilligt",
        "number",
        _("Bewilligt (Euro)"),
        _("Für dieses Haushaltsjahr bewilligter Betrag laut Zuwendungsbescheid, in Euro."),
        "6500,00",
    ),
    Field(
        "betrag_ausgezahlt",
        "number",
        _("Ausgezahlt (Euro)"),
        _(
            "In diesem Jahr ausgezahlter Betrag (ausgeführte Zahlungen), in Euro; "
            "Rückzahlungen sind nicht abgezogen."
        ),
        "3000,00",
    ),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
