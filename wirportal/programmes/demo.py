"""Seed the WIR lines of 2017 and of the 2021 reform through the services. Idempotent.

Figures from domain.md §1 (press releases; the guideline text itself was not available). Where
the sources give no number (financing type of innovation projects, yearly totals after 2024) the
value is an assumption and marked so in the description.
"""

from datetime import date
from decimal import Decimal as D

from django.db import transaction

from wirportal.accounts.demo import ensure_demo_users
from wirportal.offices.models import Office
from wirportal.offices.models import OrganisationKind as K

from . import services
from .models import CapLevel, Programme
from .models import FinancingType as F

TRAEGER = [K.MUNICIPALITY, K.DISTRICT, K.WELFARE, K.CHURCH, K.ASSOCIATION, K.MIGRANT_ORGANISATION]
UNITS = [K.DISTRICT, K.MUNICIPALITY]

# (code, name, description, kinds, financing type, rate, cap, attachments, per office, multi-year,
#  unit rates [(code, label, unit, amount, max units, max amount)], {year: budget})
LINES_2017 = [
    (
        "koordination",
        "WIR-Koordination",
        "Personal für ein regionales Integrationsmanagement; bis zu 50.000 € je Vollzeitstelle "
        "und Jahr. Der Ansatz 2017 umfasst das Basisprogramm (3,1 Mio. €).",
        UNITS,
        F.FIXED,
        None,
        None,
        ["Stellenbeschreibung", "Kosten- und Finanzierungsplan"],
        False,
        False,
        [("vza", "Koordinationskraft", "VZÄ", D("50000"), D("2"), None)],
        {2017: D("3100000")},
    ),
    (
        "fallmanagement",
        "WIR-Fallmanagement für Geflüchtete",
        "Eine Vollzeitstelle je WIR-Einheit, bis zu 50.000 € im Jahr.",
        UNITS,
        F.FIXED,
        None,
        D("50000"),
        ["Stellenbeschreibung"],
        False,
        False,
        [("vza", "Fallmanagement", "VZÄ", D("50000"), D("1"), None)],
        {2017: D("1650000")},
    ),
    (
        "gefluechtete-frauen",
        "Modellprojekte für geflüchtete Frauen und Mädchen",
        "Projektförderung, 500.000 € im Jahr insgesamt.",
        TRAEGER,
        F.GAP,
        None,
        None,
        ["Konzept", "Kosten- und Finanzierungsplan"],
        False,
        False,
        [],
        {2017: D("500000")},
    ),
    (
        "lotsen",
        "Integrationslotsen (Zusatzmittel Geflüchtete)",
        "Schulung und Aufwandsentschädigung ehrenamtlicher Integrationslotsen.",
        TRAEGER,
        F.FIXED,
        None,
        None,
        ["Formblatt 2 C (Teilnehmendenliste)"],
        False,
        False,
        [
            ("ue", "Basisschulung je UE und Teilnehmende", "UE", D("12.50"), None, None),
            ("stunde", "Aufwandsentschädigung", "Stunde", D("5"), D("276"), None),
        ],
        {2017: D("500000")},
    ),
    (
        "deutsch4u",
        "MitSprache – Deutsch 4U",
        "2017 beantragen die WIR-Einheiten und leiten die Mittel an Träger weiter: bis zu "
        "10.500 € je Kurs und 2.400 € Kinderbetreuung.",
        UNITS,
        F.FIXED,
        None,
        None,
        ["Kursplanung"],
        False,
        False,
        [
            ("kurs", "Sprachkurs", "Kurs", D("10500"), None, None),
            ("kinderbetreuung", "Kursbegleitende Kinderbetreuung", "Kurs", D("2400"), None, None),
        ],
        {2017: D("2700000")},
    ),
    (
        "migrantenorganisationen",
        "Gemeinnützige Migrantenorganisationen",
        "Kleinprojekte gemeinnütziger Migrantenorganisationen.",
        [K.MIGRANT_ORGANISATION],
        F.FIXED,
        None,
        D("10200"),
        ["Freistellungsbescheid"],
        False,
        False,
        [
            ("projekt", "Kleinprojekt", "Jahr", D("3000"), D("1"), None),
            ("minijob", "Minijob", "Jahr", D("7200"), D("1"), None),
        ],
        {2017: D("400000")},
    ),
]

