"""Background delivery of e-mails (django.tasks; the db_worker runs them)."""

from django.core.mail import EmailMessage
from django.db import close_old_connections
from django.tasks import task


@task()
def send_mail_task(
    *,
    subject: str,
    body: str,
    to: list[str],
    attachments: list[tuple[str, str, str]] | None = None,
) -> int:
    close_old_connections()
    message = EmailMessage(subject=subject, body=body, to=to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()
