"""Demo data of the report channel: counselling centres of a Hessian network and a few reports.

DEMO DATA: the centres are modelled on the regional structure of the counselling network
"Antidiskriminierungsberatung in Hessen" (regional centres in the north, centre, Rhine-Main and
south of Hessen), but names, addresses and e-mail addresses are invented (example domains); they
are marked `is_demo` and shown with a "Demodaten" badge. Idempotent: centres are found by name,
reports are only created while there are none.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wirportal.accounts.demo import ensure_demo_users
from wirportal.offices.models import Office

from . import services
from .models import CounsellingCentre, Ground, LifeArea, Report

CENTRES = [
    (
        "Antidiskriminierungsberatung Nordhessen (Demo)",
        "Kassel",
        "Deutsch, Englisch, Türkisch, Arabisch",
        [
            "kassel",
            "lk-kassel",
            "werra-meissner-kreis",
            "schwalm-eder-kreis",
            "lk-waldeck-frankenberg",
            "lk-hersfeld-rotenburg",
            "lk-fulda",
            "fulda",
        ],
    ),
    (
        "Antidiskriminierungsberatung Mittelhessen (Demo)",
        "Gießen",
        "Deutsch, Englisch, Russisch, Farsi",
        [
            "giessen",
            "lk-giessen",
            "lk-marburg-biedenkopf",
            "marburg",
            "lahn-dill-kreis",
            "wetzlar",
            "lk-limburg-weilburg",
            "vogelsbergkreis",
        ],
    ),
    (
        "Antidiskriminierungsberatung Rhein-Main (Demo)",
        "Frankfurt am Main",
        "Deutsch, Englisch, Französisch, Türkisch, Polnisch",
        [
            "frankfurt",
            "offenbach",
            "lk-offenbach",
            "hochtaunuskreis",
            "bad-homburg",
            "main-taunus-kreis",
            "main-kinzig-kreis",
            "hanau",
            "wetteraukreis",
            "wiesbaden",
            "rheingau-taunus-kreis",
        ],
    ),
    (
        "Antidiskriminierungsberatung Südhessen (Demo)",
        "Darmstadt",
        "Deutsch, Englisch, Arabisch, Kurmancî",
        [
            "darmstadt",
            "lk-darmstadt-dieburg",
            "lk-bergstrasse",
            "odenwaldkreis",
            "lk-gross-gerau",
            "ruesselsheim",
        ],
    ),
    (
        "Beratung gegen Antisemitismus Hessen (Demo)",
        "Wiesbaden",
        "Deutsch, Englisch, Hebräisch, Russisch",
        [],  # the whole Land
    ),
]

REPORTS = [
    (
        "Bei der Wohnungsbesichtigung hieß es, an „Ausländer“ werde nicht vermietet.",
        "frankfurt",
        LifeArea.HOUSING,
        [Ground.RACISM],
        True,
    ),
    (
        "Im Bus wurde ich wegen meines Kopftuchs beschimpft; niemand hat reagiert.",
        "kassel",
        LifeArea.PUBLIC_SPACE,
        [Ground.RELIGION, Ground.SEX],
        False,
    ),
    (
        "Meine Bewerbung wurde abgelehnt, man suche „jemanden Jüngeres ins Team“.",
        "darmstadt",
        LifeArea.WORK,
        [Ground.AGE],
        True,
    ),
]


def _slug_map() -> dict[str, Office]:
    return {office.slug: office for office in Office.objects.all()}


@transaction.atomic
def load() -> str:
    users = ensure_demo_users()
    staff = users["antidiskriminierung@wir-demo.de"]
    offices = _slug_map()
    made = 0
    for name, city, languages, slugs in CENTRES:
        if CounsellingCentre.objects.filter(name=name).exists():
            continue
        centre = services.centre_save(
            name=name,
            regions=[offices[s] for s in slugs if s in offices] or list(offices.values()),
            languages=languages,
            email=f"beratung-{city.split()[0].lower().replace('ß', 'ss')}@example.org",
            phone="0611 000000",
            website="https://example.org/",
            address=f"Musterstraße 1, {city}",
            by=staff,
        )
        CounsellingCentre.objects.filter(pk=centre.pk).update(is_demo=True)
        made += 1
    reports = 0
    if not Report.objects.exists():
        today = timezone.localdate()
        for number, (text, slug, area, grounds, referral) in enumerate(REPORTS):
            office = offices.get(slug) or next(iter(offices.values()))
            submitted = services.report_submit(
                description=text,
                happened_on=today - timedelta(days=10 * (number + 1)),
                region=office,
                life_area=area,
                grounds=grounds,
                referral_wanted=referral,
                share_description=referral,
            )
            if number == 0:
                services.staff_reply(
                    report=submitted.report,
                    text="Danke für Ihre Meldung. Möchten Sie, dass wir Sie an eine "
                    "Beratungsstelle in Frankfurt weitergeben?",
                    by=staff,
                )
            reports += 1
    return f"{made} Beratungsstellen, {reports} Meldungen"
