"""GET /api/pruefung/: the inbox as JSON, for the same people and rows as the inbox page."""

import pytest

from wirportal.applications.models import ApplicationStatus
from wirportal.reviews import api
from wirportal.reviews.models import ReviewCase

from .factories import application_in_review

pytestmark = pytest.mark.django_db
URL = "/api/pruefung/"


@pytest.fixture
def inbox(world):
    a = application_in_review(organisation=world["org_a"], applicant=world.users["applicant_a"])
    b = application_in_review(organisation=world["org_b"], applicant=world.users["applicant_b"])
    case = ReviewCase.objects.get(application=a)
    case.assignee = world.users["case_worker"]
    case.save()
    return a, b


def _get(client, user, query=""):
    if user is not None:
        client.force_login(user)
    return client.get(URL + query)


def test_anonymous_gets_401(client, inbox):
    assert _get(client, None).status_code == 401


@pytest.mark.parametrize("role", ["applicant_a", "applicant_b", "coordinator_x"])
def test_applicants_and_coordinators_get_403(world, client, inbox, role):
    response = _get(client, world.users[role])
    assert response.status_code == 403
    assert response.json()["detail"] == "Keine Berechtigung."


@pytest.mark.parametrize("role", ["case_worker", "programme_staff", "auditor", "admin"])
def test_authority_sees_every_application_in_review(world, client, inbox, role):
    a, b = inbox
    data = _get(client, world.users[role]).json()
    assert data["count"] == 2 and data["pages"] == 1
    assert {row["reference"] for row in data["items"]} == {a.reference, b.reference}
    row = next(row for row in data["items"] if row["reference"] == a.reference)
    assert row == {
        "id": a.pk,
        "reference": a.reference,
        "title": a.title,
        "organisation": world["org_a"].name,
        "line": a.line.name,
        "status": "in_review",
        "assignee": world.users["case_worker"].get_full_name() or world.users["case_worker"].email,
        "submitted_at": None,
    }


def test_reviewer_sees_only_assigned_applications(world, client, inbox):
    a, _ = inbox
    reviewer = world.users["reviewer"]
    assert _get(client, reviewer).json()["count"] == 0
    ReviewCase.objects.get(application=a).reviewers.add(reviewer)
    assert [row["id"] for row in _get(client, reviewer).json()["items"]] == [a.pk]


def test_filters_by_status_and_line(world, client, inbox):
    a, b = inbox
    b.request_changes()
    b.save()
    user = world.users["case_worker"]
    rows = _get(client, user, "?status=changes_requested").json()["items"]
    assert [row["id"] for row in rows] == [b.pk]
    assert rows[0]["status"] == ApplicationStatus.CHANGES_REQUESTED
    assert [row["id"] for row in _get(client, user, f"?line={a.line_id}").json()["items"]] == [a.pk]


def test_unknown_status_is_a_422(world, client, inbox):
    assert _get(client, world.users["case_worker"], "?status=approved").status_code == 422
    assert _get(client, world.users["case_worker"], "?page=0").status_code == 422


def test_pages(world, client, inbox, monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 1)
    first = _get(client, world.users["case_worker"]).json()
    second = _get(client, world.users["case_worker"], "?page=2").json()
    assert (first["count"], first["pages"], second["page"]) == (2, 2, 2)
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_inbox_api_queries_stay_constant(world, client, inbox, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    client.force_login(world.users["case_worker"])

    def add_rows():
        for _ in range(3):
            application_in_review(organisation=world["org_a"], applicant=world.users["applicant_a"])

    assert_constant_queries(django_assert_num_queries, lambda: client.get(URL), add_rows)
