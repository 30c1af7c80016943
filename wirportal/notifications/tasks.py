"""Background delivery of e-mails (django.tasks; the worker runs them)."""

import base64

from django.core.mail import EmailMessage
from django.db import close_old_connections, connection
from django.tasks import task


@task()
def send_mail_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    attachments: list[dict] | None = None,
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
    return message.send()
