"""notify(): render a mail from templates and queue it in the transaction of the change (outbox).

The task is a row of django-tasks-db written by the caller's transaction: committed together with
the change it reports, rolled back together with it. What is committed is always mailed (by
`manage.py worker`), and a database failure after the commit cannot lose the mail (issue #9).
"""

import base64
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.caching import bump
from wirportal.core.exceptions import DomainError

from . import selectors
from .models import MailRecord, mail_log_version
from .tasks import send_mail_task


def _serialise(attachments: Sequence[tuple[str, str | bytes, str]]) -> list[dict]:
    """Attachments travel through the task queue as JSON: bytes (PDFs) as base64."""
    result = []
    for filename, content, mimetype in attachments:
        if isinstance(content, bytes):
            encoded = base64.b64encode(content).decode("ascii")
            result.append(
                {"filename": filename, "content": encoded, "mimetype": mimetype, "base64": True}
            )
        else:
            result.append({"filename": filename, "content": content, "mimetype": mimetype})
    return result


def absolute_links(context: dict) -> dict:
    """The context with every `path`/`*_path` value that is a path on this site turned into an
    absolute link (WIR_SITE_URL): a mail program cannot follow `/dokumente/…` (issue #12)."""
    base = (getattr(settings, "WIR_SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")
    return {
        key: (
            base + value
            if (key == "path" or key.endswith("_path"))
            and isinstance(value, str)
            and value.startswith("/")
            and not value.startswith("//")
            else value
        )
        for key, value in context.items()
    }


def notify(
    *,
    to: list[str],
    template: str,
    context: dict,
    attachments: Sequence[tuple[str, str | bytes, str]] | None = None,
    about: str = "",
) -> None:
    """Queue an e-mail built from `<template>_subject.txt` and `<template>_body.txt`.

    Context values must be plain data (strings, numbers), so the task can run anywhere.
    Attachments are `(filename, text or bytes, mimetype)`, e.g. an .ics text or a PDF.
    Must run inside the transaction of the change the mail reports (services are atomic).
    `about` names the case the mail reports (e.g. `Application.mail_log_key`): the mail is then
    recorded in that case's mail log, one `MailRecord` per recipient, without its body.
    """
    if not connection.in_atomic_block:
        raise RuntimeError(
            "notify() must be called inside the transaction of the change it reports "
            "(a service with @transaction.atomic), so the mail is committed with it."
        )
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    context = absolute_links(context)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    log: list[int] = []
    if about:
        records = MailRecord.objects.bulk_create(
            MailRecord(about=about, recipient=address, subject=subject[:255], template=template)
            for address in recipients
        )
        log = [record.pk for record in records]
        bump(mail_log_version(about))
    send_mail_task.enqueue(
        subject=subject,
        body=body,
        to=recipients,
        attachments=_serialise(attachments or []),
        log=log,
        about=about,
    )


@transaction.atomic
def mail_retry(*, task_id, by) -> None:
    """Send a failed (or stuck) mail again: the worker picks its task up as if it were new.

    The row stays the same, so its attempts (`worker_ids`) add up; the last error is kept until
    the mail has gone out."""
    row = selectors.retryable_mail_task(task_id)
    if row is None:
        raise DomainError(
            _("Diese E-Mail ist nicht fehlgeschlagen und wird nicht erneut gesendet.")
        )
    attempts = len(row.worker_ids)
    _queue_again(row)
    audit_record(action="mail.retried", by=by, target=row, data={"attempts": attempts})


def _queue_again(row) -> None:
    row.status = TaskResultStatus.READY
    row.run_after = timezone.now()
    row.started_at = None
    row.finished_at = None
    row.save(update_fields=["status", "run_after", "started_at", "finished_at"])


@transaction.atomic
def mails_retry_failed(*, now=None) -> int:
    """Queue failed mails again by themselves (the scheduler, every few minutes).

    A mail server that is down for a while must not need a person: after the n-th failed attempt
    the mail waits WIR_MAIL_RETRY_PAUSE × 2^(n−1) seconds (5, 10, 20, 40 minutes by default) and
    is sent again, up to WIR_MAIL_RETRY_ATTEMPTS attempts; after that it stays on the staff page
    of undelivered mails. Returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for row in selectors.failed_mail_tasks(max_attempts=settings.WIR_MAIL_RETRY_ATTEMPTS):
        attempts = len(row.worker_ids)
        pause = settings.WIR_MAIL_RETRY_PAUSE * 2 ** (attempts - 1)
        if row.finished_at and row.finished_at > now - timedelta(seconds=pause):
            continue
        _queue_again(row)
        audit_record(
            action="mail.retried_automatically", by=None, target=row, data={"attempts": attempts}
        )
        queued += 1
    return queued


def mail_log_erase(*, about: str) -> int:
    """Delete the mail log of a case whose retention period has ended (with the case itself)."""
    deleted, _per_model = MailRecord.objects.filter(about=about).delete()
    bump(mail_log_version(about))
    return deleted
