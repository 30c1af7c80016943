"""Issue #14: every API list keeps its number of queries as the data grows (a token request:
the token with its person, the count, one page of rows with what they show)."""

from datetime import date

import pytest

from wirportal.accounts.tests.factories import api_token, bearer
from wirportal.core.testing import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.WIR_API_TOKEN_RATE = "1000000/m"


def _grants(world, count: int) -> list:
    """`count` accepted grants of organisation A, each on a line of its own, each paid once."""
    from wirportal.payments.tests.factories import accepted_grant, pay

    grants = []
    for _ in range(count):
        grant = accepted_grant(
            organisation=world["org_a"],
            applicant=world.users["applicant_a"],
            case_worker=world.users["case_worker"],
        )
        pay(grant, "100.00", date(2027, 3, 3))
        grants.append(grant)
    return grants


def _proofs(world, count: int) -> None:
    from wirportal.settlement.models import ProofOfUse

    for grant in _grants(world, count):
        ProofOfUse.objects.create(
            decision=grant, due_on=date(2028, 6, 30), created_by=world.users["applicant_a"]
        )


@pytest.mark.parametrize(
    ("role", "path", "add"),
    [
        ("case_worker", "/api/antraege/?status=in_review", _grants),
        ("applicant_a", "/api/antraege/", _grants),
        ("case_worker", "/api/traeger/", _grants),
        ("case_worker", "/api/entscheidungen/", _grants),
        ("applicant_a", "/api/entscheidungen/", _grants),
        ("case_worker", "/api/zahlungen/", _grants),
        ("applicant_a", "/api/zahlungen/", _grants),
        ("applicant_a", "/api/verwendungsnachweise/", _proofs),
        ("programme_staff", "/api/haushalt/?year=2027", _grants),
        ("anonymous", "/api/foerderlinien/", _grants),
    ],
)
def test_api_lists_need_constant_queries(world, client, django_assert_num_queries, role, path, add):
    user = world.users[role]
    headers = bearer(api_token(user)) if user is not None else {}
    add(world, 2)

    def get_page():
        response = client.get(path, **headers)
        assert response.status_code == 200, response.content[:300]
        return response

    first = get_page().json()
    assert_constant_queries(django_assert_num_queries, get_page, lambda: add(world, 4))
    grown = get_page().json()
    if isinstance(first, dict) and "count" in first:
        assert grown["count"] > first["count"] or (role == "case_worker" and "traeger" in path)
