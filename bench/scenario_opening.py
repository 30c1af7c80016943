"""Intercultural opening (#15): the ministry's comparison of all 33 units.

Scale 10 = every unit's submitted IKÖ self-check of ten years (2017–2026, about 8,600 rated
answers); scale 1 = one year. The page reads three aggregated queries whatever the number of
units and years.
"""

import random

from django.utils import timezone

from bench.harness import Scenario
from wirportal.core.caching import bump
from wirportal.offices.models import Office
from wirportal.opening.models import Answer, Indicator, SelfCheck
from wirportal.opening.services import questionnaire_default_load

LAST_YEAR = 2026


def generate(scale: int) -> None:
    rng = random.Random(15)
    version = questionnaire_default_load()
    indicators = list(Indicator.objects.filter(field__questionnaire=version))
    now = timezone.now()
    years = range(LAST_YEAR - scale + 1, LAST_YEAR + 1)
    SelfCheck.objects.bulk_create(
        [
            SelfCheck(
                office=office,
                year=year,
                questionnaire=version,
                status="submitted",
                submitted_at=now,
                named=rng.random() < 0.6,
            )
            for office in Office.objects.order_by("pk")
            for year in years
        ],
        ignore_conflicts=True,
    )
    checks = list(SelfCheck.objects.filter(year__in=years, answers=None))
    Answer.objects.bulk_create(
        (
            Answer(self_check=c, indicator=i, rating=rng.randrange(0, 5), answered_at=now)
            for c in checks
            for i in indicators
        ),
        batch_size=2000,
    )
    bump("ikoe")  # bulk writes send no signals (core.caching)


SCENARIOS = [
    Scenario(
        "ikoe-comparison",
        path=f"/interkulturelle-oeffnung/vergleich/?jahr={LAST_YEAR}",
        role="programme_staff",
        baseline="one-query",
        target=0.3,
        note="the ministry's comparison of all 33 units (a year's table and the Land's "
        "aggregate of every year) (#15)",
    ),
]
