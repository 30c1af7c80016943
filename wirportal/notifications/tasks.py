"""Background delivery of e-mails (django.tasks; the worker runs them)."""

import base64
import logging

from django.core.mail import EmailMessage
from django.db import DatabaseError, close_old_connections, connection, transaction
from django.tasks import task
from django.utils import timezone

from wirportal.core.caching import bump

from .models import MailRecord, MailStatus, mail_log_version

logger = logging.getLogger(__name__)


def _record(log: list[int], about: str, **fields) -> None:
    """Note the outcome in the mail log. A failure here must never fail the task: the mail has
    gone out (or failed) either way, and a failed task would be sent again."""
    if not log:
        return
    try:
        with transaction.atomic():
            MailRecord.objects.filter(pk__in=log).update(**fields)
            bump(mail_log_version(about))
    except DatabaseError:
        logger.warning("mail log not updated for records %s", log, exc_info=True)


@task()
def send_mail_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    attachments: list[dict] | None = None,
    log: list[int] | None = None,
    about: str = "",
) -> int:
    # In the worker, drop connections the database closed meanwhile (restart-safe). Never inside a
    # transaction: the immediate backend (tests) runs the task within the caller's transaction.
    if not connection.in_atomic_block:
        close_old_connections()
    message = EmailMessage(subject=subject, body=body, to=to)
    for attachment in attachments or []:
        content: str | bytes = attachment["content"]
        if attachment.get("base64"):
            content = base64.b64decode(attachment["content"])
        message.attach(attachment["filename"], content, attachment["mimetype"])
    try:
        sent = message.send()
    except Exception:
        _record(log or [], about, status=MailStatus.FAILED)
        raise
    _record(log or [], about, status=MailStatus.SENT, sent_at=timezone.now())
    return sent
