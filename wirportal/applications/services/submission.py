"""Submit (snapshot, receipt), withdraw, and the case workers' steps on an application."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.money import format_eur
from wirportal.documents.pdf import render_pdf
from wirportal.documents.services import document_store_generated
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


@transaction.atomic
def application_submit(*, application: Application, by, now: datetime | None = None):
    """Full check, freeze a snapshot, move to 'submitted', store a receipt PDF and mail it."""
    application = _lock(application)
    _require_editable(application)
    now = now or timezone.now()
    errors = selectors.submission_errors(application, day=timezone.localdate(now))
    if errors:
        raise ApplicationIncomplete(errors)
    application.requested_amount = selectors.grant_for(application).amount
    number = application.snapshots.count() + 1
    ApplicationSnapshot.objects.create(
        application=application,
        number=number,
        submitted_at=now,
        submitted_by=by,
        data=selectors.snapshot_data(application),
    )
    application.submit()
    application.submitted_at = now
    application.save()
    receipt_pdf = _receipt_pdf(application, number=number, by=by)
    receipt = document_store_generated(
        content=receipt_pdf,
        filename=f"Eingangsbestaetigung-{application.reference}-{number}.pdf",
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
            "receipt_path": reverse("documents:download", kwargs={"public_id": receipt.public_id}),
        },
        attachments=[(receipt.display_name, receipt_pdf, "application/pdf")],
    )
    return application


def _receipt_pdf(application: Application, *, number: int, by) -> bytes:
    """The receipt as tagged PDF/A-3a (archival), like every letter of the portal."""
    return render_pdf(
        "applications/receipt.html",
        {
            "application": application,
            "number": number,
            "by": by,
            "grant": selectors.grant_for(application),
            "cost_items": list(application.cost_items.select_related("unit_rate")),
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
    )
    return application
