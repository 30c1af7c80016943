"""Reads of the notifications app: mails that have not gone out (for staff)."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import MailRecord, mail_log_version

__all__ = ["mail_log", "mail_log_version"]
from .tasks import send_mail_task

LIST_LIMIT = 200
_ADDRESS = re.compile(r"([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)")


def mask_addresses(text: str) -> str:
    """`ayse.demir@example.org` → `a***@example.org`: enough to recognise, not to read."""
    return _ADDRESS.sub(r"\1***@\2", text)


@dataclass(frozen=True)
class UndeliveredMail:
    id: str
    state: str  # "failed", "waiting" (queued too long) or "stuck" (running too long)
    recipients: str
    subject: str
    attempts: int
    error: str
    since: datetime

    @property
    def can_retry(self) -> bool:
        return self.state in {"failed", "stuck"}


def overdue_after() -> timedelta:
    return timedelta(seconds=settings.WIR_TASK_MAX_WAIT or 600)


def _undelivered_rows(now: datetime):
    cutoff = now - overdue_after()
    return DBTaskResult.objects.filter(task_path=send_mail_task.module_path).filter(
        Q(status=TaskResultStatus.FAILED)
        | Q(status=TaskResultStatus.READY, run_after=get_date_max(), enqueued_at__lt=cutoff)
        | (Q(status=TaskResultStatus.READY, run_after__lt=cutoff) & ~Q(run_after=get_date_max()))
        | Q(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
    )


def _error(row: DBTaskResult) -> str:
    if not row.exception_class_path:
        return ""
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return mask_addresses(lines[-1] if lines else row.exception_class_path)[:300]


def _to_mail(row: DBTaskResult) -> UndeliveredMail:
    kwargs = row.args_kwargs.get("kwargs", {})
    if row.status == TaskResultStatus.FAILED:
        state, since = "failed", row.finished_at or row.enqueued_at
    elif row.status == TaskResultStatus.RUNNING:
        state, since = "stuck", row.started_at or row.enqueued_at
    else:
        state = "waiting"
        since = row.enqueued_at if row.run_after == get_date_max() else row.run_after
    return UndeliveredMail(
        id=str(row.id),
        state=state,
        recipients=mask_addresses(", ".join(kwargs.get("to", []))),
        subject=kwargs.get("subject", ""),
        attempts=len(row.worker_ids),
        error=_error(row),
        since=since,
    )


def undelivered_mails(*, now: datetime | None = None) -> list[UndeliveredMail]:
    """Failed mails, mails waiting longer than `WIR_TASK_MAX_WAIT` and mails whose sending
    started that long ago without an outcome (worker killed mid-send); oldest first. One query."""
    rows = _undelivered_rows(now or timezone.now()).order_by("enqueued_at")[:LIST_LIMIT]
    return [_to_mail(row) for row in rows]


def retryable_mail_task(task_id, *, now: datetime | None = None) -> DBTaskResult | None:
    """The row of a failed or stuck mail, locked for the retry; None for any other."""
    rows = _undelivered_rows(now or timezone.now()).filter(
        Q(status=TaskResultStatus.FAILED) | Q(status=TaskResultStatus.RUNNING)
    )
    return rows.select_for_update().filter(id=task_id).first()


def failed_mail_tasks(*, max_attempts: int) -> list[DBTaskResult]:
    """Failed mails with attempts left, locked for the automatic retry (skipping any that a
    person is retrying at this moment)."""
    rows = DBTaskResult.objects.filter(
        task_path=send_mail_task.module_path, status=TaskResultStatus.FAILED
    ).select_for_update(skip_locked=True)
    return [row for row in rows[:LIST_LIMIT] if len(row.worker_ids) < max_attempts]


def mail_task_exists(task_id) -> bool:
    return DBTaskResult.objects.filter(task_path=send_mail_task.module_path, id=task_id).exists()


MAIL_LOG_LIMIT = 100


def mail_log(*, about: str, recipient: str | None = None) -> list[MailRecord]:
    """The mail log of a case, newest first (at most MAIL_LOG_LIMIT rows); only the mails to
    `recipient` when given. One query."""
    rows = MailRecord.objects.filter(about=about)
    if recipient is not None:
        rows = rows.filter(recipient__iexact=recipient)
    return list(rows.order_by("-queued_at", "-pk")[:MAIL_LOG_LIMIT])
