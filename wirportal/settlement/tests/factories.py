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
