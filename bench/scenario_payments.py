"""Money out and proof of use (#11): the call-down page, the proof-of-use check page and a
payment run of 10,000 payments.

Scale 10 = 2,000 accepted grants of 2027 with 5 ordered call-downs each (10,000 payments for one
SEPA run), 100 organisations with a bank account; the bench applicant's grant with 30 call-downs
in every state and its submitted proof of use with 100 receipts and a drawn Stichprobe. Scale 1
= a tenth of each.
"""

import random
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from schwifty import IBAN

from bench.generate import BENCH_ORGANISATION
from bench.harness import Context, Job, Scenario
from wirportal.applications.models import Application, CostItem, FundingSource
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.offices.models import Organisation
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.programmes.models import Call
from wirportal.settlement.models import ProofOfUse, ProofReceipt

GRANTS_PER_SCALE = 200
ORDERED_PER_GRANT = 5
BENCH_REQUESTS_PER_SCALE = 3
RECEIPTS_PER_SCALE = 10
YEAR = 2027


def _iban(n: int) -> str:
    return str(IBAN.generate("DE", bank_code="50010517", account_code=f"{1000000 + n}").compact)


def generate(scale: int) -> None:
    users = {
        role: Context(scale).user(role)
        for role in ("applicant", "case_worker", "programme_staff", "reviewer")
    }
    call = Call.objects.filter(first_year=YEAR).select_related("line").order_by("pk").first()
    if call is None:  # scenario_funding makes the calls
        raise RuntimeError("scenario_payments needs the calls of scenario_funding")
    bench_org = Organisation.objects.get(name=BENCH_ORGANISATION)
    organisations = [
        bench_org,
        *Organisation.objects.exclude(pk=bench_org.pk).order_by("pk")[: 10 * scale - 1],
    ]
    for n, organisation in enumerate(organisations):
        organisation.iban = _iban(n)
        organisation.bic = "INGDDEFFXXX"
        organisation.account_holder = organisation.name[:70]
        organisation.save(update_fields=["iban", "bic", "account_holder"])
    count = GRANTS_PER_SCALE * scale + 1  # the bench applicant's grant and 200 per scale
    applications = Application.objects.bulk_create(
        Application(
            reference=f"WIR-{YEAR}-P{i:06d}",
            organisation=bench_org if i == 0 else random.choice(organisations),
            call=call,
            line_id=call.line_id,
            created_by=users["applicant"],
            title=f"Geförderter Kurs {i}",
            summary="Sprachkurs mit Kinderbetreuung.",
            target_groups=["gefluechtete"],
            period_start=date(YEAR, 2, 1),
            period_end=date(YEAR, 11, 30),
            participants_planned=24,
            not_started_declared=True,
            requested_amount=Decimal("6500.00"),
            status="approved",
            submitted_at=timezone.make_aware(datetime(YEAR - 1, 11, 1 + i % 28, 10)),
        )
        for i in range(count)
    )
    CostItem.objects.bulk_create(
        CostItem(
            application=a,
            position=n,
            category=category,
            description=description,
            amount=Decimal(amount),
        )
        for a in applications
        for n, (category, description, amount) in enumerate(
            [("honorare", "Honorare", "6000"), ("sachausgaben", "Sachausgaben", "2000")]
        )
    )
    FundingSource.objects.bulk_create(
        FundingSource(application=a, kind="eigenmittel", name="Eigenmittel", amount=1500)
        for a in applications
    )
    now = timezone.now()
    decisions = GrantDecision.objects.bulk_create(
        GrantDecision(
            application=a,
            outcome=Outcome.APPROVE,
            amount=Decimal("6500.00"),
            requested_amount=Decimal("6500.00"),
            year_amounts={str(YEAR): "6500.00"},
            period_start=date(YEAR, 2, 1),
            period_end=date(YEAR, 11, 30),
            proof_of_use_due=date(YEAR + 1, 5, 31),
            proposed_by=users["case_worker"],
            approved_by=users["reviewer"],
            approved_at=now,
            issued_at=now,
            accepted_at=now,
            accepted_by=users["applicant"],
            bank_details_confirmed=True,
            status=DecisionStatus.ACCEPTED,
        )
        for a in applications
    )
    # 5 ordered call-downs of 1,000 € for every grant but the bench applicant's: the 10,000 run
    PaymentRequest.objects.bulk_create(
        (
            PaymentRequest(
                decision=d,
                number=n,
                token=uuid.uuid4(),
                amount=Decimal("1000.00"),
                needed_on=date(YEAR, 1, 15),
                budget_year=YEAR,
                status=RequestStatus.ORDERED,
                requested_by=users["applicant"],
                checked_by=users["case_worker"],
                checked_at=now,
                ordered_by=users["programme_staff"],
                ordered_at=now,
            )
            for d in decisions[1:]
            for n in range(1, ORDERED_PER_GRANT + 1)
        ),
        batch_size=2000,
    )
    # the bench applicant's grant: call-downs of 10 € in every state
    states = [RequestStatus.REQUESTED, RequestStatus.REFUSED, RequestStatus.PAID]
    PaymentRequest.objects.bulk_create(
        PaymentRequest(
            decision=decisions[0],
            number=n + 1,
            token=uuid.uuid4(),
            amount=Decimal("10.00"),
            needed_on=date(YEAR, 1, 15) + timedelta(days=n),
            budget_year=YEAR,
            status=states[n % 3],
            requested_by=users["applicant"],
            refused_by=users["case_worker"] if states[n % 3] == RequestStatus.REFUSED else None,
            refusal_reason="Zu früh" if states[n % 3] == RequestStatus.REFUSED else "",
            paid_on=date(YEAR, 1, 20) if states[n % 3] == RequestStatus.PAID else None,
        )
        for n in range(BENCH_REQUESTS_PER_SCALE * scale)
    )
    _submitted_proof(decisions[0], applications[0], users["applicant"], scale)


