import pytest


@pytest.fixture
def second_case_worker():
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.CASE_WORKER, email="case2@example.org")


@pytest.fixture
def grant(world):
    """B2's Fehlbedarf grant (A 8,000, E 1,500, Z 6,500 for 2027), accepted and bound."""
    from .factories import accepted_grant

    return accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
    )
