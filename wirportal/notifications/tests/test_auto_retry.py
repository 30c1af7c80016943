"""A mail that failed (SMTP down) is sent again by itself, with growing pauses, a few times;
only then does it wait for staff on the undelivered page (issue #9 follow-up)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wirportal.audit.models import AuditEntry
from wirportal.core.scheduling import registered_jobs
from wirportal.core.tasks_testing import run_now
from wirportal.notifications import services

from .test_undelivered import failed

pytestmark = pytest.mark.django_db


def _failed_ago(subject: str, minutes: int, attempts: int = 1) -> DBTaskResult:
    row = failed(subject, ["ayse.demir@example.org"])
    DBTaskResult.objects.filter(id=row.id).update(
        finished_at=timezone.now() - timedelta(minutes=minutes),
        worker_ids=[f"w{n}" for n in range(attempts)],
    )
    return DBTaskResult.objects.get(id=row.id)


def test_a_failed_mail_is_queued_again_after_its_pause_and_then_delivered(settings):
    settings.WIR_MAIL_RETRY_PAUSE = 300
    settings.WIR_MAIL_RETRY_ATTEMPTS = 5
    due = _failed_ago("Erster Versuch vor 6 Minuten", minutes=6)
    early = _failed_ago("Erster Versuch vor 2 Minuten", minutes=2)
    second = _failed_ago("Zweiter Versuch vor 8 Minuten", minutes=8, attempts=2)  # pause 10 min

    assert services.mails_retry_failed() == 1

    statuses = {r.id: r.status for r in DBTaskResult.objects.all()}
    assert statuses[due.id] == "READY"
    assert statuses[early.id] == "FAILED" and statuses[second.id] == "FAILED"
    run_now(str(due.id))
    assert [m.subject for m in mail.outbox] == ["Erster Versuch vor 6 Minuten"]
    entry = AuditEntry.objects.get(action="mail.retried_automatically")
    assert entry.actor is None and entry.data == {"attempts": 1}


def test_after_the_last_attempt_the_mail_waits_for_staff(settings):
    settings.WIR_MAIL_RETRY_PAUSE = 300
    settings.WIR_MAIL_RETRY_ATTEMPTS = 3
    row = _failed_ago("Dreimal gescheitert", minutes=600, attempts=3)
    assert services.mails_retry_failed() == 0
    row.refresh_from_db()
    assert row.status == "FAILED"


def test_the_scheduler_runs_the_retry():
    assert "mails_retry_failed" in {job.name for job in registered_jobs()}
