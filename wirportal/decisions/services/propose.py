"""Propose a decision, approve it (four eyes, budget bound) or return it."""

import time
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.applications.models import Application, ApplicationStatus
from wirportal.applications.selectors import check_period_start
from wirportal.audit.services import audit_record
from wirportal.core.dates import (
    format_date,
)
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.money import format_eur, format_money, to_money
from wirportal.notifications.services import notify
from wirportal.programmes.deadlines import proof_of_use_due
from wirportal.reviews import selectors as review_selectors
from wirportal.reviews.models import StepKind, StepResult

from .. import selectors
from ..models import (
    ACTIVE,
    DecisionCostLine,
    DecisionStatus,
    GrantDecision,
    Outcome,
)
from . import common
from .common import (
    _applicant_addresses,
    _authority_addresses,
    _commit,
    _detail_path,
    _load_decision,
    _lock_application,
    _lock_decision,
    _name,
    _require,
)
from .letters import _CheckedLetter, _rejection_letter, _rejection_letter_checked


def _decided_period(
    application: Application, start: date | None, end: date | None
) -> tuple[date, date]:
    """The Bewilligungszeitraum: the application's period, or a shorter one inside it."""
    if application.period_start is None or application.period_end is None:
        raise DomainError(_("Der Antrag hat keinen Projektzeitraum."))
    start = start or application.period_start
    end = end or application.period_end
    if start < application.period_start:
        raise DomainError(
            _("Der Bewilligungszeitraum beginnt frühestens mit dem Projektbeginn am %(day)s.")
            % {"day": format_date(application.period_start, "SHORT_DATE_FORMAT")},
            field="period_start",
        )
    if end > application.period_end:
        raise DomainError(
            _("Der Bewilligungszeitraum endet spätestens mit dem Projektende am %(day)s.")
            % {"day": format_date(application.period_end, "SHORT_DATE_FORMAT")},
            field="period_end",
        )
    if end < start:
        raise DomainError(
            _("Das Ende des Bewilligungszeitraums liegt vor seinem Beginn."), field="period_end"
        )
    return start, end


def _eligible_lines(
    application: Application,
    eligible: dict[int, Decimal | None] | None,
    reasons: dict[int, str] | None,
) -> list[dict]:
    """Each cost line of the plan with the eligible amount (default: as applied for) and the
    reason, which is required where they differ (zuwendungsfähige Ausgaben, VV Nr. 4 zu § 44
    LHO: the authority decides what is eligible and says why it deviates from the application)."""
    eligible, reasons = eligible or {}, reasons or {}
    lines = []
    items, _sources = selectors.plan_of(application)
    for position, item in enumerate(items):
        requested = to_money(item.real_costs)
        value = eligible.get(item.pk)
        value = requested if value is None else to_money(value)
        reason = (reasons.get(item.pk) or "").strip()
        if value < 0:
            raise DomainError(
                _("Zuwendungsfähige Ausgaben dürfen nicht negativ sein."),
                field=f"eligible_{item.pk}",
            )
        if value > requested:
            raise DomainError(
                _("Höchstens die beantragten Ausgaben von %(requested)s sind zuwendungsfähig.")
                % {"requested": format_money(requested)},
                field=f"eligible_{item.pk}",
            )
        if value != requested and not reason:
            raise DomainError(
                _(
                    "Bitte begründen Sie, warum %(eligible)s statt %(requested)s zuwendungsfähig sind."
                )
                % {"eligible": format_money(value), "requested": format_money(requested)},
                field=f"reason_{item.pk}",
            )
        lines.append(
            {
                "cost_item": item,
                "position": position,
                "label": selectors.cost_item_label(item)[:250],
                "requested": requested,
                "eligible": value,
                "reason": reason if value != requested else "",
            }
        )
    return lines


