"""Dashboards (#14): the Land's budget and application pages on a 10-year ledger.

Scale 10 = ten budget years (2018–2027) of every funding line and 2,000 bookings a year
(commitment and payment of 1,000 applications' money, unit taken from the application), on top
of the applications, decisions and payments of the other scenarios. Scale 1 = a tenth.
"""

import random
from decimal import Decimal

from bench.harness import Scenario
from wirportal.applications.models import Application
from wirportal.programmes.models import FundingLine, LedgerEntry, LedgerKind, LineBudget

YEARS = range(2018, 2028)
BOOKINGS_PER_SCALE = 100  # per year: one commitment and one payment each


def generate(scale: int) -> None:
    rng = random.Random(14)
    lines = list(FundingLine.objects.order_by("pk"))
    LineBudget.objects.bulk_create(
        [
            LineBudget(line=line, year=year, amount=Decimal("5000000"))
            for line in lines
            for year in YEARS
        ],
        ignore_conflicts=True,
    )
    budgets = {(b.line_id, b.year): b for b in LineBudget.objects.filter(year__in=YEARS)}
    applications = list(
        Application.objects.exclude(submitted_at=None).values_list("pk", "line_id")[:5000]
    )
    if not applications:  # scenario_funding and scenario_payments submit them
        raise RuntimeError("scenario_reports needs the submitted applications of scenario_funding")
    entries = []
    for year in YEARS:
        for n in range(BOOKINGS_PER_SCALE * scale):
            pk, line_id = rng.choice(applications)
            budget = budgets[(line_id, year)]
            amount = Decimal(rng.randrange(1000, 50000))
            office = None  # the unit comes from the application's organisation
            key = f"application:{pk}:{year - 2000 + 10 * (n % 3)}"
            entries.append(
                LedgerEntry(
                    line_budget=budget,
                    office=office,
                    kind=LedgerKind.COMMITMENT,
                    amount=amount,
                    source_key=key,
                )
            )
            entries.append(
                LedgerEntry(
                    line_budget=budget,
                    office=office,
                    kind=LedgerKind.PAYMENT,
                    amount=amount / 2,
                    source_key=key,
                )
            )
    LedgerEntry.objects.bulk_create(entries, batch_size=2000, ignore_conflicts=True)


SCENARIOS = [
    Scenario(
        "dashboard-budget",
        path="/auswertungen/haushalt/",
        role="programme_staff",
        baseline="one-query",
        target=0.3,
        note="the Land's budget dashboard over ten years: per year and line, and per year, "
        "Regierungsbezirk, unit and line, with charts (#14)",
    ),
    Scenario(
        "dashboard-budget-unit",
        path="/auswertungen/haushalt/?jahr=2027",
        role="coordinator",
        baseline="one-query",
        target=0.3,
        note="a coordinator's budget dashboard of their unit for one year (#14)",
    ),
    Scenario(
        "dashboard-applications",
        path="/auswertungen/antraege/",
        role="programme_staff",
        baseline="one-query",
        target=0.3,
        note="the application funnel per line and state and the processing times as "
        "percentiles (#14)",
    ),
]
