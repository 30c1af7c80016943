"""Submit (snapshot, receipt), withdraw, and the case workers' steps on an application."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.money import format_eur
from wirportal.documents.pdf import render_pdf
from wirportal.documents.services import document_store
from wirportal.documents.validation import ValidatedUpload, validate_upload
from wirportal.notifications.services import notify

from .. import selectors
from ..models import (
    Application,
    ApplicationSnapshot,
    ApplicationStatus,
)
from .common import RECEIPT_KIND, _lock, _require_editable


class ApplicationIncomplete(DomainError):
    """Submission refused; `errors` maps field names (or row keys) to German messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("Der Antrag ist noch nicht vollständig.")
        self.errors = errors


# A submission whose receipt was worked out from a state that changed before the lock is worked
# out again; after this many attempts (another tab saving all the time) it is refused.
SUBMIT_ATTEMPTS = 3


@dataclass(frozen=True)
class _Receipt:
    """The receipt as worked out before the write transaction, with what it was worked out
    from (`state`: compared again under the row lock)."""

    state: tuple
    number: int
    pdf: bytes
    upload: ValidatedUpload
    filename: str


def application_submit(*, application: Application, by, now: datetime | None = None):
    """Full check, freeze a snapshot, move to 'submitted', store a receipt PDF and mail it.

    The receipt (WeasyPrint, then the stored file's check) is rendered before the write
    transaction, never under the row lock or SQLite's write lock (ADR 0014). Under the lock the
    full check runs again and the state is compared with the one the receipt shows: submitted
    or withdrawn meanwhile is refused as before (`NotAllowed`, nothing stored); changed by an
    autosave meanwhile, the receipt is discarded and worked out again (`SUBMIT_ATTEMPTS`)."""
    now = now or timezone.now()
    for _attempt in range(SUBMIT_ATTEMPTS):
        receipt = _prepare_receipt(application, by=by, now=now)
        submitted = _submit_with_receipt(application=application, by=by, now=now, receipt=receipt)
        if submitted is not None:
            return submitted
    raise NotAllowed(
        _(
            "Der Antrag wurde während des Einreichens an anderer Stelle geändert. Bitte prüfen "
            "Sie Ihre Angaben und reichen Sie ihn erneut ein."
        )
    )


def _submission_state(application: Application, *, now: datetime) -> tuple:
    """Check `application` in full (`ApplicationIncomplete`) and return what the snapshot and the
    receipt are made of: the state a receipt stays valid for. Sets `requested_amount`."""
    # the cost plan once for the check, the grant and the snapshot (each read it before: under
    # the lock too, where on SQLite every other writer waits)
    selectors.prefetch_cost_plan(application)
    errors = selectors.submission_errors(application, day=timezone.localdate(now))
    if errors:
        raise ApplicationIncomplete(errors)
    application.requested_amount = selectors.grant_for(application).amount
    number = application.snapshots.count() + 1
    return (application.updated_at, number, selectors.snapshot_data(application))


def _prepare_receipt(application: Application, *, by, now: datetime) -> _Receipt:
    """Outside any transaction: read, check, render and check the receipt PDF."""
    current = Application.objects.select_related("line", "call", "organisation").get(
        pk=application.pk
    )
    _require_editable(current)
    state = _submission_state(current, now=now)
    number = state[1]
    current.submitted_at = now
    pdf = _receipt_pdf(current, number=number, by=by)
    filename = f"Eingangsbestaetigung-{current.reference}-{number}.pdf"
    upload = validate_upload(ContentFile(pdf, name=filename), allowed=("pdf",))
    return _Receipt(state=state, number=number, pdf=pdf, upload=upload, filename=filename)


@transaction.atomic
def _submit_with_receipt(
    *, application: Application, by, now: datetime, receipt: _Receipt
) -> Application | None:
    """Under the row lock: the checks again, then the writes; None if the state changed since
    the receipt was rendered (nothing written, the receipt is discarded)."""
    application = _lock(application)
    _require_editable(application)
    state = _submission_state(application, now=now)
    if state != receipt.state:
        return None
    _seen, number, data = state
    ApplicationSnapshot.objects.create(
        application=application,
        number=number,
        submitted_at=now,
        submitted_by=by,
        data=data,
    )
    application.submit()
    application.submitted_at = now
    application.save()
    receipt_pdf = receipt.pdf
    stored = document_store(
        upload=receipt.upload,
        attach_to=application,
        kind=RECEIPT_KIND,
        by=by,
        label=f"Eingangsbestätigung Nr. {number}",
    )
    audit_record(
        action="application.submitted",
        target=application,
        by=by,
        data={"number": number, "requested": str(application.requested_amount)},
    )
    notify(
        to=[by.email, application.organisation.email],
        template="applications/email/submitted",
        context={
            "reference": application.reference,
            "title": application.title,
            "organisation": application.organisation.name,
            "requested": format_eur(application.requested_amount),
            "submitted_at": format_date(
                now, "SHORT_DATETIME_FORMAT", language=settings.LANGUAGE_CODE
            ),
            "number": number,
            "receipt_path": reverse("documents:download", kwargs={"public_id": stored.public_id}),
        },
        attachments=[(stored.display_name, receipt_pdf, "application/pdf")],
        about=application.mail_log_key,
    )
    return application


def _receipt_pdf(application: Application, *, number: int, by) -> bytes:
    """The receipt as tagged PDF/A-3a (archival), like every letter of the portal."""
    selectors.prefetch_cost_plan(application)  # kept from the check: no read again
    return render_pdf(
        "applications/receipt.html",
        {
            "application": application,
            "number": number,
            "by": by,
            "grant": selectors.grant_for(application),
            "cost_items": list(application.cost_items.all()),  # prefetched with their rates
            "sources": list(application.funding_sources.all()),
        },
    )


@transaction.atomic
def application_withdraw(*, application: Application, by, reason: str = "") -> Application:
    """The applicant takes the application back; only before a decision."""
    application = _lock(application)
    if application.status not in {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.CHANGES_REQUESTED,
    }:
        raise NotAllowed(
            _("Über den Antrag ist bereits entschieden; er kann nicht zurückgezogen werden.")
        )
    was_submitted = application.status != ApplicationStatus.DRAFT
    application.withdraw()
    application.withdrawn_at = timezone.now()
    application.save()
    audit_record(action="application.withdrawn", target=application, by=by, reason=reason)
    if was_submitted:
        notify(
            to=[by.email, application.organisation.email],
            template="applications/email/withdrawn",
            context={
                "reference": application.reference,
                "title": application.title,
                "organisation": application.organisation.name,
                "reason": reason,
            },
            about=application.mail_log_key,
        )
    return application


# --- used by the case workers' steps (reviews app builds the inbox on top) -------------------


@transaction.atomic
def application_start_review(*, application: Application, by) -> Application:
    application = _lock(application)
    application.start_review()
    application.save()
    audit_record(action="application.review_started", target=application, by=by)
    return application


@transaction.atomic
def application_request_changes(*, application: Application, by, reason: str) -> Application:
    """Send the application back to the applicant; they edit and submit again."""
    if not reason.strip():
        raise DomainError(
            _("Bitte beschreiben Sie, was nachgebessert werden soll."), field="reason"
        )
    application = _lock(application)
    application.request_changes()
    application.save()
    audit_record(action="application.changes_requested", target=application, by=by, reason=reason)
    notify(
        to=[application.created_by.email, application.organisation.email],
        template="applications/email/changes_requested",
        context={
            "reference": application.reference,
            "title": application.title,
            "reason": reason,
            "path": application.get_absolute_url(),
        },
        about=application.mail_log_key,
    )
    return application
