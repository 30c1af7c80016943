"""Issue #12: a request for documents is visible on the application page (not only in the mail),
with its text, deadline and how to answer; a later resubmission hides it."""

import pytest
from django.urls import reverse

from wirportal.applications import services
from wirportal.applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

REASON = "Bitte reichen Sie bis zum 18.12.2026 nach:\n- Konzept\nUnterschrift fehlt."


@pytest.fixture
def returned(world):
    application = ApplicationFactory(
        organisation=world["org_a"], created_by=world.users["applicant_a"]
    )
    application.submit()
    application.start_review()
    application.save()
    return services.application_request_changes(
        application=application, by=world.users["case_worker"], reason=REASON
    )


def test_application_page_shows_the_request_with_text_deadline_and_how_to_answer(
    world, returned, login
):
    body = (
        login(world.users["applicant_a"])
        .get(reverse("applications:application-detail", args=[returned.pk]))
        .content.decode()
    )
    assert "Nachforderung" in body
    assert "18.12.2026" in body
    assert "Unterschrift fehlt." in body
    assert "So antworten Sie" in body


def test_case_worker_sees_the_request_too(world, returned, login):
    body = (
        login(world.users["case_worker"])
        .get(reverse("applications:application-detail", args=[returned.pk]))
        .content.decode()
    )
    assert "Unterschrift fehlt." in body
    assert "So antworten Sie" not in body  # the answer is the applicant's


def test_no_request_shown_for_an_application_in_review(world, login):
    application = ApplicationFactory(organisation=world["org_a"])
    body = (
        login(world.users["applicant_a"])
        .get(reverse("applications:application-detail", args=[application.pk]))
        .content.decode()
    )
    assert "Nachforderung" not in body
