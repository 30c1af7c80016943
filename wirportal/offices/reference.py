"""Reference data: Land Hessen, its 3 Regierungsbezirke and the 33 WIR units.

Source: shared/brief/domain.md section 2 (AGS / Kreisschlüssel, RKI population 31.12.2019 for
Kreise; approximate figures for Sonderstatusstädte; Zensus 2022 for Hanau). The conference region of
the units in RB Gießen is an assumption (Nord) and can be changed by programme staff.
"""

from dataclasses import dataclass, field
from datetime import date

STATE_KEY = "06"
STATE_NAME = "Land Hessen"

DISTRICTS = [("064", "Darmstadt"), ("065", "Gießen"), ("066", "Kassel")]

LK, KFS, SSS = "landkreis", "kreisfreie_stadt", "sonderstatusstadt"
HANAU_KREISFREI_FROM = date(2026, 1, 1)


@dataclass(frozen=True)
class Key:
    key: str
    kind: str
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class Unit:
    slug: str
    name: str
    kind: str
    district: str
    region: str
    population: int
    population_source: str
    keys: tuple[Key, ...]
    parent: str | None = None
    extra: dict = field(default_factory=dict)


RKI = "RKI, Stand 31.12.2019"
APPROX = "ungefähr, ältere Angabe"


def _u(slug, name, kind, district, region, population, source, key, parent=None):
    return Unit(slug, name, kind, district, region, population, source, (Key(key, kind),), parent)


UNITS: list[Unit] = [
    _u("darmstadt", "Darmstadt", KFS, "064", "sued", 159878, RKI, "06411000"),
    _u("frankfurt", "Frankfurt am Main", KFS, "064", "sued", 763380, RKI, "06412000"),
    _u("offenbach", "Offenbach am Main", KFS, "064", "sued", 130280, RKI, "06413000"),
    _u("wiesbaden", "Wiesbaden", KFS, "064", "sued", 278474, RKI, "06414000"),
    _u("kassel", "Kassel", KFS, "066", "nord", 202137, RKI, "06611000"),
    _u("lk-bergstrasse", "Landkreis Bergstraße", LK, "064", "sued", 270340, RKI, "06431"),
    _u(
        "lk-darmstadt-dieburg",
        "Landkreis Darmstadt-Dieburg",
        LK,
        "064",
        "sued",
        297844,
        RKI,
        "06432",
    ),
    _u("lk-gross-gerau", "Landkreis Groß-Gerau", LK, "064", "sued", 275726, RKI, "06433"),
    _u("hochtaunuskreis", "Hochtaunuskreis", LK, "064", "sued", 236914, RKI, "06434"),
    _u(
        "main-kinzig-kreis",
        "Main-Kinzig-Kreis",
        LK,
        "064",
        "sued",
        420552,
        RKI + ", einschließlich Hanau",
        "06435",
    ),
    _u("main-taunus-kreis", "Main-Taunus-Kreis", LK, "064", "sued", 238558, RKI, "06436"),
    _u("odenwaldkreis", "Odenwaldkreis", LK, "064", "sued", 96703, RKI, "06437"),
    _u("lk-offenbach", "Landkreis Offenbach", LK, "064", "sued", 355813, RKI, "06438"),
    _u("rheingau-taunus-kreis", "Rheingau-Taunus-Kreis", LK, "064", "sued", 187160, RKI, "06439"),
    _u("wetteraukreis", "Wetteraukreis", LK, "064", "sued", 308339, RKI, "06440"),
    _u("lk-giessen", "Landkreis Gießen", LK, "065", "nord", 270688, RKI, "06531"),
    _u("lahn-dill-kreis", "Lahn-Dill-Kreis", LK, "065", "nord", 253319, RKI, "06532"),
    _u(
        "lk-limburg-weilburg", "Landkreis Limburg-Weilburg", LK, "065", "nord", 171912, RKI, "06533"
    ),
    _u(
        "lk-marburg-biedenkopf",
        "Landkreis Marburg-Biedenkopf",
        LK,
        "065",
        "nord",
        247084,
        RKI,
        "06534",
    ),
    _u("vogelsbergkreis", "Vogelsbergkreis", LK, "065", "nord", 105643, RKI, "06535"),
    _u("lk-fulda", "Landkreis Fulda", LK, "066", "nord", 223145, RKI, "06631"),
    _u(
        "lk-hersfeld-rotenburg",
        "Landkreis Hersfeld-Rotenburg",
        LK,
        "066",
        "nord",
        120719,
        RKI,
        "06632",
    ),
    _u("lk-kassel", "Landkreis Kassel", LK, "066", "nord", 236764, RKI, "06633"),
    _u("schwalm-eder-kreis", "Schwalm-Eder-Kreis", LK, "066", "nord", 179673, RKI, "06634"),
    _u(
        "lk-waldeck-frankenberg",
        "Landkreis Waldeck-Frankenberg",
        LK,
        "066",
        "nord",
        156406,
        RKI,
        "06635",
    ),
    _u("werra-meissner-kreis", "Werra-Meißner-Kreis", LK, "066", "nord", 100629, RKI, "06636"),
    _u(
        "bad-homburg",
        "Bad Homburg vor der Höhe",
        SSS,
        "064",
        "sued",
        52000,
        APPROX,
        "06434001",
        "hochtaunuskreis",
    ),
    _u(
        "ruesselsheim",
        "Rüsselsheim am Main",
        SSS,
        "064",
        "sued",
        59000,
        APPROX,
        "06433012",
        "lk-gross-gerau",
    ),
    Unit(
        "hanau",
        "Hanau",
        KFS,
        "064",
        "sued",
        93632,
        "Zensus 2022",
        (
            Key("06435014", SSS, None, date(2025, 12, 31)),
            Key("06415000", KFS, HANAU_KREISFREI_FROM, None),
        ),
    ),
    _u("giessen", "Gießen", SSS, "065", "nord", 73000, APPROX, "06531005", "lk-giessen"),
    _u("wetzlar", "Wetzlar", SSS, "065", "nord", 52000, APPROX, "06532023", "lahn-dill-kreis"),
    _u(
        "marburg", "Marburg", SSS, "065", "nord", 77000, APPROX, "06534014", "lk-marburg-biedenkopf"
    ),
    _u("fulda", "Fulda", SSS, "066", "nord", 62000, APPROX, "06631009", "lk-fulda"),
]

assert len(UNITS) == 33

# Topics of the regional network (issue 4); programme staff may add more in the administration.
TOPICS: list[tuple[str, str]] = [
    ("sprache", "Sprache"),
    ("arbeit", "Arbeit"),
    ("bildung", "Bildung"),
    ("frauen", "Frauen"),
    ("ehrenamt", "Ehrenamt"),
    ("gesundheit", "Gesundheit"),
    ("antidiskriminierung", "Antidiskriminierung"),
    ("interkulturelle-oeffnung", "Interkulturelle Öffnung"),
    ("wohnen", "Wohnen"),
    ("kinder-und-jugend", "Kinder und Jugend"),
]
