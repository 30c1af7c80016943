"""The end of a decision: lapse (no acceptance in time) and Widerruf."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.notifications.services import notify
from wirportal.programmes.services import budget_release, budget_revoke

from ..models import (
    DecisionStatus,
    GrantDecision,
)
from .common import _applicant_addresses, _authority_addresses, _lock_decision, _require


def _end(
    decision: GrantDecision, *, by, reason: str, action: str, template: str, revoked: bool = False
) -> None:
    if revoked:
        # brief D5: release only the unpaid part; the paid part becomes a receivable (§ 49a
        # Abs. 1 HVwVfG), settled when the repayment is booked (settlement.repayment_book)
        budget_revoke(
            line=decision.application.line,
            source_key=decision.source_key,
            by=by,
            remaining=Decimal(0),
            note=reason[:200],
        )
    else:
        budget_release(line=decision.application.line, source_key=decision.source_key, by=by)
    decision.ended_at = timezone.now()
    decision.ended_reason = reason
    decision.save()
    audit_record(action=action, target=decision, by=by, reason=reason)
    notify(
        to=_authority_addresses(decision) + _applicant_addresses(decision.application),
        template=template,
        context={
            "reference": decision.application.reference,
            "title": decision.application.title,
            "reason": reason,
        },
        about=decision.application.mail_log_key,
    )


@transaction.atomic
def decision_lapse(*, decision: GrantDecision, by=None, today: date | None = None) -> GrantDecision:
    """No acceptance within the deadline: the decision lapses and the bound money is released."""
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.ISSUED, action=_("das Unwirksamwerden"))
    today = today or timezone.localdate()
    if decision.bekanntgabe_on is None or decision.acceptance_deadline is None:
        # § 43 Abs. 1 HVwVfG: a Verwaltungsakt not bekanntgegeben has no effect, no deadline runs
        raise NotAllowed(
            _("Der Bescheid ist noch nicht bekanntgegeben; die Frist zur Annahme läuft nicht.")
        )
    if today <= decision.acceptance_deadline:
        raise NotAllowed(_("Die Frist zur Annahme läuft noch."))
    decision.lapse()
    _end(
        decision,
        by=by,
        reason=f"Keine Annahme bis {decision.acceptance_deadline:%d.%m.%Y}.",
        action="decision.lapsed",
        template="decisions/email/lapsed",
    )
    return decision


def decisions_lapse_overdue(*, today: date | None = None) -> int:
    """Scheduled job: lapse every issued decision whose acceptance deadline has passed. A decision
    without Bekanntgabe (§ 41 HVwVfG; e.g. a letter in the portal never downloaded) never lapses."""
    today = today or timezone.localdate()
    overdue = GrantDecision.objects.filter(
        status=DecisionStatus.ISSUED, bekanntgabe_on__isnull=False, acceptance_deadline__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(overdue):
        try:
            decision_lapse(decision=GrantDecision(pk=pk), today=today)
        except NotAllowed:
            continue  # accepted in the meantime
        count += 1
    return count


@transaction.atomic
def decision_revoke(*, decision: GrantDecision, by, reason: str) -> GrantDecision:
    """Widerruf in full (§ 49 HVwVfG): the decision ends and nothing more is paid (payments
    refuses a revoked grant). Only the money bound and not paid is released; what was paid is
    booked as a receivable (§ 49a Abs. 1 HVwVfG; brief D5: commitment 6,500, payments 4,000 →
    release 2,500, receivable 4,000)."""
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie den Widerruf."), field="reason")
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.ISSUED, DecisionStatus.ACCEPTED, action=_("der Widerruf"))
    decision.revoke()
    _end(
        decision,
        by=by,
        reason=reason.strip(),
        action="decision.revoked",
        template="decisions/email/revoked",
        revoked=True,
    )
    return decision
