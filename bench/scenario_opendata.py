"""Open data (#14): the public page "Offene Daten" and the CSV of all years, streamed.

Scale 10 = the approved applications of scenario_funding's ten years (about 7,000) become
accepted grants with two paid call-downs each in their year, besides the 2,000 accepted grants
of 2027 that scenario_payments adds (it runs after this module). Scale 1 = a tenth.
"""

import time
import uuid
from datetime import date
from decimal import Decimal

from django.utils import timezone

from bench.harness import Context, Job, Scenario
from wirportal.applications.models import Application
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.payments.models import PaymentRequest, RequestStatus


def generate(scale: int) -> None:
    ctx = Context(scale)
    applicant, case_worker = ctx.user("applicant"), ctx.user("case_worker")
    reviewer, staff = ctx.user("reviewer"), ctx.user("programme_staff")
    now = timezone.now()
    # only applications without a decision: another module may have decided some already
    applications = list(
        Application.objects.filter(status="approved", reference__contains="-B", decisions=None)
        .select_related("call")
        .order_by("pk")
    )
    decisions = GrantDecision.objects.bulk_create(
        (
            GrantDecision(
                application=a,
                outcome=Outcome.APPROVE,
                amount=a.requested_amount,
                requested_amount=a.requested_amount,
                year_amounts={str(a.call.first_year): str(a.requested_amount)},
                period_start=a.period_start,
                period_end=a.period_end,
                proof_of_use_due=date(a.call.first_year + 1, 3, 31),
                proposed_by=case_worker,
                approved_by=reviewer,
                approved_at=now,
                issued_at=now,
                accepted_at=now,
                accepted_by=applicant,
                bank_details_confirmed=True,
                status=DecisionStatus.ACCEPTED,
            )
            for a in applications
        ),
        batch_size=2000,
    )
    years = {d.application_id: d.application.call.first_year for d in decisions}
    PaymentRequest.objects.bulk_create(
        (
            PaymentRequest(
                decision=d,
                number=n,
                token=uuid.uuid4(),
                amount=(d.amount / 2).quantize(Decimal("0.01")),
                needed_on=date(years[d.application_id], 2 + 4 * n, 1),
                budget_year=years[d.application_id],
                status=RequestStatus.PAID,
                requested_by=applicant,
                checked_by=case_worker,
                checked_at=now,
                ordered_by=staff,
                ordered_at=now,
                paid_on=date(years[d.application_id], 2 + 4 * n, 5),
            )
            for d in decisions
            for n in (1, 2)
        ),
        batch_size=2000,
    )


def stream_all_years(ctx: Context) -> dict:
    """GET the CSV of all years through the whole stack and read it to the end."""
    from django.test import Client

    started = time.perf_counter()
    response = Client().get("/offene-daten/foerderungen.csv")
    assert response.status_code == 200 and response.streaming
    size = rows = 0
    first_chunk_s = None
    for chunk in response.streaming_content:
        if first_chunk_s is None:
            first_chunk_s = time.perf_counter() - started
        size += len(chunk)
        rows += chunk.count(b"\r\n")
    return {
        "rows": rows - 1,
        "kb": size // 1024,
        "first_chunk_ms": round((first_chunk_s or 0) * 1000, 1),
    }


SCENARIOS = [
    Scenario(
        "open-data",
        path="/offene-daten/",
        role=None,
        baseline="hello",
        target=0.3,
        note="the public page Offene Daten: downloads per year, schema, licence, Stand (#14)",
    ),
    Scenario(
        "open-data-signed-in",
        path="/offene-daten/",
        role="programme_staff",
        baseline="one-query",
        target=0.3,
        note="the same page for a signed-in person (not from the page cache) (#14)",
    ),
]
JOBS = [
    Job(
        "open-data-csv",
        run=stream_all_years,
        target_s=2.0,
        scale=10,
        note="the CSV of all years (every published grant and year, about 9,000 rows at scale "
        "10) streamed through the whole stack and read to the end (#14)",
    ),
]
