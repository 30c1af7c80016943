"""Issue #12: a call's page has a clear "Antrag stellen" action for eligible applicants (no typed
URL) and explains who may apply; others learn what they need to do first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wirportal.programmes.tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call(world):
    today = timezone.localdate()
    return CallFactory(opens_at=today - timedelta(days=3), closes_at=today + timedelta(days=20))


def _page(client, call):
    return client.get(reverse("programmes:call-detail", args=[call.pk])).content.decode()


def test_eligible_applicant_gets_the_apply_button(world, open_call, login):
    body = _page(login(world.users["applicant_a"]), open_call)
    assert reverse("applications:application-create", args=[open_call.pk]) in body
    assert "Antrag stellen" in body
    assert "Wer kann einen Antrag stellen?" in body


def test_applicant_whose_organisation_is_not_eligible_is_told_why(world, login):
    today = timezone.localdate()
    call = CallFactory(
        opens_at=today - timedelta(days=3),
        closes_at=today + timedelta(days=20),
        line__eligible_kinds=["municipality"],
    )
    body = _page(login(world.users["applicant_a"]), call)
    assert reverse("applications:application-create", args=[call.pk]) not in body
    assert "nicht antragsberechtigt" in body


def test_visitor_is_asked_to_sign_in_and_no_button_when_closed(world, open_call, client):
    body = _page(client, open_call)
    assert reverse("applications:application-create", args=[open_call.pk]) not in body
    assert reverse("account_login") + "?next=" in body
    today = timezone.localdate()
    closed = CallFactory(opens_at=today - timedelta(days=60), closes_at=today - timedelta(days=30))
    applicant = world.users["applicant_a"]
    client.force_login(applicant)
    body = _page(client, closed)
    assert reverse("applications:application-create", args=[closed.pk]) not in body
    assert "Die Antragsfrist ist abgelaufen" in body


def test_call_page_queries_stay_constant(world, open_call, login, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries
    from wirportal.offices.tests.factories import OrganisationFactory, OrganisationMembershipFactory

    client = login(world.users["applicant_a"])

    def more():
        for _ in range(3):
            OrganisationMembershipFactory(
                organisation=OrganisationFactory(), user=world.users["applicant_a"]
            )

    url = reverse("programmes:call-detail", args=[open_call.pk])
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)
