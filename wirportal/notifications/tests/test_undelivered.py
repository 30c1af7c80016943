"""Staff see undelivered mails and can send a failed one again (issue #9)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.core.tasks_testing import run_now
from wirportal.notifications import selectors, services
from wirportal.notifications.tasks import send_mail_task

pytestmark = pytest.mark.django_db


def queued(subject: str, to: list[str], *, waiting=timedelta(0)) -> DBTaskResult:
    with transaction.atomic():  # in the test's transaction: never committed, so never run
        result = send_mail_task.enqueue(subject=subject, body="B", to=to)
    DBTaskResult.objects.filter(id=result.id).update(enqueued_at=timezone.now() - waiting)
    return DBTaskResult.objects.get(id=result.id)


def failed(subject: str, to: list[str]) -> DBTaskResult:
    row = queued(subject, to, waiting=timedelta(minutes=3))
    row.claim("w1")
    row.set_failed(ConnectionRefusedError("[Errno 111] Connection refused by mail.example.org"))
    return row


def test_failed_waiting_too_long_and_stuck_mails_are_listed_masked(settings):
    settings.WIR_TASK_MAX_WAIT = 600
    failed("Eingangsbestätigung", ["ayse.demir@example.org"])
    queued("Lange wartend", ["b@example.org"], waiting=timedelta(minutes=30))
    queued("Frisch", ["c@example.org"], waiting=timedelta(minutes=1))
    stuck = queued("Hängt", ["d@example.org"], waiting=timedelta(hours=2))
    stuck.claim("w2")
    DBTaskResult.objects.filter(id=stuck.id).update(started_at=timezone.now() - timedelta(hours=1))

    mails = {mail.subject: mail for mail in selectors.undelivered_mails()}

    assert set(mails) == {"Eingangsbestätigung", "Lange wartend", "Hängt"}
    failure = mails["Eingangsbestätigung"]
    assert failure.state == "failed" and failure.can_retry
    assert failure.recipients == "a***@example.org"
    assert failure.attempts == 1
    assert "ConnectionRefusedError" in failure.error and "Connection refused" in failure.error
    assert mails["Lange wartend"].state == "waiting" and not mails["Lange wartend"].can_retry
    assert mails["Hängt"].state == "stuck" and mails["Hängt"].can_retry


def test_retry_queues_the_same_mail_again_and_is_audited(world):
    row = failed("Eingangsbestätigung", ["ayse.demir@example.org"])
    staff = world.users["programme_staff"]

    services.mail_retry(task_id=row.id, by=staff)
    row.refresh_from_db()
    assert row.status == "READY"
    run_now(str(row.id))  # what the worker does next

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL" and len(row.worker_ids) == 2
    assert [m.to for m in mail.outbox] == [["ayse.demir@example.org"]]
    entry = AuditEntry.objects.get(action="mail.retried")
    assert entry.actor == staff and entry.target_id == str(row.id)
    assert "ayse" not in str(entry.data)


def test_a_mail_that_is_waiting_normally_cannot_be_retried(world):
    row = queued("Frisch", ["c@example.org"])
    with pytest.raises(DomainError):
        services.mail_retry(task_id=row.id, by=world.users["programme_staff"])
    assert not AuditEntry.objects.filter(action="mail.retried").exists()


def test_staff_page_lists_and_retries(world, client):
    row = failed("Eingangsbestätigung", ["ayse.demir@example.org"])
    client.force_login(world.users["programme_staff"])

    page = client.get(reverse("notifications:undelivered"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Eingangsbestätigung" in html and "a***@example.org" in html
    assert "ayse.demir" not in html
    assert reverse("notifications:retry", kwargs={"task_id": row.id}) in html

    response = client.post(reverse("notifications:retry", kwargs={"task_id": row.id}))
    assert response.status_code == 302
    run_now(str(row.id))
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert (
        "Eingangsbestätigung"
        not in client.get(reverse("notifications:undelivered")).content.decode()
    )


def test_navigation_shows_the_page_only_to_those_who_may_see_it(world):
    from wirportal.core.navigation import nav_items

    url = reverse("notifications:undelivered")
    assert url in [item.url for item in nav_items(world.users["programme_staff"])]
    assert url not in [item.url for item in nav_items(world.users["case_worker"])]
    assert url not in [item.url for item in nav_items(world.users["applicant_a"])]
