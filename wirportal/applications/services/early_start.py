"""Vorzeitiger Maßnahmebeginn: the applicant's request and the authority's decision."""

from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.documents.pdf import render_pdf
from wirportal.documents.services import document_store
from wirportal.documents.validation import validate_upload
from wirportal.notifications.services import notify

from .. import selectors
from ..models import (
    Application,
    EarlyStartRequest,
    EarlyStartStatus,
)
from .common import _lock, _require_editable

# --- early start (vorzeitiger Maßnahmebeginn) ------------------------------------------------

EARLY_START_LETTER_KIND = "vorzeitiger_beginn"


@transaction.atomic
def early_start_request(
    *,
    application: Application,
    by,
    project_title: str,
    planned_start: date | None,
    reasons: str,
    contracts: str,
    on: date | None = None,
) -> EarlyStartRequest:
    """The applicant asks, from the draft, for consent to start before the decision.

    Consent must come before the start (VV Nr. 1.3 zu § 44 LHO; Hessian number to verify):
    signing a delivery or service contract counts as the start, so the request names the
    contracts to be signed, and the wished start lies in the future. What staff will see is
    copied into the request; the draft stays the applicant's own (ADR 0005)."""
    application = _lock(application)
    _require_editable(application)
    on = on or timezone.localdate()
    if not selectors.early_start_possible(application.line):
        raise NotAllowed(
            _(
                "In dieser Förderlinie darf das Projekt nicht vor der Bewilligung beginnen; ein "
                "vorzeitiger Maßnahmebeginn ist nicht möglich."
            )
        )
    if application.early_start_requests.filter(status=EarlyStartStatus.SENT).exists():
        raise NotAllowed(
            _("Über Ihren Antrag auf vorzeitigen Maßnahmebeginn ist noch nicht entschieden.")
        )
    if not project_title.strip():
        raise DomainError(_("Bitte geben Sie den Projekttitel an."), field="project_title")
    if planned_start is None:
        raise DomainError(_("Bitte geben Sie den gewünschten Beginn an."), field="planned_start")
    if planned_start < on:
        raise DomainError(
            _(
                "Der gewünschte Beginn liegt in der Vergangenheit. Eine Zustimmung ist nur vor "
                "dem Beginn möglich."
            ),
            field="planned_start",
        )
    if not reasons.strip():
        raise DomainError(
            _("Bitte begründen Sie, warum das Projekt vor der Bewilligung beginnen muss."),
            field="reasons",
        )
    if not contracts.strip():
        raise DomainError(
            _("Bitte nennen Sie die Verträge, die Sie vor der Bewilligung schließen wollen."),
            field="contracts",
        )
    request = EarlyStartRequest.objects.create(
        application=application,
        organisation=application.organisation,
        line=application.line,
        project_title=project_title.strip()[:200],
        planned_start=planned_start,
        reasons=reasons.strip(),
        contracts=contracts.strip(),
        sent_at=timezone.now(),
        sent_by=by,
    )
    audit_record(
        action="application.early_start_requested",
        target=application,
        by=by,
        data={"request": request.pk, "planned_start": planned_start.isoformat()},
    )
    return request


def early_start_decide(
    *,
    request: EarlyStartRequest,
    by,
    approve: bool,
    approved_start: date | None = None,
    reasons: str = "",
    on: date | None = None,
) -> EarlyStartRequest:
    """The granting authority consents to an early start, or refuses it, in writing.

    The letter (PDF/A) is rendered and checked before the write transaction (issue #10, ADR
    0014: never under row locks), then stored with the request, audited and mailed in one
    transaction. A consent is
    given before the start (no consent for a past date), gives no right to funding and the start
    is at the applicant's risk (§ 44 LHO with VV Nr. 1.3 zu § 44 LHO; Hessian number to verify);
    a refusal states its reasons (§ 39 HVwVfG)."""
    on = on or timezone.localdate()
    reasons = reasons.strip()
    if request.status != EarlyStartStatus.SENT:
        raise NotAllowed(_("Über diesen Antrag ist bereits entschieden."))
    if approve:
        if approved_start is None:
            raise DomainError(
                _("Bitte geben Sie an, ab wann der Beginn zugelassen wird."),
                field="approved_start",
            )
        if approved_start < on:
            raise DomainError(
                _(
                    "Einem Beginn vor dem Datum der Zustimmung kann nicht zugestimmt werden "
                    "(nur vorherige Zustimmung)."
                ),
                field="approved_start",
            )
    elif not reasons:
        raise DomainError(_("Bitte begründen Sie die Ablehnung."), field="reasons")
    status = EarlyStartStatus.APPROVED if approve else EarlyStartStatus.REFUSED
    letter = _early_start_letter(
        request, status=status, approved_start=approved_start, reasons=reasons, on=on, by=by
    )
    # checked as every stored file is, also before the write transaction (ADR 0014)
    upload = validate_upload(
        ContentFile(
            letter, name=f"Vorzeitiger-Beginn-{request.application.reference}-{request.pk}.pdf"
        ),
        allowed=("pdf",),
    )
    with transaction.atomic():
        locked = EarlyStartRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != EarlyStartStatus.SENT:
            raise NotAllowed(_("Über diesen Antrag ist bereits entschieden."))
        locked.status = status
        locked.decided_on = on
        locked.decided_by = by
        locked.approved_start = approved_start if approve else None
        locked.decision_reasons = reasons
        locked.save()
        title = (
            "Zustimmung zum vorzeitigen Maßnahmebeginn"
            if approve
            else "Ablehnung des vorzeitigen Maßnahmebeginns"
        )
        document = document_store(
            upload=upload,
            attach_to=locked,
            kind=EARLY_START_LETTER_KIND,
            by=by,
            label=title,
        )
        audit_record(
            action=f"application.early_start_{status}",
            target=locked.application,
            by=by,
            reason=reasons,
            data={
                "request": locked.pk,
                "approved_start": approved_start.isoformat() if approve and approved_start else "",
            },
        )
        application = locked.application
        notify(
            to=[locked.sent_by.email, application.organisation.email],
            template="applications/email/early_start_decided",
            context={
                "reference": application.reference,
                "title": locked.project_title,
                "approved": approve,
                "approved_start": format_date(
                    approved_start, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE
                )
                if approve and approved_start
                else "",
                "reasons": reasons,
                "path": locked.get_absolute_url(),
                "letter_path": reverse(
                    "documents:download", kwargs={"public_id": document.public_id}
                ),
            },
            attachments=[(document.display_name, letter, "application/pdf")],
            about=application.mail_log_key,
        )
        return locked


def _early_start_letter(
    request: EarlyStartRequest, *, status: str, approved_start, reasons: str, on: date, by
) -> bytes:
    organisation = request.organisation
    return render_pdf(
        "applications/letters/early_start.html",
        {
            "request": request,
            "approved": status == EarlyStartStatus.APPROVED,
            "approved_start": approved_start,
            "reasons": reasons,
            "date": on,
            "reference": request.application.reference,
            "subject": "Zustimmung zum vorzeitigen Maßnahmebeginn"
            if status == EarlyStartStatus.APPROVED
            else "Ablehnung des vorzeitigen Maßnahmebeginns",
            "recipient_lines": [
                organisation.name,
                organisation.street,
                f"{organisation.postcode} {organisation.city}",
            ],
            "signatory_name": by.get_full_name() or by.email,
        },
    )
