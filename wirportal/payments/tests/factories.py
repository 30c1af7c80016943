"""Accepted grants with their money bound in the ledger, ready to be called down."""

from decimal import Decimal

from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.decisions.tests.factories import GrantDecisionFactory
from wirportal.programmes.models import FinancingType
from wirportal.programmes.services import budget_commit
from wirportal.programmes.tests.factories import LineBudgetFactory


def accepted_grant(
    *,
    organisation,
    applicant,
    case_worker,
    costs: str = "8000.00",
    own: str = "1500.00",
    amount: str = "6500.00",
    year_amounts: dict[str, str] | None = None,
    financing_type: str = FinancingType.GAP,
    rate: str | None = None,
    commit: bool = True,
):
    """B2's Fehlbedarf grant by default: A = 8,000, E = 1,500, Z = 6,500 for 2027, accepted and
    bound in the ledger."""
    year_amounts = year_amounts or {"2027": amount}
    application = ApplicationFactory(organisation=organisation, created_by=applicant)
    line = application.line
    line.financing_type = financing_type
    line.rate = Decimal(rate) if rate else None
    line.cap = None
    line.save()
    CostItemFactory(application=application, amount=Decimal(costs))
    FundingSourceFactory(application=application, amount=Decimal(own))
    application.requested_amount = Decimal(amount)
    application.submit()
    application.start_review()
    application.save()
    for year in year_amounts:
        LineBudgetFactory(line=line, year=int(year), amount=Decimal("1000000"))
    decision = GrantDecisionFactory(
        application=application,
        amount=Decimal(amount),
        requested_amount=Decimal(amount),
        year_amounts=year_amounts,
        approved_by=case_worker,
    )
    decision.approve()
    decision.issue()
    decision.accept()
    decision.accepted_by = applicant
    decision.bank_details_confirmed = True
    decision.save()
    if commit:
        budget_commit(
            line=line,
            year_amounts={int(y): Decimal(a) for y, a in year_amounts.items()},
            source_key=decision.source_key,
            by=case_worker,
        )
    return decision


def pay(decision, amount, paid_on, *, by=None):
    """A call-down as an executed payment run leaves it: checked, ordered by a second person,
    paid on `paid_on` and booked in the ledger in that year (bound first if it is not)."""
    import uuid

    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.decisions.selectors import bound_by_year
    from wirportal.payments.models import PaymentRequest, RequestStatus
    from wirportal.programmes.models import LineBudget
    from wirportal.programmes.services import budget_book_payment

    line, year, amount = decision.application.line, paid_on.year, Decimal(amount)
    checker, orderer = UserFactory(role=Role.CASE_WORKER), UserFactory(role=Role.CASE_WORKER)
    by = by or checker
    if not bound_by_year(decision).get(year):
        if not LineBudget.objects.filter(line=line, year=year).exists():
            LineBudgetFactory(line=line, year=year, amount=Decimal("1000000"))
        budget_commit(
            line=line,
            year_amounts={year: decision.amount},
            source_key=decision.source_key,
            by=by,
        )
    number = PaymentRequest.objects.filter(decision=decision).count() + 1
    payment = PaymentRequest.objects.create(
        decision=decision,
        number=number,
        token=uuid.uuid4(),
        amount=amount,
        needed_on=paid_on,
        budget_year=year,
        status=RequestStatus.PAID,
        requested_by=decision.application.created_by,
        checked_by=checker,
        ordered_by=orderer,
        paid_on=paid_on,
    )
    budget_book_payment(line=line, year=year, amount=amount, source_key=decision.source_key, by=by)
    return payment


def f2_grant(world):
    """Brief F1/F2: a Vielfaltszentrum with 120,000 a year for 2026 and 2027 (fixed, bound);
    2026 paid in full on 3 March 2026."""
    from datetime import date

    from wirportal.programmes.models import FinancingType

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
    pay(decision, "120000.00", date(2026, 3, 3))
    return decision
