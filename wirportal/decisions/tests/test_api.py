"""GET /api/entscheidungen/: decisions as JSON for the recipient's members and the authority."""

import pytest

from wirportal.decisions import api, services
from wirportal.decisions.models import Outcome

from .factories import GrantDecisionFactory

pytestmark = pytest.mark.django_db
URL = "/api/entscheidungen/"


@pytest.fixture
def decisions(world, reviewed, second_case_worker):
    """An issued grant of organisation A and a bare proposal (not released to the applicant)."""
    from wirportal.reviews.tests.factories import application_in_review

    issued = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    services.decision_approve(decision=issued, by=second_case_worker)
    issued = services.decision_issue(decision=issued, by=second_case_worker)
    proposed = GrantDecisionFactory(
        application=application_in_review(
            organisation=world["org_a"], applicant=world.users["applicant_a"]
        )
    )
    return issued, proposed


def _get(client, user, path=""):
    if user is not None:
        client.force_login(user)
    return client.get(URL + path)


def test_anonymous_gets_401(client, decisions):
    issued, _ = decisions
    assert _get(client, None).status_code == 401
    assert _get(client, None, str(issued.pk)).status_code == 401


def test_applicant_lists_only_released_decisions_of_own_organisation(world, client, decisions):
    issued, _ = decisions
    data = _get(client, world.users["applicant_a"]).json()
    assert [row["id"] for row in data["items"]] == [issued.pk]
    row = data["items"][0]
    assert row["amount"] == "15000.00" and row["requested_amount"] == "15000.00"
    assert row["status"] == "issued" and row["outcome"] == "approve"
    assert row["acceptance_deadline"] == "2026-12-28"
    assert row["reference"] == issued.application.reference
    assert _get(client, world.users["applicant_b"]).json()["count"] == 0


def test_applicant_detail_of_own_released_decision(world, client, decisions):
    issued, _ = decisions
    response = _get(client, world.users["applicant_a"], str(issued.pk))
    assert response.status_code == 200
    assert response.json()["amount"] == "15000.00"
    assert response.json()["organisation"] == world["org_a"].name


@pytest.mark.parametrize(
    ("role", "which", "status"),
    [
        ("applicant_b", "issued", 403),  # another organisation's decision
        ("applicant_a", "proposed", 403),  # own, but not released yet
        ("coordinator_x", "issued", 403),  # coordinators never see decisions (ADR 0005)
        ("reviewer", "issued", 403),
        ("case_worker", "proposed", 200),
        ("programme_staff", "issued", 200),
        ("auditor", "proposed", 200),
        ("admin", "issued", 200),
    ],
)
def test_detail_per_role(world, client, decisions, role, which, status):
    issued, proposed = decisions
    decision = issued if which == "issued" else proposed
    response = _get(client, world.users[role], str(decision.pk))
    assert response.status_code == status
    if status == 403:
        assert response.json()["detail"] == "Keine Berechtigung."
    else:
        assert response.json()["id"] == decision.pk


def test_unknown_decision_is_404_and_a_bad_id_422(world, client, decisions):
    assert _get(client, world.users["case_worker"], "999999").status_code == 404
    assert _get(client, world.users["case_worker"], "0").status_code == 422
    assert _get(client, world.users["case_worker"], str(2**70)).status_code == 422


def test_authority_lists_everything_with_status_filter_and_pages(
    world, client, decisions, monkeypatch
):
    _, proposed = decisions
    user = world.users["case_worker"]
    assert _get(client, user).json()["count"] == 2
    rows = _get(client, user, "?status=proposed").json()["items"]
    assert [row["id"] for row in rows] == [proposed.pk]
    assert rows[0]["amount"] == "15000.00" and rows[0]["approved_at"] is None
    assert _get(client, user, "?status=nonsense").status_code == 422
    monkeypatch.setattr(api, "PAGE_SIZE", 1)
    data = _get(client, user, "?page=2").json()
    assert (data["count"], data["pages"], data["page"], len(data["items"])) == (2, 2, 2, 1)


@pytest.mark.parametrize("role", ["coordinator_x", "reviewer"])
def test_roles_without_decisions_get_an_empty_list(world, client, decisions, role):
    assert _get(client, world.users[role]).json() == {
        "count": 0,
        "page": 1,
        "pages": 1,
        "items": [],
    }


def test_rejection_has_no_amount(world, client, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.REJECT, reasons="X"
    )
    services.decision_approve(decision=decision, by=second_case_worker)
    row = _get(client, world.users["applicant_a"], str(decision.pk)).json()
    assert row["amount"] is None and row["outcome"] == "reject"