def _submitted_proof(decision, application, applicant, scale: int) -> None:
    from wirportal.settlement.models import ProofCostLine, ProofStatus

    proof = ProofOfUse.objects.create(
        decision=decision,
        due_on=date(YEAR + 1, 5, 31),
        full=True,
        report="Zwei Kurse mit 24 Teilnehmenden durchgeführt.",
        own_funds=Decimal("1500"),
        third_party_funds=Decimal("0"),
        created_by=applicant,
        submitted_by=applicant,
        submitted_at=timezone.now(),
        status=ProofStatus.SUBMITTED,
    )
    ProofCostLine.objects.bulk_create(
        ProofCostLine(
            proof=proof,
            cost_item=item,
            position=item.position,
            label=item.description,
            planned=item.amount,
            actual=item.amount,
        )
        for item in application.cost_items.order_by("position")
    )
    ProofReceipt.objects.bulk_create(
        ProofReceipt(
            proof=proof,
            paid_on=date(YEAR, 3, 1) + timedelta(days=n % 200),
            payee=f"Kursleitung {n}",
            purpose="Honorar",
            amount=Decimal("80.00"),
        )
        for n in range(RECEIPTS_PER_SCALE * scale)
    )
    # the Stichprobe drawn (10 %, at least 5): listed with its verdict forms on every page
    from wirportal.settlement import sampling

    ids = list(ProofReceipt.objects.filter(proof=proof).values_list("pk", flat=True))
    size = sampling.sample_size(len(ids), percent=Decimal("10"), minimum=5)
    ProofReceipt.objects.filter(pk__in=sampling.draw(ids, seed=11, size=size)).update(sampled=True)
    ProofOfUse.objects.filter(pk=proof.pk).update(
        sample_seed=11, sample_drawn_at=timezone.now(), sample_drawn_by=applicant
    )


def _bench_decision() -> GrantDecision:
    return GrantDecision.objects.get(application__reference=f"WIR-{YEAR}-P000000")


def payment_run(ctx: Context) -> dict:
    """Build, XSD-validate and store one SEPA run of every ordered payment (rolled back)."""
    from wirportal.payments.services import payment_run_build

    with transaction.atomic():
        run = payment_run_build(
            by=ctx.user("programme_staff"),
            execution_date=date(YEAR, 1, 15),
            today=date(YEAR, 1, 4),
        )
        result = {"payments": run.count, "total": str(run.total), "kb": len(run.xml) // 1024}
        transaction.set_rollback(True)  # the data stays the same for the other measurements
    return result


SCENARIOS = [
    Scenario(
        "call-down",
        path=lambda ctx: f"/mittelabrufe/abruf/{_bench_decision().pk}/",
        role="applicant",
        baseline="one-query",
        target=0.5,
        note="the recipient's Mittelabruf page of a grant with 3 call-downs per scale in every "
        "state (#11)",
    ),
    Scenario(
        "proof-check",
        path=lambda ctx: (
            f"/verwendungsnachweise/{ProofOfUse.objects.get(decision=_bench_decision()).pk}/"
        ),
        role="case_worker",
        baseline="one-query",
        target=0.5,
        note="the case worker's page of a submitted proof of use with 10 receipts per scale, "
        "25 a page, and its drawn Stichprobe (#11)",
    ),
]
JOBS = [
    Job(
        "payment-run",
        run=payment_run,
        target_s=5.0,
        scale=10,
        note="payment_run_build of 1,000 ordered payments per scale (10,000 at scale 10): "
        "pain.001.001.09 built, validated against the XSD, stored; rolled back afterwards (#11)",
    ),
]