def _decided_years(
    amount: Decimal, start: date, end: date, given: dict[int, Decimal | None] | None
) -> dict[int, Decimal]:
    """The yearly amounts as decided, whole amounts per budget year (not a split by days; brief
    F1): one per budget year of the Bewilligungszeitraum, adding up to the grant; none given ->
    an even split in whole euros (`selectors.even_split`)."""
    years = selectors.budget_years(start, end)
    given_values: dict[int, Decimal] = {
        int(y): v for y, v in (given or {}).items() if v is not None
    }
    if len(years) == 1:
        given_values = {}
    for year, value in sorted(given_values.items()):
        if year not in years and value != 0:
            raise DomainError(
                _("%(year)s liegt außerhalb des Bewilligungszeitraums.") % {"year": year},
                field=f"year_{year}",
            )
        if value < 0:
            raise DomainError(_("Beträge dürfen nicht negativ sein."), field=f"year_{year}")
    if not given_values:
        return selectors.even_split(amount, years)
    decided = {year: to_money(given_values.get(year) or 0) for year in years}
    total = sum(decided.values(), Decimal(0))
    if total != amount:
        raise DomainError(
            _(
                "Die Beträge je Haushaltsjahr ergeben %(total)s; sie müssen zusammen die "
                "Zuwendung von %(amount)s ergeben."
            )
            % {"total": format_money(total), "amount": format_money(amount)},
            field="year_amounts",
        )
    return {year: value for year, value in decided.items() if value > 0}


@transaction.atomic
def decision_propose(
    *,
    application: Application,
    by,
    outcome: str,
    amount: Decimal | None = None,
    reasons: str = "",
    conditions: str = "",
    eligible: dict[int, Decimal | None] | None = None,
    eligible_reasons: dict[int, str] | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    year_amounts: dict[int, Decimal | None] | None = None,
    today: date | None = None,
) -> GrantDecision:
    """A case worker proposes approve / approve in part / reject; another person approves.

    For a grant the proposal fixes what the Zuwendungsbescheid decides: the eligible costs per
    line of the plan (with reasons where they differ from the application), the grant - never
    above what the line's financing computes from the eligible costs (no over-financing, § 23
    LHO, ANBest-P Nr. 1.2) nor above the request -, the Bewilligungszeitraum (the application's
    or shorter), the amounts per budget year as decided, and the proof-of-use date by the line's
    rule. A partial approval needs reasons (§ 39 HVwVfG: "im Übrigen wird der Antrag abgelehnt").
    """
    application = _lock_application(application)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise NotAllowed(
            _(
                "Der Antrag ist im Status „%(status)s“; eine Entscheidung kann nur während der "
                "Prüfung vorgeschlagen werden."
            )
            % {"status": application.get_status_display()}
        )
    if GrantDecision.objects.filter(application=application, status__in=ACTIVE).exists():
        raise NotAllowed(_("Für diesen Antrag liegt bereits eine Entscheidung vor."))
    requested = to_money(application.requested_amount or 0)
    if outcome not in Outcome.values:
        raise DomainError(_("Bitte wählen Sie eine Entscheidung."), field="outcome")
    lines: list[dict] = []
    years: dict[int, Decimal] = {}
    start = end = proof_due = None
    eligible_total = max_grant = None
    line = application.line
    if outcome == Outcome.REJECT:
        if not reasons.strip():
            raise DomainError(_("Bitte begründen Sie die Ablehnung."), field="reasons")
        amount = None
    else:
        latest = review_selectors.latest_steps(review_selectors.steps_of(application))
        missing = [str(label) for kind, label in StepKind.choices if kind not in latest]
        if missing:
            raise NotAllowed(
                _("Vor einer Bewilligung fehlen noch Prüfschritte: %(steps)s.")
                % {"steps": ", ".join(missing)}
            )
        if latest[StepKind.COMPLETENESS].result != StepResult.PASSED:
            raise NotAllowed(_("Der Antrag ist noch nicht als vollständig festgehalten."))
        start, end = _decided_period(application, period_start, period_end)
        # no start before the decision without written consent (VV Nr. 1.3 zu § 44 LHO)
        check_period_start(application, start, on=today or timezone.localdate())
        lines = _eligible_lines(application, eligible, eligible_reasons)
        eligible_total = sum((row["eligible"] for row in lines), Decimal(0))
        computed = selectors.grant_for_eligible(
            application,
            {row["cost_item"].pk: row["eligible"] for row in lines},
            period_start=start,
            period_end=end,
        ).amount
        max_grant = min(computed, requested)
        if amount is None:
            amount = max_grant
        if amount is None or to_money(amount) <= 0:
            if amount is None or max_grant > 0:
                raise DomainError(
                    _("Bitte geben Sie einen Betrag größer als 0 an."), field="amount"
                )
            raise DomainError(
                _(
                    "Aus den zuwendungsfähigen Ausgaben ergibt sich keine Zuwendung (nach Abzug "
                    "der Eigen- und Drittmittel bleibt nichts zu fördern)."
                ),
                field="amount",
            )
        amount = to_money(amount)
        if amount > requested:
            raise DomainError(
                _("Der Betrag darf die beantragte Zuwendung von %(requested)s nicht übersteigen.")
                % {"requested": format_money(requested)},
                field="amount",
            )
        if amount > computed:
            raise DomainError(
                _(
                    "Aus den zuwendungsfähigen Ausgaben von %(costs)s ergibt sich höchstens eine "
                    "Zuwendung von %(max)s (keine Überfinanzierung, § 23 LHO, ANBest-P Nr. 1.2)."
                )
                % {"costs": format_money(eligible_total), "max": format_money(computed)},
                field="amount",
            )
        if outcome == Outcome.PARTIAL:
            if amount == requested:
                raise DomainError(
                    _("Bei einer Teilbewilligung liegt der Betrag unter dem beantragten."),
                    field="amount",
                )
            if not reasons.strip():
                raise DomainError(
                    _("Bitte begründen Sie, warum nur ein Teil bewilligt wird."), field="reasons"
                )
        years = _decided_years(amount, start, end, year_amounts)
        proof_due = proof_of_use_due(line.proof_of_use_rule, end)
    decision = GrantDecision.objects.create(
        application=application,
        outcome=outcome,
        amount=amount,
        requested_amount=requested,
        reasons=reasons.strip(),
        conditions=conditions.strip(),
        proposed_by=by,
        year_amounts={str(y): str(a) for y, a in sorted(years.items())},
        period_start=start,
        period_end=end,
        eligible_costs=eligible_total,
        max_grant=max_grant,
        proof_of_use_rule=line.proof_of_use_rule if amount is not None else "",
        proof_of_use_due=proof_due,
    )
    DecisionCostLine.objects.bulk_create(
        DecisionCostLine(
            decision=decision,
            cost_item=row["cost_item"],
            position=row["position"],
            label=row["label"],
            requested=row["requested"],
            eligible=row["eligible"],
            reason=row["reason"],
        )
        for row in lines
    )
    audit_record(
        action="decision.proposed",
        target=decision,
        by=by,
        reason=reasons,
        data={
            "outcome": outcome,
            "amount": str(amount) if amount is not None else None,
            "application": application.pk,
            "eligible_costs": str(eligible_total) if eligible_total is not None else None,
            "period": [start.isoformat(), end.isoformat()] if start and end else None,
            "years": decision.year_amounts,
            "changed_lines": [
                {"label": row["label"], "eligible": str(row["eligible"]), "reason": row["reason"]}
                for row in lines
                if row["eligible"] != row["requested"]
            ],
        },
    )
    from wirportal.accounts.models import User

    approvers = User.objects.filter(
        role__in=[Role.CASE_WORKER, Role.PROGRAMME_STAFF], is_active=True
    ).exclude(pk=by.pk)
    notify(
        to=sorted({u.email for u in approvers if u.email}),
        template="decisions/email/proposed",
        context={
            "reference": application.reference,
            "title": application.title,
            "outcome": str(decision.get_outcome_display()),
            "amount": format_eur(amount) if amount is not None else "",
            "proposer": _name(by),
            "path": _detail_path(decision),
        },
        about=application.mail_log_key,
    )
    return decision


