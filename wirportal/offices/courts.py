"""Reference data: the five Hessian administrative courts and the court district of every unit.

Why: a Zuwendungsbescheid is issued by a Land authority (Regierungspräsidium Darmstadt) whose
district covers several court districts, so the competent court is the one in whose district
the recipient has its seat or residence (§ 52 Nr. 3 Satz 2 VwGO). The court districts of Hessen
are set by § 1 Abs. 2 HessAGVwGO (Hessisches Gesetz zur Ausführung der Verwaltungsgerichts-
ordnung i. d. F. vom 27.10.1997, GVBl. I S. 381, zuletzt geändert 24.05.2023, GVBl. S. 348),
which names the Landkreise and kreisfreien Städte. A Sonderstatusstadt belongs to its Landkreis,
so it follows that Kreis: the lookup goes by the Kreisschlüssel (the first five digits of the
unit's official key, `OfficeKey`), which the Sonderstatusstädte share with their Kreis.

Each assignment carries its validity and source, so a change of the law (or of a unit, as
Hanau's Auskreisung on 1.1.2026) is a new row with `valid_from`, never an edit of the past.
Court addresses: verwaltungsgerichtsbarkeit.hessen.de (contact pages of the courts).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

HESS_AG_VWGO = (
    "§ 1 Abs. 2 Nr. {number} HessAGVwGO i. d. F. vom 27.10.1997 (GVBl. I S. 381), "
    "zuletzt geändert am 24.05.2023 (GVBl. S. 348)"
)
HESS_AG_VWGO_FROM = date(1997, 10, 1)
HANAU_KREISFREI_FROM = date(2026, 1, 1)


@dataclass(frozen=True)
class Court:
    slug: str
    name: str
    street: str
    postcode: str
    city: str

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


@dataclass(frozen=True)
class CourtAssignment:
    """One Kreis (Kreisschlüssel, 5 digits) in one court district for a period, with its norm."""

    district_key: str
    court: str
    source: str
    valid_from: date | None = HESS_AG_VWGO_FROM
    valid_until: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


COURTS: dict[str, Court] = {
    court.slug: court
    for court in [
        Court(
            "darmstadt",
            "Verwaltungsgericht Darmstadt",
            "Julius-Reiber-Straße 37",
            "64293",
            "Darmstadt",
        ),
        Court(
            "frankfurt",
            "Verwaltungsgericht Frankfurt am Main",
            "Adalbertstraße 18",
            "60486",
            "Frankfurt am Main",
        ),
        Court("giessen", "Verwaltungsgericht Gießen", "Marburger Straße 4", "35390", "Gießen"),
        Court("kassel", "Verwaltungsgericht Kassel", "Goethestraße 41 + 43", "34119", "Kassel"),
        Court(
            "wiesbaden", "Verwaltungsgericht Wiesbaden", "Mainzer Straße 124", "65189", "Wiesbaden"
        ),
    ]
}


def _district(number: int, court: str, keys: list[str]) -> list[CourtAssignment]:
    source = HESS_AG_VWGO.format(number=number)
    return [CourtAssignment(key, court, source) for key in keys]


ASSIGNMENTS: list[CourtAssignment] = [
    # Nr. 1: Städte Darmstadt und Offenbach am Main, Landkreise Bergstraße, Darmstadt-Dieburg,
    # Groß-Gerau (with Rüsselsheim), Odenwaldkreis und Offenbach
    *_district(1, "darmstadt", ["06411", "06413", "06431", "06432", "06433", "06437", "06438"]),
    # Nr. 2: Stadt Frankfurt am Main, Hochtaunuskreis (with Bad Homburg), Main-Kinzig-Kreis
    # (with Hanau while it belonged to the Kreis), Main-Taunus-Kreis
    *_district(2, "frankfurt", ["06412", "06434", "06435", "06436"]),
    # Nr. 3: Landkreise Gießen, Lahn-Dill-Kreis, Marburg-Biedenkopf (with Gießen, Wetzlar,
    # Marburg), Vogelsbergkreis und Wetteraukreis
    *_district(3, "giessen", ["06531", "06532", "06534", "06535", "06440"]),
    # Nr. 4: Stadt Kassel, Landkreise Fulda (with Fulda), Hersfeld-Rotenburg, Kassel,
    # Schwalm-Eder-Kreis, Waldeck-Frankenberg und Werra-Meißner-Kreis
    *_district(4, "kassel", ["06611", "06631", "06632", "06633", "06634", "06635", "06636"]),
    # Nr. 5: Stadt Wiesbaden, Landkreise Limburg-Weilburg und Rheingau-Taunus-Kreis
    *_district(5, "wiesbaden", ["06414", "06533", "06439"]),
    # Hanau, kreisfrei since 1.1.2026 (Kreis 06415): its area stays in the district of the
    # Verwaltungsgericht Frankfurt am Main, where it lay as part of the Main-Kinzig-Kreis.
    # (Whether § 1 Abs. 2 Nr. 2 HessAGVwGO now names Hanau was not verified.)
    CourtAssignment(
        "06415",
        "frankfurt",
        "Hanau-Auskreisungsgesetz vom 03.03.2025 (GVBl. Nr. 16), § 1; Gebiet bisher "
        + HESS_AG_VWGO.format(number=2)
        + " (Main-Kinzig-Kreis)",
        valid_from=HANAU_KREISFREI_FROM,
    ),
]


def assignment_for_key(key: str, day: date) -> CourtAssignment | None:
    """The court assignment of an official key (AGS or Kreisschlüssel) on a day."""
    district_key = key[:5]
    for assignment in ASSIGNMENTS:
        if assignment.district_key == district_key and assignment.valid_on(day):
            return assignment
    return None


def court_for_office(office, day: date) -> tuple[Court, CourtAssignment] | None:
    """The administrative court competent for a recipient seated in `office`'s area on `day`
    (§ 52 Nr. 3 Satz 2 VwGO with § 1 Abs. 2 HessAGVwGO); None if the unit has no key then."""
    if office is None:
        return None
    from .models import OfficeKey

    keys = OfficeKey.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        office=office,
    ).values_list("key", flat=True)
    for key in keys:
        assignment = assignment_for_key(key, day)
        if assignment is not None:
            return COURTS[assignment.court], assignment
    return None
