"""Partnership Land – Kommunen (#18): the Land overview of all 33 units, a unit's page (public and
staff), a regional conference and the CSV of all units, on the 10-year dataset that the other
modules build (funding, open data, events, IKÖ). No data of its own: the figures are computed over
theirs.
"""

import time

from bench.harness import Context, Job, Scenario

KASSEL = "06611000"


def generate(scale: int) -> None:
    """Nothing to add: the grants, payments, events and self-checks come from the other modules."""


def figures_uncached(ctx: Context) -> dict:
    """Every figure of all 33 units in every year, as the overview and the CSV compute them on a
    cache miss (in-process, without the page cache)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from wirportal.partnership import exports, selectors

    reset_queries()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        data = selectors.figures(public=True)
        rows = exports.rows(data)
    return {
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "queries": len(queries.captured_queries),
        "years": len(data.years),
        "rows": len(rows),
    }


SCENARIOS = [
    Scenario(
        "partnership-overview",
        path="/partnerschaft/",
        role=None,
        baseline="hello",
        target=0.3,
        note="the Land overview for visitors: map and table of the 33 units (#18)",
    ),
    Scenario(
        "partnership-overview-signed-in",
        path="/partnerschaft/?jahr=2025&sortierung=bewilligt&richtung=ab",
        role="programme_staff",
        baseline="one-query",
        target=0.3,
        note="the overview sorted, for a signed-in person (no whole-page cache) (#18)",
    ),
    Scenario(
        "partnership-unit-staff",
        path=f"/partnerschaft/{KASSEL}/",
        role="programme_staff",
        baseline="one-query",
        target=0.2,
        note="a unit's page with the staff part (ledger, applications on their way) (#18)",
    ),
    Scenario(
        "partnership-conference",
        path="/partnerschaft/konferenz/nord/",
        role=None,
        baseline="hello",
        target=0.3,
        note="the North's regional conference: its units side by side (#18)",
    ),
]
JOBS = [
    Job(
        "partnership-figures",
        run=figures_uncached,
        target_s=2.0,
        scale=10,
        note="all figures of the 33 units in every year computed without caches (#18)",
    ),
]
