"""Issue #12: the history on the decision summary shows German sentences, not `review.*` codes."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_summary_history_reads_as_sentences(world, login):
    from wirportal.reviews import services
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    services.arithmetic_check_record(application=application, by=world.users["case_worker"])
    body = (
        login(world.users["case_worker"])
        .get(reverse("decisions:summary", kwargs={"pk": application.pk}))
        .content.decode()
    )
    assert "Rechnerische Prüfung erfasst" in body
    assert "review.arithmetic_recorded" not in body
