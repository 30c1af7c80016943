"""The open dataset "Partnerschaft Land – Kommunen" (issue #18): its fields, version and licence.

One row per unit and year (`ebene` = "einheit": every figure of the unit in that year) and one
per unit, year and funding line (`ebene` = "foerderlinie": the money, posts and recipients of that
line; the unit-wide fields stay empty). Summing a column over all rows counts the money twice:
sum the rows of one `ebene`.

Change a field's meaning or remove one: raise the major version. Add a field at the end: raise the
minor version. Published Stände keep the version they were made with (`PartnershipRelease`).
The licence and attribution are those of the portal's open data (`opendata.schema`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wirportal.opendata.schema import ATTRIBUTION, LICENCE_ID, LICENCE_TITLE, LICENCE_URL

SCHEMA_VERSION = "1.0.0"
__all__ = ["ATTRIBUTION", "FIELDS", "LICENCE_ID", "LICENCE_TITLE", "LICENCE_URL", "SCHEMA_VERSION"]

UNIT, LINE = "einheit", "foerderlinie"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number
    title: object
    description: object
    example: str = ""


FIELDS: tuple[Field, ...] = (
    Field(
        "ebene",
        "string",
        _("Ebene"),
        _(
            "„einheit“: alle Zahlen der WIR-Einheit im Jahr; „foerderlinie“: Geld, Stellen und "
            "Zuwendungsempfänger einer Förderlinie (die übrigen Felder bleiben leer)."
        ),
        "einheit",
    ),
    Field("jahr", "integer", _("Jahr"), _("Haushalts- bzw. Kalenderjahr."), "2027"),
    Field(
        "amtlicher_schluessel",
        "string",
        _("Amtlicher Schlüssel"),
        _(
            "Kreisschlüssel (Landkreise) oder Amtlicher Gemeindeschlüssel (Städte) der "
            "WIR-Einheit, gültig am 31. Dezember des Jahres."
        ),
        "06611000",
    ),
    Field("wir_einheit", "string", _("WIR-Einheit"), _("Name der WIR-Einheit."), "Kassel"),
    Field("regierungsbezirk", "string", _("Regierungsbezirk"), _("Regierungsbezirk."), "Kassel"),
    Field(
        "konferenzregion",
        "string",
        _("Konferenzregion"),
        _("„sued“ (Regierungsbezirk Darmstadt) oder „nord“ (Gießen und Kassel)."),
        "nord",
    ),
    Field(
        "foerderlinie_kuerzel",
        "string",
        _("Förderlinie (Kürzel)"),
        _("Kürzel der Förderlinie; leer in Zeilen der Ebene „einheit“."),
        "vielfaltszentren",
    ),
    Field("foerderlinie", "string", _("Förderlinie"), _("Name der Förderlinie."), ""),
    Field(
        "bewilligt",
        "number",
        _("Bewilligt (Euro)"),
        _(
            "Für das Jahr bewilligte Beträge der angenommenen Zuwendungsbescheide an juristische "
            "Personen mit Sitz in der Einheit."
        ),
        "120000.00",
    ),
    Field(
        "ausgezahlt",
        "number",
        _("Ausgezahlt (Euro)"),
        _("Im Kalenderjahr ausgezahlte Mittelabrufe dieser Zuwendungen."),
        "90000.00",
    ),
    Field(
        "stellen_vzae",
        "number",
        _("Geförderte Stellen (VZÄ)"),
        _(
            "Vollzeitäquivalente der Kostenplanzeilen mit einer Pauschale je VZÄ (z. B. "
            "WIR-Koordination) in jedem Jahr, für das die Zuwendung einen Betrag hat."
        ),
        "2.00",
    ),
    Field(
        "zuwendungsempfaenger",
        "integer",
        _("Zuwendungsempfänger"),
        _("Anzahl der Träger (juristische Personen) mit Betrag oder Auszahlung im Jahr."),
        "7",
    ),
    Field(
        "regionale_akteure",
        "integer",
        _("Regionale Akteure"),
        _("Öffentliche Einträge regionaler Akteure der Einheit am Tag des Stands."),
        "12",
    ),
    Field(
        "veranstaltungen_ausgerichtet",
        "integer",
        _("Ausgerichtete Veranstaltungen"),
        _("Veröffentlichte öffentliche Veranstaltungen der Einheit, nach Beginn im Jahr."),
        "3",
    ),
    Field(
        "veranstaltungen_teilgenommen",
        "integer",
        _("Besuchte Veranstaltungen"),
        _("Veranstaltungen anderer, die die Einheit als beteiligt veröffentlicht haben."),
        "2",
    ),
    Field(
        "ikoe_mittelwert",
        "number",
        _("IKÖ-Mittelwert"),
        _(
            "Mittel der Handlungsfeld-Mittelwerte des abgeschlossenen IKÖ-Selbstchecks (0–4); "
            "leer, wenn die Einheit nicht namentlich erscheinen möchte oder keinen hat."
        ),
        "2.4",
    ),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
NUMBER_FIELDS = frozenset(f.name for f in FIELDS if f.type == "number")
