"""notify(): render a mail from templates and queue it once the transaction commits."""

import base64
from collections.abc import Sequence
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

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


def notify(
    *,
    to: list[str],
    template: str,
    context: dict,
    attachments: Sequence[tuple[str, str | bytes, str]] | None = None,
) -> None:
    """Queue an e-mail built from `<template>_subject.txt` and `<template>_body.txt`.

    Context values must be plain data (strings, numbers), so the task can run anywhere.
    Attachments are `(filename, text or bytes, mimetype)`, e.g. an .ics text or a PDF.
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
            attachments=_serialise(attachments or []),
        )
    )
