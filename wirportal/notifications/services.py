"""notify(): render a mail from templates and queue it once the transaction commits."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_mail_task


def notify(
    *,
    to: list[str],
    template: str,
    context: dict,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Queue an e-mail built from `<template>_subject.txt` and `<template>_body.txt`.

    Context values must be plain data (strings, numbers), so the task can run anywhere.
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    transaction.on_commit(
        partial(
            send_mail_task.enqueue,
            subject=subject,
            body=body,
            to=recipients,
            attachments=attachments or [],
        )
    )
