from datetime import date
from decimal import Decimal

import pytest

from wirportal.applications.models import Application, ApplicationStatus
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.reviews import selectors, services
from wirportal.reviews.models import ReviewStep, Score, StepKind, StepResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    from django.utils import timezone

    fixed = date(2026, 11, 25)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: fixed)
    return fixed


@pytest.fixture
def submitted(world, today):
    from .factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)
    return Application.objects.get(pk=application.pk)


def _status(application):
    return Application.objects.get(pk=application.pk).status


def test_assign_starts_review_and_mails_assignee(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    other = world.users["case_worker"]
    with django_capture_on_commit_callbacks(execute=True):
        services.review_assign(application=submitted, assignee=other, by=world.users["admin"])
    assert _status(submitted) == ApplicationStatus.IN_REVIEW
    assert submitted.review_case.assignee == other
    assert any(other.email in m.to for m in mailoutbox)
    with pytest.raises(DomainError):
        services.review_assign(
            application=submitted, assignee=world.users["reviewer"], by=world.users["admin"]
        )


def test_completeness_refused_while_attachments_missing(world, submitted):
    with pytest.raises(DomainError, match="Konzept"):
        services.completeness_record(application=submitted, by=world.users["case_worker"])
    assert not ReviewStep.objects.exists()


def test_request_documents_sends_back_to_applicant_with_deadline(
    world, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    case_worker = world.users["case_worker"]
    with pytest.raises(DomainError, match="Zukunft"):
        services.documents_request(
            application=submitted,
            by=case_worker,
            missing=["Konzept"],
            note="",
            deadline=date(2026, 11, 25),
        )
    with django_capture_on_commit_callbacks(execute=True):
        step = services.documents_request(
            application=submitted,
            by=case_worker,
            missing=["Konzept"],
            note="Bitte mit Zeitplan",
            deadline=date(2026, 12, 25),
        )
    assert step.deadline == date(2026, 12, 28)  # moved off Christmas and the weekend
    assert step.result == StepResult.MISSING
    assert _status(submitted) == ApplicationStatus.CHANGES_REQUESTED
    mail = next(m for m in mailoutbox if world.users["applicant_a"].email in m.to)
    assert "28.12.2026" in mail.body and "Konzept" in mail.body
    with pytest.raises(NotAllowed):
        services.content_check_record(application=submitted, by=case_worker, passed=True, note="")


def test_content_check_needs_reason_for_concerns(world, submitted):
    with pytest.raises(DomainError, match="begründen"):
        services.content_check_record(
            application=submitted, by=world.users["case_worker"], passed=False, note=""
        )
    step = services.content_check_record(
        application=submitted, by=world.users["case_worker"], passed=False, note="Zielgruppe unklar"
    )
    assert step.result == StepResult.CONCERNS
    assert _status(submitted) == ApplicationStatus.IN_REVIEW


def test_arithmetic_check_flags_differences(world, submitted):
    step = services.arithmetic_check_record(application=submitted, by=world.users["case_worker"])
    # factory line: Fehlbedarf capped at 15,000; costs 20,000, own 5,000 -> 15,000 = requested
    assert step.result == StepResult.PASSED, step.data
    Application.objects.filter(pk=submitted.pk).update(requested_amount=Decimal("16000"))
    step = services.arithmetic_check_record(
        application=Application.objects.get(pk=submitted.pk), by=world.users["case_worker"]
    )
    assert step.result == StepResult.DIFFERENCES
    assert any("15.000,00" in d for d in step.data["differences"])
    latest = selectors.latest_steps(selectors.steps_of(submitted))
    assert latest[StepKind.ARITHMETIC].pk == step.pk


def test_scores_weighted_and_only_by_assigned_reviewers(world, submitted):
    from .factories import ReviewCriterionFactory

    impact = ReviewCriterionFactory(line=submitted.line, weight=3, max_points=5)
    fit = ReviewCriterionFactory(line=submitted.line, weight=1, max_points=5)
    reviewer = world.users["reviewer"]
    with pytest.raises(NotAllowed):
        services.scores_record(application=submitted, by=reviewer, points={impact.pk: 5, fit.pk: 1})
    services.reviewers_assign(
        application=submitted, reviewers=[reviewer], by=world.users["case_worker"]
    )
    with pytest.raises(DomainError, match="0 bis 5"):
        services.scores_record(application=submitted, by=reviewer, points={impact.pk: 6, fit.pk: 1})
    with pytest.raises(DomainError, match="bewerten"):
        services.scores_record(application=submitted, by=reviewer, points={impact.pk: 5})
    services.scores_record(application=submitted, by=reviewer, points={impact.pk: 5, fit.pk: 1})
    services.scores_record(application=submitted, by=reviewer, points={impact.pk: 4, fit.pk: 1})
    assert Score.objects.count() == 2  # re-scoring updates
    sheet = selectors.score_sheet(submitted, selectors.criteria_of(submitted.line))
    # (4*3 + 1*1) / (5*3 + 5*1) = 13/20 = 65 %
    assert sheet.rows[0]["percent"] == Decimal("65.0")
    assert sheet.average_percent == Decimal("65.0")


def test_inbox_filters_and_scopes(world, submitted):
    from .factories import application_in_review

    other = application_in_review(organisation=world["org_b"], applicant=world.users["applicant_b"])
    services.review_assign(
        application=other, assignee=world.users["case_worker"], by=world.users["case_worker"]
    )
    case_worker = world.users["case_worker"]
    assert set(selectors.inbox(user=case_worker)) == {submitted, other}
    assert list(selectors.inbox(user=case_worker, assignee="me")) == [other]
    assert list(selectors.inbox(user=case_worker, assignee="none")) == [submitted]
    assert list(selectors.inbox(user=case_worker, office=world["office_y"])) == [other]
    assert list(selectors.inbox(user=case_worker, status="submitted")) == [submitted]
    assert list(selectors.inbox(user=world.users["reviewer"])) == []
    assert list(selectors.inbox(user=world.users["coordinator_x"])) == []


def test_inbox_queries_constant(world, today, client, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    from .factories import application_in_review

    def add(n):
        for _ in range(n):
            application = application_in_review(
                organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
            )
            services.review_assign(
                application=application,
                assignee=world.users["case_worker"],
                by=world.users["admin"],
            )

    add(2)
    client.force_login(world.users["case_worker"])
    assert_constant_queries(
        django_assert_num_queries, lambda: client.get("/pruefung/"), lambda: add(8)
    )
    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get("/pruefung/?assignee=me", HTTP_HX_REQUEST="true"),
        lambda: add(3),
    )
