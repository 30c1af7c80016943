"""Accepted decisions with a plan to write a proof of use against."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.applications.models import CostCategory, FundingSourceKind
from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.decisions.models import DecisionStatus
from wirportal.decisions.tests.factories import GrantDecisionFactory
from wirportal.payments.tests.factories import pay
from wirportal.programmes.models import FinancingType


def accepted_decision(
    *,
    organisation,
    applicant,
    financing_type=FinancingType.GAP,
    paid: str | None = "6500.00",
    paid_on: date = date(2027, 3, 3),
    **line,
):
    """Brief C7's plan: fees 6,000 and material 2,000 (A 8,000), own funds 1,500, Fehlbedarf
    grant 6,500, accepted by `applicant` (project 01.02.–30.11.2027), and `paid` paid out on
    `paid_on` in one executed call-down (bound and paid in the ledger; None: nothing paid)."""
    application = ApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        requested_amount=Decimal("6500.00"),
        call__line__financing_type=financing_type,
        **{f"call__line__{key}": value for key, value in line.items()},
    )
    CostItemFactory(
        application=application,
        category=CostCategory.FEES,
        description="Honorare",
        amount=Decimal("6000"),
    )
    CostItemFactory(
        application=application,
        category=CostCategory.MATERIAL,
        description="Sachausgaben",
        amount=Decimal("2000"),
        position=1,
    )
    FundingSourceFactory(
        application=application, kind=FundingSourceKind.OWN, amount=Decimal("1500")
    )
    case_worker = UserFactory(role=Role.CASE_WORKER)
    decision = GrantDecisionFactory(
        application=application,
        status=DecisionStatus.ACCEPTED,
        approved_by=UserFactory(role=Role.CASE_WORKER),
        proposed_by=case_worker,
        accepted_at=timezone.now(),
        accepted_by=applicant,
    )
    if paid is not None:
        pay(decision, paid, paid_on)
    return decision


def sample_checked(proof, by):
    """Draw the Stichprobe of a submitted proof and find every drawn receipt in order (what the
    case worker does before "Ohne Beanstandung")."""
    from wirportal.settlement import services
    from wirportal.settlement.models import ProofReceipt, SampleVerdict

    if not proof.receipts.exists():
        return
    for pk in services.receipt_sample_draw(proof=proof, by=by):
        services.receipt_sample_record(
            receipt=ProofReceipt.objects.get(pk=pk), by=by, verdict=SampleVerdict.OK
        )


def two_year_grant(world):
    """F1/F2: a Vielfaltszentrum with 120,000 a year for 2026 and 2027 (Festbetrag), bound; the
    2026 rate paid in full on Tue 03.03.2026."""
    from wirportal.payments.tests.factories import accepted_grant

    decision = accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
        costs="240000.00",
        own="0.00",
        amount="240000.00",
        financing_type=FinancingType.FIXED,
        year_amounts={"2026": "120000.00", "2027": "120000.00"},
    )
    type(decision.application).objects.filter(pk=decision.application_id).update(
        period_start=date(2026, 1, 1), period_end=date(2027, 12, 31)
    )
    decision = type(decision).objects.get(pk=decision.pk)
    pay(decision, "120000.00", date(2026, 3, 3))
    return decision


def submitted_interim(world, decision, *, actual="112000.00"):
    """The 2026 interim proof of `two_year_grant`, submitted: `actual` spent, no other funds."""
    from wirportal.settlement import services

    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant, year=2026)
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Beratung und Netzwerkarbeit 2026.",
        participants=120,
        own_funds=Decimal("0"),
        third_party_funds=Decimal("0"),
        lines={row.pk: (Decimal(actual), None) for row in proof.cost_lines.all()},
    )
    return services.proof_submit(proof=proof, by=applicant)