def decision_approve(*, decision: GrantDecision, by, today: date | None = None) -> GrantDecision:
    """The second person approves: budget bound (every year of the period), application decided.

    The yearly amounts are bound in the budget year of the approval (`today`): that year's amount
    against its Ansatz, later years' against the Verpflichtungsermächtigung of that year's budget
    (§ 38 Abs. 1 LHO; `programmes.services.budget_commit`), which refuses with the figures when
    the Ansatz or the VE does not suffice.

    Four eyes: the proposer can never approve their own proposal. A lack of budget raises
    `BudgetExceeded` and nothing is changed. The Ablehnungsbescheid of a rejection is rendered
    before the write transaction, so no PDF is rendered while rows are locked; the transaction
    checks the state again under the lock (a proposal never returns to `proposed`).
    """
    current = _load_decision(decision, lock=False)
    rendered: _CheckedLetter | None = None
    if (
        current.status == DecisionStatus.PROPOSED
        and not current.grants_money
        and current.proposed_by_id != by.pk
    ):
        today = timezone.localdate()
        current.approved_by = by  # in memory only: the letter is signed by the approver
        rendered = _rejection_letter_checked(current, issued=today)
    return _approve(
        decision=decision, by=by, rendered=rendered, today=today or timezone.localdate()
    )