YEARS = [2025, 2026, 2027]
LINES_2021 = [
    (
        "vielfaltszentren",
        "WIR-Vielfaltszentren",
        "Bis zu zwei Koordinationskräfte mit bis zu 60.000 € je VZÄ und Jahr, eine "
        "WIR-Mitarbeitsstelle bis 20.000 € und Mikroprojekte bis 5.000 € im Jahr. "
        "Förderzeitraum 2026–2030. Budget je WIR-Einheit zugewiesen.",
        UNITS,
        F.FIXED,
        None,
        D("145000"),
        ["Zielvereinbarung", "Stellenplan"],
        True,
        True,
        [
            ("koordination", "Koordinationskraft", "VZÄ", D("60000"), D("2"), None),
            ("mitarbeit", "WIR-Mitarbeitsstelle", "Stelle", D("20000"), D("1"), None),
            ("mikroprojekte", "Mikroprojekte (Weiterleitung)", "Jahr", D("5000"), D("1"), None),
        ],
        {year: D("4785000") for year in YEARS},
    ),
    (
        "innovation",
        "Innovative Integrations- und Teilhabeprojekte",
        "Willkommens- und Anerkennungskultur, interkulturelle Öffnung, Modellprojekte. "
        "Finanzierungsart in den Quellen nicht genannt; hier als Fehlbedarfsfinanzierung "
        "angenommen.",
        TRAEGER,
        F.GAP,
        None,
        D("50000"),
        ["Konzept", "Kosten- und Finanzierungsplan"],
        False,
        False,
        [],
        {year: D("1750000") for year in YEARS},
    ),
    (
        "lotsen",
        "Ehrenamtliche Integrationslotsen",
        "Basisschulung 20–36 UE, Aufwandsentschädigung 5 € je Stunde (höchstens 276 Stunden), "
        "Koordinationspauschale 2.000 € im Jahr.",
        TRAEGER,
        F.FIXED,
        None,
        None,
        ["Formblatt 2 C (Teilnehmendenliste)"],
        False,
        False,
        [
            ("ue", "Basisschulung je UE und Teilnehmende", "UE", D("12.50"), None, None),
            ("stunde", "Aufwandsentschädigung", "Stunde", D("5"), D("276"), None),
            ("koordination", "Koordinationspauschale", "Jahr", D("2000"), D("1"), None),
        ],
        {year: D("1000000") for year in YEARS},
    ),
    (
        "laiendolmetscher",
        "Laiendolmetscher",
        "Festbetragsfinanzierung: 20 € je Einsatz und Klientin/Klient, höchstens fünf Einsätze "
        "je Person.",
        [K.MUNICIPALITY, K.DISTRICT, K.WELFARE, K.CHURCH, K.ASSOCIATION],
        F.FIXED,
        None,
        None,
        ["Nachweis Dolmetscherpool (mind. 5 Personen, 5 Sprachen)"],
        False,
        False,
        [("einsatz", "Dolmetscheinsatz", "Einsatz", D("20"), D("5"), None)],
        {year: D("200000") for year in YEARS},
    ),
    (
        "migrantenorganisationen",
        "Gemeinnützige Migrantenorganisationen",
        "Ein neues Kleinprojekt (3.000 €) und ein Minijob (7.200 €): 10.200 € im Jahr, bis zu "
        "24 Monate.",
        [K.MIGRANT_ORGANISATION],
        F.FIXED,
        None,
        D("10200"),
        ["Freistellungsbescheid", "Abstimmungsschreiben der Kommune"],
        False,
        True,
        [
            ("projekt", "Kleinprojekt", "Jahr", D("3000"), D("1"), None),
            ("minijob", "Minijob", "Jahr", D("7200"), D("1"), None),
        ],
        {year: D("400000") for year in YEARS},
    ),
    (
        "kiv",
        "KIV – Kommunale Vielfalts- und Integrationsstrategien",
        "Externe Prozessbegleitung für Kommunen mit 10.000–50.000 Einwohnern, höchstens 30.000 €.",
        [K.MUNICIPALITY],
        F.GAP,
        None,
        D("30000"),
        ["Ratsbeschluss oder Absichtserklärung"],
        False,
        False,
        [],
        {year: D("300000") for year in YEARS},
    ),
    (
        "deutsch4u",
        "MitSprache – Deutsch 4U",
        "40 € je Unterrichtseinheit (45 Minuten), höchstens 300 UE und 12.000 € je Kurs; "
        "Kinderbetreuung bis 8 € je UE.",
        TRAEGER,
        F.FIXED,
        None,
        None,
        ["Kooperationsschreiben der Kommune", "Kursplanung"],
        False,
        False,
        [
            ("ue", "Unterrichtseinheit", "UE", D("40"), D("300"), D("12000")),
            ("kinderbetreuung", "Kinderbetreuung", "UE", D("8"), D("300"), None),
        ],
        {year: D("4000000") for year in YEARS},
    ),
]

