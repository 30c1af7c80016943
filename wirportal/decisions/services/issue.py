"""Issue the Zuwendungsbescheid and record its first download (Bekanntgabe, § 41 HVwVfG)."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.dates import (
    acceptance_deadline_after,
    bekanntgabe_by_download,
    bekanntgabe_by_post,
    format_date,
)
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.money import format_eur
from wirportal.documents.pdf import render_pdf
from wirportal.documents.services import document_store
from wirportal.notifications.services import notify

from ..models import (
    DecisionStatus,
    Delivery,
    GrantDecision,
)
from .common import (
    LETTER_KIND,
    _applicant_addresses,
    _detail_path,
    _load_decision,
    _lock_decision,
    _require,
)
from .letters import (
    _checked_letter,
    _CheckedLetter,
    letter_anbest,
    letter_attachments,
    letter_context,
)


def _check_issuable(decision: GrantDecision, delivery: str) -> None:
    _require(decision, DecisionStatus.APPROVED, action=_("der Erlass des Bescheids"))
    if not decision.grants_money:
        raise NotAllowed(_("Für eine Ablehnung wird kein Zuwendungsbescheid erstellt."))
    if delivery not in Delivery.values:
        raise DomainError(
            _("Bitte wählen Sie, wie der Bescheid bekanntgegeben wird."), field="delivery"
        )


def decision_issue(
    *, decision: GrantDecision, by, today: date | None = None, delivery: str = Delivery.POST
) -> GrantDecision:
    """Generate the Zuwendungsbescheid (PDF/A), store it and send it to the recipient.

    The acceptance deadline runs from the Bekanntgabe, not from the letter date:
    - by post (`Delivery.POST`, the letter is posted today): bekanntgegeben on the third day after
      posting (§ 41 Abs. 2 Satz 1 HVwVfG), so the deadline is known now;
    - offered for download in the portal (`Delivery.PORTAL`, with the recipient's consent): the
      day after the recipient's first download (§ 41 Abs. 2a HVwVfG, `decision_record_download`);
      until then there is no Bekanntgabe and no deadline, so nothing can lapse.

    The letter is rendered and checked (`validate_upload` with its embedded PDFs) before the
    write transaction (no heavy work under row locks, ADR 0014); the transaction checks the state
    again under the lock, so of two concurrent issues one wins and the other's rendering is
    discarded unstored.
    """
    current = _load_decision(decision, lock=False)
    _check_issuable(current, delivery)
    today = today or timezone.localdate()
    bekanntgabe = bekanntgabe_by_post(today) if delivery == Delivery.POST else None
    deadline = acceptance_deadline_after(bekanntgabe) if bekanntgabe else None
    anbest = letter_anbest(current, on=today)
    context = letter_context(
        current,
        issued=today,
        deadline=deadline,
        bekanntgabe=bekanntgabe,
        delivery=delivery,
        anbest=anbest,
    )
    pdf = render_pdf(
        "documents/decision_letter.html",
        context,
        attachments=letter_attachments(context, anbest),
    )
    # ANBest and acceptance declaration as PDF/A-3 associated files, each checked
    letter = _checked_letter(
        pdf, f"Zuwendungsbescheid-{current.application.reference}.pdf", embedded_pdfs=True
    )
    return _issue_with_letter(
        decision=decision,
        by=by,
        letter=letter,
        today=today,
        delivery=delivery,
        bekanntgabe=bekanntgabe,
        deadline=deadline,
    )


@transaction.atomic
def _issue_with_letter(
    *,
    decision: GrantDecision,
    by,
    letter: _CheckedLetter,
    today: date,
    delivery: str,
    bekanntgabe: date | None,
    deadline: date | None,
) -> GrantDecision:
    decision = _lock_decision(decision)
    _check_issuable(decision, delivery)
    application = decision.application
    stored = document_store(
        upload=letter.upload,
        attach_to=decision,
        kind=LETTER_KIND,
        by=by,
        label=f"Zuwendungsbescheid {application.reference}",
    )
    decision.issue()
    decision.letter = stored
    decision.issued_at = timezone.now()
    decision.delivery = delivery
    decision.dispatched_on = today
    decision.bekanntgabe_on = bekanntgabe
    decision.acceptance_deadline = deadline
    decision.save()
    audit_record(
        action="decision.issued",
        target=decision,
        by=by,
        data={
            "delivery": delivery,
            "bekanntgabe": bekanntgabe.isoformat() if bekanntgabe else None,
            "acceptance_deadline": deadline.isoformat() if deadline else None,
            "letter": str(stored.public_id),
        },
    )
    notify(
        to=_applicant_addresses(application),
        template="decisions/email/issued",
        context={
            "reference": application.reference,
            "title": application.title,
            "amount": format_eur(decision.amount),
            "deadline": format_date(deadline, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE)
            if deadline
            else "",
            "path": _detail_path(decision),
            "letter_path": reverse("decisions:letter", kwargs={"pk": decision.pk}),
        },
        about=application.mail_log_key,
    )
    return decision


@transaction.atomic
def decision_record_download(*, decision: GrantDecision, by, now=None) -> GrantDecision:
    """A member of the recipient opens the Zuwendungsbescheid in the portal: the first download
    is recorded (who, when) and, for a letter offered for download, is its Bekanntgabe on the
    next day (§ 41 Abs. 2a Satz 3 HVwVfG) - unless the ten days after the notice have passed
    (Satz 4: no Bekanntgabe; the authority has to send the letter again). Staff downloads and
    later downloads change nothing."""
    decision = _lock_decision(decision)
    if decision.letter_id is None or not decision.grants_money:
        return decision
    if not decision.application.organisation.memberships.filter(user=by).exists():
        return decision
    if decision.first_downloaded_at is not None:
        return decision
    now = now or timezone.now()
    decision.first_downloaded_at = now
    decision.first_downloaded_by = by
    if (
        decision.delivery == Delivery.PORTAL
        and decision.bekanntgabe_on is None
        and decision.dispatched_on is not None
        and decision.status == DecisionStatus.ISSUED
    ):
        bekanntgabe = bekanntgabe_by_download(
            decision.dispatched_on, timezone.localtime(now).date()
        )
        if bekanntgabe is not None:
            decision.bekanntgabe_on = bekanntgabe
            decision.acceptance_deadline = acceptance_deadline_after(bekanntgabe)
    decision.save()
    audit_record(
        action="decision.downloaded",
        target=decision,
        by=by,
        data={
            "bekanntgabe": decision.bekanntgabe_on.isoformat() if decision.bekanntgabe_on else None,
            "acceptance_deadline": decision.acceptance_deadline.isoformat()
            if decision.acceptance_deadline
            else None,
        },
    )
    return decision