@transaction.atomic
def _approve(
    *, decision: GrantDecision, by, rendered: _CheckedLetter | None, today: date
) -> GrantDecision:
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.PROPOSED, action=_("die Freigabe"))
    if decision.proposed_by_id == by.pk:
        raise NotAllowed(
            _(
                "Vier-Augen-Prinzip: Wer eine Entscheidung vorschlägt, darf sie nicht selbst freigeben."
            )
        )
    application = _lock_application(decision.application)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise NotAllowed(
            _("Der Antrag ist im Status „%(status)s“ und kann nicht mehr entschieden werden.")
            % {"status": application.get_status_display()}
        )
    if common.DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(common.DEBUG_SLEEP_AFTER_CHECK)
    if decision.grants_money:
        assert decision.amount is not None
        if decision.period_start:  # the decision's own date counts (VV Nr. 1.3 zu § 44 LHO)
            check_period_start(application, decision.period_start, on=today)
        _commit(decision, by=by, note=f"Bewilligung {application.reference}", on_year=today.year)
        if decision.outcome == Outcome.PARTIAL:
            application.approve_partially()
        else:
            application.approve()
    else:
        application.reject()
    application.save()
    decision.approve()
    decision.approved_by = by
    decision.approved_at = timezone.now()
    rejection: tuple[bytes, str] | None = None
    if not decision.grants_money:
        # a rejection is a Bescheid too: written with reasons and legal remedy, sent at once
        if rendered is None:
            # rendered only for a proposal seen as `proposed` before the lock, and a proposal
            # never returns to `proposed`: the state changed meanwhile (never render under locks)
            raise NotAllowed(
                _("Die Entscheidung wurde inzwischen geändert. Bitte laden Sie die Seite neu.")
            )
        rejection = _rejection_letter(decision, by=by, letter=rendered)
    decision.save()
    audit_record(
        action="decision.approved",
        target=decision,
        by=by,
        data={
            "outcome": decision.outcome,
            "amount": str(decision.amount),
            "years": decision.year_amounts,
            "letter": str(decision.letter.public_id) if decision.letter else None,
        },
    )
    audit_record(
        action=f"application.{application.status}",
        target=application,
        by=by,
        reason=decision.reasons,
    )
    notify(
        to=_authority_addresses(decision),
        template="decisions/email/approved",
        context={
            "reference": application.reference,
            "title": application.title,
            "outcome": str(decision.get_outcome_display()),
            "amount": format_eur(decision.amount) if decision.amount is not None else "",
            "approver": _name(by),
            "path": _detail_path(decision),
        },
        about=application.mail_log_key,
    )
    if rejection is not None:
        pdf, filename = rejection
        assert decision.letter is not None
        notify(
            to=_applicant_addresses(application),
            template="decisions/email/rejected",
            context={
                "reference": application.reference,
                "title": application.title,
                "reasons": decision.reasons,
                "path": _detail_path(decision),
                "letter_path": reverse(
                    "documents:download", kwargs={"public_id": decision.letter.public_id}
                ),
            },
            attachments=[(filename, pdf, "application/pdf")],
            about=application.mail_log_key,
        )
    return decision


@transaction.atomic
def decision_return(*, decision: GrantDecision, by, reason: str) -> GrantDecision:
    """The second person does not approve and sends the proposal back (a new one can follow)."""
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), field="reason")
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.PROPOSED, action=_("die Rückgabe"))
    if decision.proposed_by_id == by.pk:
        raise NotAllowed(_("Die eigene Entscheidung kann nicht zurückgegeben werden."))
    decision.return_to_case_worker()
    decision.returned_reason = reason.strip()
    decision.ended_at = timezone.now()
    decision.save()
    audit_record(action="decision.returned", target=decision, by=by, reason=reason)
    notify(
        to=[decision.proposed_by.email],
        template="decisions/email/returned",
        context={
            "reference": decision.application.reference,
            "title": decision.application.title,
            "reason": reason.strip(),
            "path": reverse("decisions:summary", kwargs={"pk": decision.application_id}),
        },
        about=decision.application.mail_log_key,
    )
    return decision