CALLS_2027 = [
    "innovation",
    "lotsen",
    "laiendolmetscher",
    "migrantenorganisationen",
    "kiv",
    "deutsch4u",
]


# The level of each cap (grant-law-examples.md A5–A10); as migration programmes 0003.
LINE_CAP_LEVELS = {"vielfaltszentren": CapLevel.YEAR, "migrantenorganisationen": CapLevel.YEAR}
RATE_CAP_LEVELS = {
    ("lotsen", "stunde"): CapLevel.PERSON,
    ("lotsen", "koordination"): CapLevel.YEAR,
    ("laiendolmetscher", "einsatz"): CapLevel.CLIENT,
    ("deutsch4u", "ue"): CapLevel.COURSE,
    ("deutsch4u", "kinderbetreuung"): CapLevel.COURSE,
    ("vielfaltszentren", "koordination"): CapLevel.YEAR,
    ("vielfaltszentren", "mitarbeit"): CapLevel.YEAR,
    ("vielfaltszentren", "mikroprojekte"): CapLevel.YEAR,
    ("migrantenorganisationen", "projekt"): CapLevel.YEAR,
    ("migrantenorganisationen", "minijob"): CapLevel.YEAR,
}


def _create_lines(programme, lines, by) -> dict:
    created = {}
    for (
        code,
        name,
        description,
        kinds,
        financing,
        rate,
        cap,
        attachments,
        per_office,
        multi_year,
        unit_rates,
        budgets,
    ) in lines:
        line = services.funding_line_save(
            by=by,
            programme=programme,
            code=code,
            name=name,
            description=description,
            eligible_kinds=[str(k) for k in kinds],
            financing_type=financing,
            rate=rate,
            cap=cap,
            cap_level=LINE_CAP_LEVELS.get(code, CapLevel.APPLICATION),
            required_attachments=attachments,
            allocated_per_office=per_office,
            multi_year=multi_year,
        )
        for rate_code, label, unit, amount, max_units, max_amount in unit_rates:
            services.unit_rate_save(
                by=by,
                line=line,
                code=rate_code,
                label=label,
                unit=unit,
                amount=amount,
                max_units=max_units,
                max_amount=max_amount,
                cap_level=RATE_CAP_LEVELS.get((code, rate_code), CapLevel.ROW),
            )
        for year, amount in budgets.items():
            services.line_budget_save(by=by, line=line, year=year, amount=amount)
        created[code] = line
    return created


