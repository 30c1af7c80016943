"""Issue #12: the application's mail log. Every mail about an application is recorded (recipient,
subject, when queued and sent, status; not its body) and shown on the application page: all of
them to the granting authority and programme staff, only their own to the applicant's members,
none to anyone else."""

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from wirportal.applications import selectors, services
from wirportal.applications.tests.factories import ApplicationFactory
from wirportal.core.caching import bump
from wirportal.core.testing import assert_constant_queries
from wirportal.notifications.models import MailRecord, MailStatus, mail_log_version
from wirportal.notifications.services import mail_log_erase, notify

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Bitte reichen Sie den Finanzierungsplan mit Unterschrift nach."


@pytest.fixture
def returned(world):
    """A submitted application whose documents the case worker requested (mailed to the person
    who created it and to the organisation's address)."""
    world["org_a"].email = "verein-a@example.org"
    world["org_a"].save()
    application = ApplicationFactory(
        organisation=world["org_a"], created_by=world.users["applicant_a"]
    )
    application.submit()
    application.start_review()
    application.save()
    return services.application_request_changes(
        application=application, by=world.users["case_worker"], reason=REASON
    )


def _page(client, application):
    return client.get(reverse("applications:application-detail", args=[application.pk]))


def test_each_recipient_of_a_mail_about_the_application_is_recorded_once_sent(world, returned):
    records = list(MailRecord.objects.filter(about=returned.mail_log_key).order_by("recipient"))
    organisation_address = world["org_a"].email
    assert sorted(r.recipient for r in records) == sorted(["a@example.org", organisation_address])
    sent = [m for m in mail.outbox if returned.reference in m.subject]
    assert {r.subject for r in records} == {sent[0].subject}
    assert all(r.status == MailStatus.SENT and r.sent_at for r in records)
    assert all(r.template == "applications/email/changes_requested" for r in records)
    # the body is not kept: no field holds the reason the mail carried
    assert not any(REASON in str(vars(r)) for r in records)


def test_case_worker_sees_every_mail_of_the_application(world, returned, login):
    body = _page(login(world.users["case_worker"]), returned).content.decode()
    assert "E-Mails zu diesem Antrag" in body
    assert "a@example.org" in body
    assert world["org_a"].email in body
    assert "gesendet" in body


def test_programme_staff_see_the_mail_log(world, returned, login):
    body = _page(login(world.users["programme_staff"]), returned).content.decode()
    assert "E-Mails zu diesem Antrag" in body


def test_applicant_sees_only_the_mails_sent_to_themselves(world, returned, login):
    body = _page(login(world.users["applicant_a"]), returned).content.decode()
    assert "E-Mails an Sie zu diesem Antrag" in body
    assert "a@example.org" in body
    assert world["org_a"].email not in body


@pytest.mark.parametrize("role", ["auditor", "coordinator_x"])
def test_other_roles_see_no_mail_log(world, returned, login, role):
    response = _page(login(world.users[role]), returned)
    assert response.status_code == 200
    assert "mail-log-heading" not in response.content.decode()


def test_a_failed_mail_is_logged_as_failed(world, returned, settings):
    settings.MAILERS = {
        "default": {"BACKEND": "wirportal.notifications.tests.test_mail_log_backend.Failing"}
    }
    with transaction.atomic():
        notify(
            to=["a@example.org"],
            template="applications/email/changes_requested",
            context={"reference": returned.reference, "title": "", "reason": "", "path": "/"},
            about=returned.mail_log_key,
        )
    newest = MailRecord.objects.filter(about=returned.mail_log_key).first()
    assert newest is not None
    assert newest.status == MailStatus.FAILED
    assert newest.sent_at is None


def test_the_mail_log_ends_with_the_application(returned):
    assert mail_log_erase(about=returned.mail_log_key) == 2
    assert not MailRecord.objects.filter(about=returned.mail_log_key).exists()


def test_selector_scopes_without_a_page(world, returned):
    assert selectors.mail_log_scope(returned, world.users["reviewer"]) is None
    assert selectors.mail_log_scope(returned, world.users["case_worker"]) == "*"
    scope = selectors.mail_log_scope(returned, world.users["applicant_a"])
    own = selectors.mail_log_for(returned, scope)
    assert own is not None and own.own_only
    assert [r.recipient for r in own.rows] == ["a@example.org"]


def test_the_page_keeps_its_number_of_queries_as_mails_grow(
    world, returned, login, django_assert_num_queries
):
    client = login(world.users["case_worker"])

    def more_mails():
        MailRecord.objects.bulk_create(
            MailRecord(
                about=returned.mail_log_key,
                recipient=f"p{i}@example.org",
                subject=f"Mail {i}",
                template="t",
            )
            for i in range(15)
        )
        bump(mail_log_version(returned.mail_log_key))  # bulk_create sends no signals

    assert_constant_queries(django_assert_num_queries, lambda: _page(client, returned), more_mails)
