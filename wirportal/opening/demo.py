"""Demo IKÖ self-checks: Kassel's three years (2024 and 2025 submitted, 2026 in progress) with
its action plan, and submitted checks of a few other units so that the comparison has rows.
Through the services; idempotent (a unit's year exists once)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from wirportal.accounts.demo import ensure_demo_users
from wirportal.offices.models import Office

from . import services
from .models import Answer, Indicator, SelfCheck

KASSEL = "koordination.kassel@wir-demo.de"
MINISTRY = "ministerium@wir-demo.de"
# rating per field position and year: Kassel improves where it planned measures
KASSEL_YEARS = {
    2024: [1, 2, 1, 2, 2, 1, 1],
    2025: [2, 2, 2, 2, 3, 2, 1],
    2026: [3, 3, 2, 2, 3, 3, 2],
}
OTHERS = [  # (slug, year, base rating, named)
    ("bad-homburg", 2025, 2, True),
    ("frankfurt", 2025, 3, False),
    ("marburg", 2025, 1, True),
    ("bad-homburg", 2026, 3, True),
    ("wiesbaden", 2026, 2, False),
    # more units so that the partnership map and the regional conferences have IKÖ figures
    ("lk-bergstrasse", 2025, 2, True),
    ("darmstadt", 2026, 2, True),
    ("offenbach", 2026, 2, True),
    ("wetteraukreis", 2026, 3, False),
    ("lk-giessen", 2026, 1, True),
    ("lahn-dill-kreis", 2026, 3, True),
    ("lk-fulda", 2026, 2, True),
    ("werra-meissner-kreis", 2026, 1, False),
]
MEASURES = [  # (year, field code, title, owner, deadline, status, evidence)
    (
        2024,
        "steuerung",
        "Leitbild „Weltoffenes Kassel“ beschließen",
        "Büro des Oberbürgermeisters",
        date(2024, 12, 31),
        "done",
        "Beschluss der Stadtverordnetenversammlung vom 9.12.2024",
    ),
    (
        2024,
        "zugang",
        "Sprachmittlungspool für Beratungen",
        "Sozialamt",
        date(2025, 6, 30),
        "done",
        "Rahmenvertrag mit dem Dolmetscherpool seit 1.5.2025",
    ),
    (
        2025,
        "oeffnung",
        "Fortbildung Antirassismus für Führungskräfte",
        "Personalamt",
        date(2025, 11, 30),
        "running",
        "",
    ),
    (
        2025,
        "kommunikation",
        "Konfliktleitfaden für Stadtteile",
        "Ordnungsamt",
        date(2026, 3, 31),
        "planned",
        "",
    ),
    (
        2026,
        "zusammenhalt",
        "Willkommensfest für Neuzugewanderte",
        "Kulturamt",
        date(2026, 9, 30),
        "planned",
        "",
    ),
]


def _rate(check, by, ratings, *, upto=None):
    indicators = Indicator.objects.filter(field__questionnaire=check.questionnaire).select_related(
        "field"
    )
    values = {}
    for indicator in indicators:
        if upto is not None and indicator.field.position > upto:
            continue
        values[indicator.pk] = {
            "rating": ratings[(indicator.field.position - 1) % len(ratings)],
            "evidence": "Siehe Jahresbericht der Verwaltung",
        }
    services.answers_save(check=check, by=by, values=values)


@transaction.atomic
def load() -> str:
    users = ensure_demo_users()
    services.questionnaire_default_load(by=users[MINISTRY])
    kassel_user = users[KASSEL]
    kassel = Office.objects.get(slug="kassel")
    created = 0
    for year, ratings in KASSEL_YEARS.items():
        if SelfCheck.objects.filter(office=kassel, year=year).exists():
            continue
        check = services.self_check_start(office=kassel, year=year, by=kassel_user)
        services.self_check_set_visibility(check=check, by=kassel_user, named=True)
        if year < 2026:
            _rate(check, kassel_user, ratings)
            services.self_check_submit(check=check, by=kassel_user)
        else:
            _rate(check, kassel_user, ratings, upto=4)  # in progress
        for m_year, code, title, owner, deadline, status, evidence in MEASURES:
            if m_year != year:
                continue
            field = check.questionnaire.fields.get(code=code)
            measure = services.measure_create(
                check=check,
                by=kassel_user,
                field=field,
                title=title,
                owner=owner,
                deadline=deadline,
            )
            if status != "planned":
                services.measure_update(
                    measure=measure,
                    by=kassel_user,
                    field=field,
                    title=title,
                    owner=owner,
                    deadline=deadline,
                    status=status,
                    completion_evidence=evidence,
                )
        created += 1
    version = services.questionnaire_default_load()
    for slug, year, base, named in OTHERS:
        office = Office.objects.get(slug=slug)
        if SelfCheck.objects.filter(office=office, year=year).exists():
            continue
        check = SelfCheck.objects.create(
            office=office, year=year, questionnaire=version, named=named
        )
        # other units have no demo coordinators: these rows only fill the comparison
        now = timezone.now()
        Answer.objects.bulk_create(
            Answer(
                self_check=check,
                indicator=indicator,
                rating=min(4, base + (indicator.pk % 2)),
                answered_at=now,
            )
            for indicator in Indicator.objects.filter(field__questionnaire=version)
        )
        check.status = "submitted"
        check.submitted_at = now
        check.save()
        created += 1
    return f"{created} IKÖ-Selbstchecks (Kassel 2024–2026 mit Maßnahmenplan)"
