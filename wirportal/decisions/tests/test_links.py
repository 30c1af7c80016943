"""The application page links to its review and its decisions ("Weitere Vorgänge", core.links)."""

import pytest
from django.urls import reverse

from wirportal.core.links import object_links
from wirportal.core.testing import assert_constant_queries
from wirportal.decisions import services
from wirportal.decisions.models import Outcome

from .factories import GrantDecisionFactory

pytestmark = pytest.mark.django_db


def _returned(application, by):
    decision = GrantDecisionFactory(application=application)
    services.decision_return(decision=decision, by=by, reason="Betrag prüfen")


@pytest.fixture
def rejected(world, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.REJECT, reasons="X"
    )
    return services.decision_approve(decision=decision, by=second_case_worker)


def _urls(application, user):
    return {link.url for link in object_links(application, user)}


def test_staff_get_review_summary_and_decision_links(world, rejected):
    application = rejected.application
    review = reverse("reviews:review-detail", kwargs={"pk": application.pk})
    summary = reverse("decisions:summary", kwargs={"pk": application.pk})
    detail = reverse("decisions:decision-detail", kwargs={"pk": rejected.pk})
    for role in ["case_worker", "programme_staff", "auditor", "admin"]:
        assert _urls(application, world.users[role]) == {review, summary, detail}, role


def test_applicant_gets_only_their_released_decision(world, rejected):
    detail = reverse("decisions:decision-detail", kwargs={"pk": rejected.pk})
    assert _urls(rejected.application, world.users["applicant_a"]) == {detail}
    assert _urls(rejected.application, world.users["applicant_b"]) == set()


def test_applicant_does_not_see_a_proposal(world, reviewed):
    GrantDecisionFactory(application=reviewed)
    assert _urls(reviewed, world.users["applicant_a"]) == set()


def test_coordinator_and_unassigned_reviewer_get_no_links(world, rejected):
    for role in ["coordinator_x", "reviewer"]:
        assert _urls(rejected.application, world.users[role]) == set(), role


def test_assigned_reviewer_gets_the_review_link_only(world, reviewed):
    from wirportal.reviews.models import ReviewCase

    case, _ = ReviewCase.objects.get_or_create(application=reviewed)
    case.reviewers.add(world.users["reviewer"])
    assert _urls(reviewed, world.users["reviewer"]) == {
        reverse("reviews:review-detail", kwargs={"pk": reviewed.pk})
    }


def test_links_are_not_offered_for_other_objects_or_drafts(world):
    from wirportal.applications.tests.factories import ApplicationFactory

    draft = ApplicationFactory(organisation=world["org_a"])
    assert object_links(draft, world.users["case_worker"]) == []
    assert object_links(world["org_a"], world.users["case_worker"]) == []


def test_application_page_shows_the_links_for_staff(world, rejected, client):
    client.force_login(world.users["case_worker"])
    url = reverse("applications:application-detail", kwargs={"pk": rejected.application_id})
    html = client.get(url).content.decode()
    assert "Weitere Vorgänge" in html
    assert reverse("reviews:review-detail", kwargs={"pk": rejected.application_id}) in html
    assert reverse("decisions:decision-detail", kwargs={"pk": rejected.pk}) in html


def test_application_page_has_no_link_section_for_the_coordinator(world, rejected, client):
    client.force_login(world.users["coordinator_x"])
    url = reverse("applications:application-detail", kwargs={"pk": rejected.application_id})
    response = client.get(url)
    assert response.status_code == 200
    assert "Weitere Vorgänge" not in response.content.decode()


@pytest.mark.parametrize("role", ["case_worker", "admin"])
def test_application_page_queries_stay_constant_with_more_decisions(
    world, reviewed, client, django_assert_num_queries, role
):
    _returned(reviewed, world.users["programme_staff"])
    client.force_login(world.users[role])
    url = reverse("applications:application-detail", kwargs={"pk": reviewed.pk})

    def add_rows():
        for _ in range(3):
            _returned(reviewed, world.users["programme_staff"])

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)
    assert client.get(url).content.decode().count("Entscheidung: Bewilligung") == 4


def _assert_prepared_matches_scope(world, application):
    from wirportal.decisions.selectors import decision_links_of_application, decisions_visible_to

    roles = ["case_worker", "auditor", "admin", "applicant_a", "applicant_b", "coordinator_x"]
    for role in roles:
        user = world.users[role]
        expected = list(
            decisions_visible_to(user).filter(application=application).order_by("proposed_at")
        )
        assert decision_links_of_application(application=application, user=user) == expected, role


def test_prepared_decision_links_of_application_match_the_visible_scope(world, rejected):
    _assert_prepared_matches_scope(world, rejected.application)  # released: applicant_a too


def test_prepared_decision_links_of_application_hide_a_proposal_from_the_applicant(world, reviewed):
    GrantDecisionFactory(application=reviewed)
    _assert_prepared_matches_scope(world, reviewed)
