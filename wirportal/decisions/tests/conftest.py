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
