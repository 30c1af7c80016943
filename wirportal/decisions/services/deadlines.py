"""Extension of the acceptance deadline (§ 31 Abs. 7 HVwVfG) and Wiedereinsetzung (§ 32 HVwVfG)."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.dates import (
    add_months,
    next_working_day,
)
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.notifications.services import notify

from ..models import (
    DeadlineChange,
    DeadlineChangeKind,
    DecisionStatus,
    GrantDecision,
)
from .acceptance import _accept_on_paper, _check_paper, _check_received_on
from .common import (
    _applicant_addresses,
    _bring_back,
    _detail_path,
    _lock_decision,
    _mail_date,
    _refuse_revoked,
    _require,
    _short,
)

# § 32 Abs. 2 Satz 1 HVwVfG: the request within two weeks after the obstacle ended
REINSTATEMENT_REQUEST_DAYS = 14
# § 32 Abs. 3 HVwVfG: not after one year since the end of the missed deadline (but force majeure)
REINSTATEMENT_YEAR_MONTHS = 12


def reinstatement_request_ends(obstacle_ended_on: date) -> date:
    """Last day to request Wiedereinsetzung: two weeks after the obstacle ended (§ 32 Abs. 2 Satz 1
    HVwVfG; § 31 Abs. 1 HVwVfG with § 187 Abs. 1, § 188 Abs. 2 BGB: the day the obstacle ended is
    not counted, the period ends on the same weekday two weeks later), moved off weekends and
    Hessian holidays (§ 31 Abs. 3 HVwVfG). The missed act is to be made up by then too (Satz 3)."""
    return next_working_day(obstacle_ended_on + timedelta(days=REINSTATEMENT_REQUEST_DAYS))


def reinstatement_year_ends(missed_deadline: date) -> date:
    """Last day for a request or the made-up act: one year after the end of the missed deadline
    (§ 32 Abs. 3 HVwVfG; §§ 187, 188 Abs. 2 BGB, moved off weekends/holidays by § 31 Abs. 3)."""
    return next_working_day(add_months(missed_deadline, REINSTATEMENT_YEAR_MONTHS))


def _check_working_day(day: date, *, field: str) -> None:
    """A deadline the authority sets ends on a working day: one ending on a Saturday, Sunday or
    Hessian holiday would end on the next working day anyway (§ 31 Abs. 3 Satz 1 HVwVfG), so the
    case worker names that day rather than a day the recipient would misread."""
    moved = next_working_day(day)
    if moved != day:
        raise DomainError(
            _(
                "Der %(day)s ist ein Samstag, Sonntag oder Feiertag; die Frist endete erst am "
                "nächsten Werktag, dem %(next)s (§ 31 Abs. 3 HVwVfG). Bitte wählen Sie einen Werktag."
            )
            % {"day": _short(day), "next": _short(moved)},
            field=field,
        )


@transaction.atomic
def decision_extend_deadline(
    *,
    decision: GrantDecision,
    by,
    new_deadline: date | None,
    reason: str,
    today: date | None = None,
) -> GrantDecision:
    """Fristverlängerung: the acceptance deadline is set by the authority in the Bescheid, so it
    can be extended (§ 31 Abs. 7 Satz 1 HVwVfG), also after it expired (Satz 2, retroactively:
    "insbesondere wenn es unbillig wäre, die durch den Fristablauf eingetretenen Rechtsfolgen
    bestehen zu lassen"). A decision that lapsed for the missed deadline is then in force again:
    back to `issued`, its money bound again (`_bind_again`; refused with the figures if gone).

    The new deadline ends after the current one and on a working day; a reason is required. Each
    extension is kept (`DeadlineChange`: old → new, who, when, reason), audited and mailed to the
    recipient (outbox: `notify` inside this transaction, ADR 0011). A new deadline in the past is
    allowed: it is how a declaration received late is let in (record it right afterwards).
    """
    today = today or timezone.localdate()
    if new_deadline is None:
        raise DomainError(_("Bitte geben Sie die neue Frist an."), field="new_deadline")
    if not (reason or "").strip():
        raise DomainError(_("Bitte begründen Sie die Verlängerung."), field="reason")
    decision = _lock_decision(decision)
    _refuse_revoked(decision)
    _require(
        decision,
        DecisionStatus.ISSUED,
        DecisionStatus.LAPSED,
        action=_("die Verlängerung der Annahmefrist"),
    )
    old = decision.acceptance_deadline
    if decision.bekanntgabe_on is None or old is None:
        raise NotAllowed(
            _(
                "Der Bescheid ist noch nicht bekanntgegeben; es läuft keine Frist, die verlängert "
                "werden könnte (§ 41 HVwVfG)."
            )
        )
    if new_deadline <= old:
        raise DomainError(
            _("Die neue Frist muss nach der bisherigen Frist (%(deadline)s) enden.")
            % {"deadline": _short(old)},
            field="new_deadline",
        )
    _check_working_day(new_deadline, field="new_deadline")
    was_lapsed = decision.status == DecisionStatus.LAPSED
    if was_lapsed:
        _bring_back(decision, by=by)
    decision.acceptance_deadline = new_deadline
    decision.save()
    DeadlineChange.objects.create(
        decision=decision,
        kind=DeadlineChangeKind.EXTENSION,
        old_deadline=old,
        new_deadline=new_deadline,
        reason=reason.strip(),
        created_by=by,
    )
    audit_record(
        action="decision.deadline_extended",
        target=decision,
        by=by,
        reason=reason.strip(),
        data={"old": old.isoformat(), "new": new_deadline.isoformat(), "lapsed": was_lapsed},
    )
    application = decision.application
    notify(
        to=_applicant_addresses(application),
        template="decisions/email/deadline_extended",
        context={
            "reference": application.reference,
            "title": application.title,
            "old": _mail_date(old),
            "new": _mail_date(new_deadline),
            "reason": reason.strip(),
            "was_lapsed": was_lapsed,
            "path": _detail_path(decision),
        },
        about=application.mail_log_key,
    )
    return decision


@transaction.atomic
def decision_reinstate(
    *,
    decision: GrantDecision,
    by,
    requested_on: date | None,
    obstacle_ended_on: date | None,
    reason: str,
    acceptance_made_up: bool = False,
    received_on: date | None = None,
    scan=None,
    bank_details_confirmed: bool = False,
    new_deadline: date | None = None,
    force_majeure: bool = False,
    today: date | None = None,
) -> GrantDecision:
    """Wiedereinsetzung in den vorigen Stand of a decision that lapsed for a missed acceptance.

    § 32 HVwVfG: whoever was prevented without fault from keeping a deadline is reinstated on
    request; the request within two weeks after the obstacle ended (Abs. 2 Satz 1), the facts
    made credible (Satz 2: the reason), the missed act made up within that period (Satz 3); not
    after one year since the end of the missed deadline, unless force majeure made it impossible
    (Abs. 3). § 32 speaks of statutory deadlines; the acceptance deadline is set by the authority,
    for which § 31 Abs. 7 Satz 2 HVwVfG allows the retroactive extension - the portal applies
    § 32's conditions as the measure of that decision, and the case worker records that there
    was no fault in the reason.

    Made up (signed declaration received in time, scan attached): reinstated and accepted at
    once (channel paper). Not made up: back to `issued` with a new deadline in the future. Either
    way the money the lapse released is bound again (`_bind_again`), or nothing changes and the
    case worker sees the figures. A revoked decision cannot be reinstated.
    """
    today = today or timezone.localdate()
    decision = _lock_decision(decision)
    _refuse_revoked(decision)
    _require(decision, DecisionStatus.LAPSED, action=_("die Wiedereinsetzung"))
    missed = decision.acceptance_deadline
    if missed is None:
        raise NotAllowed(_("Der Bescheid ist nicht wegen einer versäumten Frist unwirksam."))
    if requested_on is None:
        raise DomainError(
            _("Bitte geben Sie an, wann die Wiedereinsetzung beantragt wurde."),
            field="requested_on",
        )
    if requested_on > today:
        raise DomainError(
            _("Das Datum des Antrags darf nicht in der Zukunft liegen."), field="requested_on"
        )
    if obstacle_ended_on is None:
        raise DomainError(
            _("Bitte geben Sie an, wann das Hindernis weggefallen ist."),
            field="obstacle_ended_on",
        )
    if obstacle_ended_on > requested_on:
        raise DomainError(
            _(
                "Das Hindernis ist spätestens mit dem Antrag am %(day)s weggefallen; bitte "
                "prüfen Sie das Datum."
            )
            % {"day": _short(requested_on)},
            field="obstacle_ended_on",
        )
    if not (reason or "").strip():
        raise DomainError(
            _("Bitte geben Sie an, warum die Frist ohne Verschulden versäumt wurde."),
            field="reason",
        )
    request_ends = reinstatement_request_ends(obstacle_ended_on)
    if requested_on > request_ends:
        raise DeadlineMissed(
            _(
                "Der Antrag vom %(requested)s kam mehr als zwei Wochen nach dem Wegfall des "
                "Hindernisses am %(ended)s; die Antragsfrist endete am %(limit)s "
                "(§ 32 Abs. 2 HVwVfG). Eine Wiedereinsetzung ist nicht möglich."
            )
            % {
                "requested": _short(requested_on),
                "ended": _short(obstacle_ended_on),
                "limit": _short(request_ends),
            },
            field="requested_on",
        )
    year_ends = reinstatement_year_ends(missed)
    if requested_on > year_ends and not force_majeure:
        raise DeadlineMissed(
            _(
                "Die versäumte Frist endete am %(deadline)s; nach einem Jahr, am %(limit)s, endete "
                "auch die Möglichkeit der Wiedereinsetzung (§ 32 Abs. 3 HVwVfG). Später ist sie "
                "nur möglich, wenn der Antrag vorher infolge höherer Gewalt unmöglich war."
            )
            % {"deadline": _short(missed), "limit": _short(year_ends)},
            field="requested_on",
        )
    if acceptance_made_up:
        received_on = _check_received_on(decision, received_on, today=today)
        if received_on > request_ends:
            raise DeadlineMissed(
                _(
                    "Die Annahme ist am %(received)s eingegangen; sie musste innerhalb der "
                    "Antragsfrist, also bis %(limit)s, nachgeholt werden (§ 32 Abs. 2 Satz 3 "
                    "HVwVfG)."
                )
                % {"received": _short(received_on), "limit": _short(request_ends)},
                field="received_on",
            )
        if received_on > year_ends and not force_majeure:
            raise DeadlineMissed(
                _(
                    "Die Annahme ist am %(received)s eingegangen, mehr als ein Jahr nach dem Ende "
                    "der versäumten Frist (bis %(limit)s, § 32 Abs. 3 HVwVfG)."
                )
                % {"received": _short(received_on), "limit": _short(year_ends)},
                field="received_on",
            )
        _check_paper(decision, scan, bank_details_confirmed)
    else:
        if new_deadline is None:
            raise DomainError(
                _("Bitte geben Sie die neue Frist zur Annahme an."), field="new_deadline"
            )
        if new_deadline <= today:
            raise DomainError(_("Die neue Frist muss in der Zukunft liegen."), field="new_deadline")
        _check_working_day(new_deadline, field="new_deadline")
    _bring_back(decision, by=by)
    if not acceptance_made_up:
        decision.acceptance_deadline = new_deadline
    decision.save()
    DeadlineChange.objects.create(
        decision=decision,
        kind=DeadlineChangeKind.REINSTATEMENT,
        old_deadline=missed,
        new_deadline=None if acceptance_made_up else new_deadline,
        reason=reason.strip(),
        requested_on=requested_on,
        obstacle_ended_on=obstacle_ended_on,
        acceptance_made_up=acceptance_made_up,
        force_majeure=force_majeure,
        created_by=by,
    )
    audit_record(
        action="decision.reinstated",
        target=decision,
        by=by,
        reason=reason.strip(),
        data={
            "missed_deadline": missed.isoformat(),
            "requested_on": requested_on.isoformat(),
            "obstacle_ended_on": obstacle_ended_on.isoformat(),
            "acceptance_made_up": acceptance_made_up,
            "new_deadline": new_deadline.isoformat()
            if new_deadline and not acceptance_made_up
            else None,
            "force_majeure": force_majeure,
            "binding": decision.source_key,
        },
    )
    application = decision.application
    notify(
        to=_applicant_addresses(application),
        template="decisions/email/reinstated",
        context={
            "reference": application.reference,
            "title": application.title,
            "missed": _mail_date(missed),
            "new": _mail_date(new_deadline) if not acceptance_made_up else "",
            "made_up": acceptance_made_up,
            "reason": reason.strip(),
            "path": _detail_path(decision),
        },
        about=application.mail_log_key,
    )
    if acceptance_made_up:
        assert received_on is not None
        _accept_on_paper(decision, by=by, received_on=received_on, scan=scan)
    return decision
