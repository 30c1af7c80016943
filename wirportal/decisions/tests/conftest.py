from datetime import date

import pytest


@pytest.fixture
def today(monkeypatch):
    """Pin 'today' to 25.11.2026."""
    from django.utils import timezone

    fixed = date(2026, 11, 25)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: fixed)
    return fixed


@pytest.fixture
def second_case_worker():
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.CASE_WORKER, email="case2@example.org")


@pytest.fixture
def reviewed(world, today):
    """An application in review with every check recorded (15,000 requested, 2027)."""
    from wirportal.reviews.tests.factories import application_in_review, record_all_steps

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    record_all_steps(application, by=world.users["case_worker"])
    return application


@pytest.fixture
def bad_homburg(world, today):
    """F1: Vielfaltszentrum Bad Homburg, 600,000 for 2026–2030 (costs 650,000, own 50,000); the
    line has only its 2026 budget: Ansatz 1,000,000 and a VE of 2,000,000 for 2027–2030."""
    from decimal import Decimal as D

    from wirportal.applications.models import FundingSourceKind
    from wirportal.applications.tests.factories import (
        ApplicationFactory,
        CostItemFactory,
        FundingSourceFactory,
    )
    from wirportal.programmes.models import BudgetYear, LineBudget
    from wirportal.reviews.models import ReviewCase
    from wirportal.reviews.tests.factories import record_all_steps

    application = ApplicationFactory(
        organisation=world["org_a"],
        created_by=world.users["applicant_a"],
        call__line__cap=None,
        call__line__multi_year=True,
        period_start=date(2026, 1, 1),
        period_end=date(2030, 12, 31),
        title="WIR-Vielfaltszentrum Bad Homburg 2026–2030",
    )
    CostItemFactory(
        application=application, category="personal", description="Koordination", amount=D("650000")
    )
    FundingSourceFactory(application=application, kind=FundingSourceKind.OWN, amount=D("50000"))
    application.requested_amount = D("600000.00")
    application.submit()
    application.start_review()
    application.save()
    line = application.line
    BudgetYear.objects.create(programme=line.programme, year=2026, total=D("10000000"))
    LineBudget.objects.create(
        line=line, year=2026, amount=D("1000000"), ve_amount=D("2000000"), ve_until_year=2030
    )
    ReviewCase.objects.create(application=application)
    record_all_steps(application, by=world.users["case_worker"])
    return application
