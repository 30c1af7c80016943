from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wirportal.applications import selectors as application_selectors
from wirportal.applications import services as application_services
from wirportal.applications.models import Application, ApplicationSnapshot, ApplicationStatus
from wirportal.documents.validation import validate_upload
from wirportal.reviews import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    fixed = date(2026, 11, 25)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: fixed)
    return fixed


@pytest.fixture
def in_review(world, today):
    from .factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    ApplicationSnapshot.objects.create(
        application=application,
        number=1,
        submitted_at=application.created_at,
        submitted_by=world.users["applicant_a"],
        data=application_selectors.snapshot_data(application),
    )
    return application


def test_request_documents_then_resubmission_shows_what_changed(world, in_review, client):
    case_worker, applicant = world.users["case_worker"], world.users["applicant_a"]
    client.force_login(case_worker)
    page = client.get(f"/pruefung/{in_review.pk}/unterlagen-anfordern/")
    assert page.status_code == 200
    # refused deadline: German error next to the field, the typed note stays
    response = client.post(
        f"/pruefung/{in_review.pk}/unterlagen-anfordern/",
        {"missing": ["Konzept"], "note": "Mit Zeitplan", "deadline": "2026-11-20"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Die Frist muss in der Zukunft liegen." in html and "Mit Zeitplan" in html
    response = client.post(
        f"/pruefung/{in_review.pk}/unterlagen-anfordern/",
        {"missing": ["Konzept"], "note": "Mit Zeitplan", "deadline": "2026-12-09"},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=in_review.pk).status == ApplicationStatus.CHANGES_REQUESTED
    assert (
        client.get("/pruefung/?status=changes_requested")
        .content.decode()
        .count(in_review.reference)
    )

    # the applicant adds the concept and submits again
    from weasyprint import HTML

    upload = validate_upload(
        SimpleUploadedFile("konzept.pdf", HTML(string="<p>K</p>").write_pdf(), "application/pdf")
    )
    application_services.attachment_add(
        application=in_review, upload=upload, label="Konzept", by=applicant
    )
    application_services.application_submit(application=in_review, by=applicant)
    assert Application.objects.get(pk=in_review.pk).status == ApplicationStatus.SUBMITTED

    html = client.get(f"/pruefung/{in_review.pk}/").content.decode()
    assert "Änderungen seit der letzten Einreichung" in html
    assert "konzept.pdf" in html and "neu" in html
    # the completeness check now passes and restarts the review
    response = client.post(f"/pruefung/{in_review.pk}/vollstaendigkeit/", follow=True)
    assert "Die Vollständigkeitsprüfung wurde festgehalten." in response.content.decode()
    assert Application.objects.get(pk=in_review.pk).status == ApplicationStatus.IN_REVIEW


def test_review_page_queries_constant(world, in_review, client, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    from .factories import ReviewCriterionFactory

    criteria = [ReviewCriterionFactory(line=in_review.line) for _ in range(2)]
    services.reviewers_assign(
        application=in_review, reviewers=[world.users["reviewer"]], by=world.users["case_worker"]
    )

    def more():
        from wirportal.accounts.roles import Role
        from wirportal.accounts.tests.factories import UserFactory

        for _ in range(3):
            services.content_check_record(
                application=in_review, by=world.users["case_worker"], passed=True, note="ok"
            )
            services.arithmetic_check_record(application=in_review, by=world.users["case_worker"])
        extra = UserFactory(role=Role.REVIEWER)
        services.reviewers_assign(
            application=in_review,
            reviewers=[world.users["reviewer"], extra],
            by=world.users["case_worker"],
        )
        services.scores_record(application=in_review, by=extra, points={c.pk: 3 for c in criteria})

    client.force_login(world.users["case_worker"])
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(f"/pruefung/{in_review.pk}/"), more
    )


def test_reviewer_sees_only_assigned_and_cannot_work(world, in_review, client):
    client.force_login(world.users["reviewer"])
    assert client.get(f"/pruefung/{in_review.pk}/").status_code == 403
    services.reviewers_assign(
        application=in_review, reviewers=[world.users["reviewer"]], by=world.users["case_worker"]
    )
    html = client.get(f"/pruefung/{in_review.pk}/").content.decode()
    assert "Antrag bewerten" in html and "Als vollständig festhalten" not in html
    assert client.post(f"/pruefung/{in_review.pk}/vollstaendigkeit/").status_code == 403


@pytest.mark.parametrize("assignee", ["²", "١٢", "12abc"])
def test_inbox_filter_with_a_non_ascii_number_is_no_server_error(
    world, in_review, client, assignee
):
    """`'²'.isdigit()` is true, `int('²')` raises: the filter ignores what is no person's id."""
    from django.urls import reverse

    client.force_login(world.users["case_worker"])
    response = client.get(reverse("reviews:inbox"), {"assignee": assignee})
    assert response.status_code == 200
    assert in_review.reference in response.content.decode()