@transaction.atomic
def load() -> str:
    if Programme.objects.filter(short_name__in=["WIR 2017", "WIR-VuT"]).exists():
        return ""
    staff = ensure_demo_users()["ministerium@wir-demo.de"]
    old = services.programme_save(
        by=staff,
        name="WIR – Wegweisende Integrationsansätze Realisieren",
        short_name="WIR 2017",
        description="Landesprogramm in der Fassung von 2017 (8,85 Mio. €).",
        legal_basis="Förderrichtlinie vom 22.07.2013 (StAnz. 30/2013 S. 909)",
        valid_from=date(2014, 1, 1),
        valid_until=date(2020, 12, 31),
    )
    services.budget_year_save(by=staff, programme=old, year=2017, total=D("8850000"))
    _create_lines(old, LINES_2017, staff)

    new = services.programme_save(
        by=staff,
        name="WIR – Vielfalt und Teilhabe",
        short_name="WIR-VuT",
        description="Reformierte Förderrichtlinie ab 2021: WIR-Vielfaltszentren, innovative "
        "Projekte, Integrationslotsen, Laiendolmetscher, Migrantenorganisationen, KIV und "
        "Deutsch 4U. Jahresbudgets ab 2025 sind Planwerte (Annahme).",
        legal_basis="Förderrichtlinie „WIR – Vielfalt und Teilhabe“; §§ 11, 12 IntTG",
        valid_from=date(2021, 1, 1),
        valid_until=date(2030, 12, 31),
    )
    for year in YEARS:
        services.budget_year_save(by=staff, programme=new, year=year, total=D("12500000"))
    lines = _create_lines(new, LINES_2021, staff)

    vz = lines["vielfaltszentren"]
    offices = list(Office.objects.order_by("name"))
    for budget in vz.budgets.all():
        for office in offices:
            services.office_allocation_save(
                by=staff, line_budget=budget, office=office, amount=D("145000")
            )
    # § 38 LHO: the 2026 budget authorises commitments for the Vielfaltszentren 2026–2030
    # (Verpflichtungsermächtigung, 4 × the yearly Ansatz for 2027–2030); the multi-year grants
    # (decisions demo: Bad Homburg, 600,000 = 5 × 120,000) bind their later years against it.
    budget_2026 = vz.budgets.get(year=2026)
    services.line_budget_save(
        by=staff,
        line=vz,
        year=2026,
        amount=budget_2026.amount,
        line_budget=budget_2026,
        ve_amount=budget_2026.amount * 4,
        ve_until_year=2030,
    )
    services.call_save(
        by=staff,
        line=vz,
        title="WIR-Vielfaltszentren – Förderzeitraum 2026–2030",
        text="Anträge der WIR-Einheiten für den Förderzeitraum 2026–2030 (abgeschlossen).",
        first_year=2026,
        last_year=2030,
        opens_at=date(2025, 6, 1),
        closes_at=date(2025, 10, 31),
    )
    for code in CALLS_2027:
        line = lines[code]
        services.call_save(
            by=staff,
            line=line,
            title=f"{line.name} – Förderjahr 2027",
            text=f"Anträge für das Förderjahr 2027 in der Förderlinie „{line.name}“ können bis "
            "zum 31.12.2026 online gestellt werden. Mit dem Projekt darf vor der Bewilligung "
            "nicht begonnen werden.",
            first_year=2027,
            last_year=2027,
            opens_at=date(2026, 9, 1),
            closes_at=date(2026, 12, 31),
        )
    services.call_save(
        by=staff,
        line=lines["innovation"],
        title="Innovative Projekte – Förderjahr 2026",
        text="Abgeschlossener Aufruf für das Förderjahr 2026.",
        first_year=2026,
        last_year=2026,
        opens_at=date(2025, 9, 1),
        closes_at=date(2025, 12, 31),
    )
    return f"2 Programme, {len(LINES_2017) + len(LINES_2021)} Förderlinien, {len(CALLS_2027) + 2} Aufrufe"
