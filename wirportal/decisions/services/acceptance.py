"""Annahmeerklärung: online by the recipient, on paper recorded by the case worker."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.dates import (
    acceptance_deadline_after,
    format_date,
)
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.core.money import format_eur
from wirportal.documents.services import document_store
from wirportal.notifications.services import notify

from ..models import (
    AcceptanceChannel,
    DecisionStatus,
    GrantDecision,
)
from .common import (
    _applicant_addresses,
    _authority_addresses,
    _bring_back,
    _lock_decision,
    _mail_date,
    _name,
    _require,
    _short,
)


@transaction.atomic
def decision_accept(
    *, decision: GrantDecision, by, bank_details_confirmed: bool, today: date | None = None
) -> GrantDecision:
    """Annahmeerklärung of the recipient within the deadline, confirming the bank details."""
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.ISSUED, action=_("die Annahme"))
    application = decision.application
    if not application.organisation.memberships.filter(user=by).exists():
        raise NotAllowed(_("Nur Mitglieder des Trägers können den Bescheid annehmen."))
    today = today or timezone.localdate()
    if decision.acceptance_deadline and today > decision.acceptance_deadline:
        raise DeadlineMissed(
            _("Die Frist zur Annahme ist am %(deadline)s abgelaufen.")
            % {"deadline": format_date(decision.acceptance_deadline, "SHORT_DATE_FORMAT")}
        )
    if not application.organisation.iban:
        raise DomainError(
            _(
                "Für den Träger ist keine Bankverbindung hinterlegt. Bitte ergänzen Sie sie in den "
                "Angaben zum Träger."
            ),
            field="bank_details_confirmed",
        )
    if not bank_details_confirmed:
        raise DomainError(
            _("Bitte bestätigen Sie die Bankverbindung."), field="bank_details_confirmed"
        )
    decision.accept()
    decision.accepted_at = timezone.now()
    decision.accepted_by = by
    decision.bank_details_confirmed = True
    decision.acceptance_channel = AcceptanceChannel.ONLINE
    decision.acceptance_received_on = today
    decision.save()
    audit_record(action="decision.accepted", target=decision, by=by, data={"channel": "online"})
    notify(
        to=_authority_addresses(decision) + _applicant_addresses(application),
        template="decisions/email/accepted",
        context={
            "reference": application.reference,
            "title": application.title,
            "amount": format_eur(decision.amount),
            "accepted_at": format_date(
                decision.accepted_at, "SHORT_DATETIME_FORMAT", language=settings.LANGUAGE_CODE
            ),
            "by": _name(by),
        },
        about=application.mail_log_key,
    )
    return decision


SCAN_KIND = "annahmeerklaerung"
SCAN_FILE_KINDS = ("pdf", "jpeg", "png")


def _check_received_on(decision: GrantDecision, received_on: date | None, *, today: date) -> date:
    """The day the signed declaration came in: given, not in the future, not before the letter
    was sent (nobody accepts a letter before it exists)."""
    if received_on is None:
        raise DomainError(
            _("Bitte geben Sie das Eingangsdatum der Annahmeerklärung an."), field="received_on"
        )
    if received_on > today:
        raise DomainError(
            _("Das Eingangsdatum darf nicht in der Zukunft liegen."), field="received_on"
        )
    sent = decision.dispatched_on or (
        timezone.localdate(decision.issued_at) if decision.issued_at else None
    )
    if sent is not None and received_on < sent:
        raise DomainError(
            _(
                "Die Annahmeerklärung kann nicht vor dem Versand des Bescheids am %(day)s "
                "eingegangen sein."
            )
            % {"day": _short(sent)},
            field="received_on",
        )
    return received_on


def _check_paper(decision: GrantDecision, scan, bank_details_confirmed: bool) -> None:
    if scan is None:
        raise DomainError(
            _("Bitte laden Sie den Scan der unterschriebenen Annahmeerklärung hoch."), field="scan"
        )
    if scan.kind not in SCAN_FILE_KINDS:
        raise DomainError(_("Bitte laden Sie eine PDF-, JPEG- oder PNG-Datei hoch."), field="scan")
    if not decision.application.organisation.iban:
        raise DomainError(
            _(
                "Für den Träger ist keine Bankverbindung hinterlegt. Bitte ergänzen Sie sie in den "
                "Angaben zum Träger."
            ),
            field="bank_details_confirmed",
        )
    if not bank_details_confirmed:
        raise DomainError(
            _("Bitte bestätigen Sie, dass die Erklärung die hinterlegte Bankverbindung bestätigt."),
            field="bank_details_confirmed",
        )


def _accept_on_paper(
    decision: GrantDecision, *, by, received_on: date, scan, bekanntgabe_by_receipt: bool = False
) -> None:
    """Store the scan on the decision (documents' validated store: the decision's viewers see
    it), accept, audit and send the usual acceptance mail."""
    application = decision.application
    decision.acceptance_scan = document_store(
        upload=scan,
        attach_to=decision,
        kind=SCAN_KIND,
        by=by,
        label=f"Annahmeerklärung {application.reference}",
    )
    decision.accept()
    decision.accepted_at = timezone.now()
    decision.acceptance_channel = AcceptanceChannel.PAPER
    decision.acceptance_received_on = received_on
    decision.acceptance_recorded_by = by
    decision.bank_details_confirmed = True
    decision.save()
    audit_record(
        action="decision.accepted",
        target=decision,
        by=by,
        data={
            "channel": "paper",
            "received_on": received_on.isoformat(),
            "scan": str(decision.acceptance_scan.public_id),
            "bekanntgabe_by_receipt": bekanntgabe_by_receipt,
        },
    )
    notify(
        to=_authority_addresses(decision) + _applicant_addresses(application),
        template="decisions/email/accepted",
        context={
            "reference": application.reference,
            "title": application.title,
            "amount": format_eur(decision.amount),
            "accepted_at": _mail_date(received_on),
            "by": application.organisation.name,
            "recorded_by": _name(by),
        },
        about=application.mail_log_key,
    )


@transaction.atomic
def decision_record_paper_acceptance(
    *,
    decision: GrantDecision,
    by,
    received_on: date | None,
    scan,
    bank_details_confirmed: bool,
    today: date | None = None,
) -> GrantDecision:
    """The case worker records a signed paper Annahmeerklärung: date of receipt (Eingang), the
    scan (PDF/JPEG/PNG through the documents' validated upload), who recorded it; audited, and
    the recipient gets the usual acceptance mail.

    The declaration counts if it was received on or before the acceptance deadline (an extended
    one included, § 31 Abs. 7 HVwVfG); a later one is refused - the way back is a (retroactive)
    extension or Wiedereinsetzung (`decision_extend_deadline`, `decision_reinstate`). A receipt
    before the day a posted letter counts as bekanntgegeben (§ 41 Abs. 2 Satz 1 HVwVfG: third
    day) is fine: that day starts the deadline; it is not the first day on which one may accept.

    Without Bekanntgabe (a letter offered in the portal and not downloaded, § 41 Abs. 2a HVwVfG)
    the recipient who sends the signed declaration evidently has the Bescheid: it was then
    bekanntgegeben "auf andere Weise" (§ 41 Abs. 2a Satz 5 HVwVfG), at the latest on the day the
    declaration was received - the authority cannot prove an earlier day of receipt, and the later
    day is the one that is safe for the recipient. That day is recorded as the Bekanntgabe
    (`bekanntgabe_by_receipt` in the audit) and the acceptance, made on it, is in time.

    A declaration received in time but recorded only after the scheduled job let the decision
    lapse undoes the lapse: the auflösende Bedingung (no acceptance within the deadline) never
    occurred, so the decision is accepted and its money bound again (`_bring_back`).
    """
    today = today or timezone.localdate()
    decision = _lock_decision(decision)
    _require(
        decision,
        DecisionStatus.ISSUED,
        DecisionStatus.LAPSED,
        action=_("die Erfassung der Annahme"),
    )
    received_on = _check_received_on(decision, received_on, today=today)
    by_receipt = decision.bekanntgabe_on is None
    if (
        not by_receipt
        and decision.acceptance_deadline
        and received_on > decision.acceptance_deadline
    ):
        raise DeadlineMissed(
            _(
                "Die Annahmeerklärung ist am %(received)s eingegangen, nach Ablauf der Frist am "
                "%(deadline)s. Sie zählt nur, wenn die Frist rückwirkend verlängert "
                "(§ 31 Abs. 7 HVwVfG) oder Wiedereinsetzung gewährt wird (§ 32 HVwVfG)."
            )
            % {"received": _short(received_on), "deadline": _short(decision.acceptance_deadline)},
            field="received_on",
        )
    _check_paper(decision, scan, bank_details_confirmed)
    if decision.status == DecisionStatus.LAPSED:
        # received in time but recorded after the nightly lapse: the auflösende Bedingung (no
        # acceptance within the deadline) never occurred, so the lapse is undone
        _bring_back(decision, by=by)
    if by_receipt:
        decision.bekanntgabe_on = received_on
        decision.acceptance_deadline = acceptance_deadline_after(received_on)
    _accept_on_paper(
        decision, by=by, received_on=received_on, scan=scan, bekanntgabe_by_receipt=by_receipt
    )
    return decision
