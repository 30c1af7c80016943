"""Writes on grant decisions: propose, approve (four eyes), return, issue the letter, accept,
lapse and revoke. Each locks the decision (and the application) before it checks the state.
"""

import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.applications.models import Application, ApplicationStatus, FundingSourceKind
from wirportal.applications.selectors import check_period_start
from wirportal.audit.services import audit_record
from wirportal.core.dates import (
    acceptance_deadline_after,
    add_months,
    bekanntgabe_by_download,
    bekanntgabe_by_post,
    format_date,
    next_working_day,
)
from wirportal.core.exceptions import BudgetExceeded, DeadlineMissed, DomainError, NotAllowed
from wirportal.core.money import format_eur, format_money, to_money
from wirportal.documents.models import AnbestKind, AnbestVersion
from wirportal.documents.pdf import EmbeddedFile, render_pdf
from wirportal.documents.selectors import anbest_version_on
from wirportal.documents.services import anbest_content, document_store, document_store_generated
from wirportal.notifications.services import notify
from wirportal.offices.courts import Court, court_for_office
from wirportal.offices.models import OrganisationKind
from wirportal.programmes.deadlines import proof_of_use_due, proof_of_use_rule_text
from wirportal.programmes.services import budget_commit, budget_release, budget_revoke
from wirportal.reviews import selectors as review_selectors
from wirportal.reviews.models import StepKind, StepResult

from . import selectors
from .models import (
    ACTIVE,
    AcceptanceChannel,
    DeadlineChange,
    DeadlineChangeKind,
    DecisionCostLine,
    DecisionStatus,
    Delivery,
    GrantDecision,
    Outcome,
)

LETTER_KIND = "zuwendungsbescheid"
REJECTION_KIND = "ablehnungsbescheid"
# Debug switches for the negative control of the race test (reliability brief T3): with the
# lock skipped and a pause between the state check and the writes, both approvals get through
# the check and the second one crashes on the application's concurrent-transition guard.
DEBUG_SKIP_LOCK = False
DEBUG_SLEEP_AFTER_CHECK = 0.0


# --- helpers --------------------------------------------------------------------------------


def acceptance_deadline_for(bekanntgabe: date) -> date:
    """One month after the Bekanntgabe (not the letter date), moved off weekends and Hessian
    holidays (§ 31 HVwVfG with §§ 187 ff. BGB; `core.dates.acceptance_deadline_after`)."""
    return acceptance_deadline_after(bekanntgabe)


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _applicant_addresses(application: Application) -> list[str]:
    return [a for a in [application.created_by.email, application.organisation.email] if a]


def _authority_addresses(decision: GrantDecision) -> list[str]:
    people = [decision.proposed_by, decision.approved_by]
    return sorted({p.email for p in people if p is not None and p.email})


def _load_decision(decision: GrantDecision, *, lock: bool = True) -> GrantDecision:
    decisions = GrantDecision.objects.select_related(
        "application__organisation",
        "application__line",
        "application__created_by",
        "proposed_by",
        "approved_by",
    )
    if lock and not DEBUG_SKIP_LOCK:
        decisions = decisions.select_for_update(of=("self",))
    return decisions.get(pk=decision.pk)


def _lock_decision(decision: GrantDecision) -> GrantDecision:
    return _load_decision(decision, lock=True)


def _lock_application(application: Application) -> Application:
    applications = Application.objects.select_related("line", "organisation", "created_by", "call")
    if not DEBUG_SKIP_LOCK:
        applications = applications.select_for_update(of=("self",))
    return applications.get(pk=application.pk)


def _require(decision: GrantDecision, *states: str, action: str) -> None:
    if decision.status not in states:
        raise NotAllowed(
            _("Die Entscheidung ist im Status „%(status)s“; %(action)s ist nicht möglich.")
            % {"status": decision.get_status_display(), "action": action}
        )


def _detail_path(decision: GrantDecision) -> str:
    return reverse("decisions:decision-detail", kwargs={"pk": decision.pk})


# --- use cases ------------------------------------------------------------------------------


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
    rendered: tuple[bytes, date] | None = None
    if (
        current.status == DecisionStatus.PROPOSED
        and not current.grants_money
        and current.proposed_by_id != by.pk
    ):
        today = timezone.localdate()
        current.approved_by = by  # in memory only: the letter is signed by the approver
        pdf = render_pdf(
            "documents/rejection_letter.html", rejection_letter_context(current, issued=today)
        )
        rendered = (pdf, today)
    return _approve(
        decision=decision, by=by, rendered=rendered, today=today or timezone.localdate()
    )


def _commit(decision: GrantDecision, *, by, note: str, on_year: int) -> None:
    """Bind the decision's yearly amounts: the year `on_year` against its Ansatz, later years
    against that budget's Verpflichtungsermächtigung (§ 38 LHO; `programmes.budget_commit`)."""
    application = decision.application
    budget_commit(
        line=application.line,
        year_amounts={int(y): Decimal(a) for y, a in decision.year_amounts.items()},
        source_key=decision.source_key,
        by=by,
        office=application.organisation.office if application.line.allocated_per_office else None,
        note=note,
        on_year=on_year,
    )


@transaction.atomic
def _approve(
    *, decision: GrantDecision, by, rendered: tuple[bytes, date] | None, today: date
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
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
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
        if rendered is None:  # not expected (see decision_approve); render here rather than fail
            today = timezone.localdate()
            rendered = (
                render_pdf(
                    "documents/rejection_letter.html",
                    rejection_letter_context(decision, issued=today),
                ),
                today,
            )
        rejection = _rejection_letter(decision, by=by, pdf=rendered[0])
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
    )
    return decision


def competent_court(decision: GrantDecision, *, on: date) -> Court:
    """The administrative court for the legal remedy notice: the one of the recipient's seat
    (§ 52 Nr. 3 Satz 2 VwGO, court districts § 1 Abs. 2 HessAGVwGO; `offices.courts`).

    A letter without the right court cannot be signed, so a recipient without a seat (WIR unit)
    on record is refused rather than sent to a guessed court.
    """
    found = court_for_office(decision.application.organisation.office, on)
    if found is None:
        raise NotAllowed(
            _(
                "Für den Träger ist kein Sitz (WIR-Einheit) hinterlegt; das zuständige "
                "Verwaltungsgericht (§ 52 Nr. 3 VwGO) kann nicht bestimmt werden. Bitte ergänzen Sie "
                "die Angaben zum Träger."
            )
        )
    return found[0]


def letter_common(decision: GrantDecision, *, issued: date) -> dict:
    """Letterhead, address, reference data and court every Bescheid on an application shares."""
    application = decision.application
    organisation = application.organisation
    line = application.line
    return {
        "court": competent_court(decision, on=issued),
        "recipient_lines": [
            organisation.name,
            organisation.street,
            f"{organisation.postcode} {organisation.city}".strip(),
        ],
        "reference": application.reference,
        "your_reference": "",
        "date": issued,
        "contact_name": _name(decision.proposed_by),
        "contact_phone": "",
        "contact_email": decision.proposed_by.email,
        "programme": line.programme.name if line.programme_id else "Landesprogramm WIR",
        "funding_line": line.name,
        "project_title": application.title,
        "application_date": timezone.localdate(application.submitted_at)
        if application.submitted_at
        else issued,
        "signatory_name": _name(decision.approved_by),
        "signatory_title": "Bewilligungsbehörde",
    }


# ANBest-P Nr. 1.4 (federal wording): money may be called down only for payments due within six
# weeks after payout. The Hessian value was not found (verify HE; brief B3): a line's own value is
# read from its payment rules when the payments app keeps one (`line.payment_rules`).
DEFAULT_CALL_DOWN_WEEKS = 6
_NUMBER_WORDS = {
    1: "einer",
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}
# Local authorities get the ANBest-GK (VV zu § 44 LHO, annex for Gebietskörperschaften and their
# Zusammenschlüsse, e.g. Zweckverbände); every other recipient the ANBest-P.
LOCAL_AUTHORITY_KINDS = frozenset(
    {OrganisationKind.MUNICIPALITY, OrganisationKind.DISTRICT, OrganisationKind.ZWECKVERBAND}
)


def anbest_kind_for(organisation) -> str:
    """ANBest-GK for Gemeinden/Städte, Landkreise and Zweckverbände, ANBest-P for all others."""
    return AnbestKind.GK if organisation.kind in LOCAL_AUTHORITY_KINDS else AnbestKind.P


def letter_anbest(decision: GrantDecision, *, on: date) -> AnbestVersion:
    """The ANBest version the Bescheid of `on` embeds. A Bescheid without its ANBest is not
    complete (the Nebenbestimmungen are part of it, § 36 HVwVfG), so none on record is refused."""
    kind = anbest_kind_for(decision.application.organisation)
    version = anbest_version_on(kind, on)
    if version is None or (version.document_id is None and not version.is_demo):
        raise NotAllowed(
            _(
                "Für den %(date)s ist keine Fassung der ANBest-%(kind)s hinterlegt; der "
                "Zuwendungsbescheid kann ohne sie nicht erlassen werden. Bitte laden Sie die "
                "geltende Fassung auf der Seite „ANBest-Fassungen“ hoch."
            )
            % {"date": format_date(on, "SHORT_DATE_FORMAT"), "kind": kind}
        )
    return version


def _call_down_weeks(line) -> int:
    rules = getattr(line, "payment_rules", None)  # payments app, a later layer: no import
    return int(getattr(rules, "call_down_weeks", None) or DEFAULT_CALL_DOWN_WEEKS)


def _weeks_text(weeks: int) -> str:
    word = _NUMBER_WORDS.get(weeks, str(weeks))
    return "einer Woche" if weeks == 1 else f"{word} Wochen"


def _plan_lines(items) -> list[dict[str, Any]]:
    """The application's cost rows, for a decision that has no eligible costs per row."""
    return [
        {
            "label": selectors.cost_item_label(item),
            "requested": item.real_costs,
            "eligible": item.real_costs,
            "reason": "",
        }
        for item in items
    ]


def _legal_basis(line) -> list[str]:
    """§§ 23, 44 LHO with the VV zu § 44, the programme's guideline and the IntTG (domain 3.1)."""
    items = [
        "§§ 23 und 44 der Hessischen Landeshaushaltsordnung (LHO) und die "
        "Verwaltungsvorschriften zu § 44 LHO"
    ]
    guideline = (line.programme.legal_basis or "").strip() if line.programme_id else ""
    if guideline:
        items.append(guideline)
    if "IntTG" not in guideline:
        items.append(
            "§§ 11 und 12 des Hessischen Integrations- und Teilhabegesetzes (IntTG) vom "
            "22. März 2023"
        )
    return items


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in text).strip("-")


def annex_names(reference: str, anbest_kind: str) -> dict[str, str]:
    """File names of the files embedded in the Zuwendungsbescheid (PDF/A-3 associated files)."""
    return {
        "anbest": f"ANBest-{anbest_kind}.pdf",
        "declaration": f"Erklaerung-zum-Zuwendungsbescheid-{_safe_name(reference)}.pdf",
    }


def letter_context(
    decision: GrantDecision,
    *,
    issued: date,
    deadline: date | None,
    bekanntgabe: date | None = None,
    delivery: str = Delivery.POST,
    anbest: AnbestVersion | None = None,
) -> dict:
    """Plain data for `documents/decision_letter.html` (deadline and Bekanntgabe are known at
    issue for a letter by post, not for one offered for download).

    The decided figures (period, yearly amounts, eligible costs per row, proof-of-use date and
    rule, partial reasons) come from the decision; a decision made before the decision form had
    them falls back to the application's period and cost plan.
    """
    application = decision.application
    organisation = application.organisation
    line = application.line
    decided_lines: list[dict[str, Any]] = [
        {"label": c.label, "requested": c.requested, "eligible": c.eligible, "reason": c.reason}
        for c in decision.cost_lines.all()
    ]
    items, sources = selectors.plan_of(application)
    plan_lines = decided_lines or _plan_lines(items)
    own = [
        (s.name or str(s.get_kind_display()), to_money(s.amount or 0))
        for s in sources
        if s.kind == FundingSourceKind.OWN
    ]
    third = [
        (s.name or str(s.get_kind_display()), to_money(s.amount or 0))
        for s in sources
        if s.kind == FundingSourceKind.THIRD_PARTY
    ]
    amount = to_money(decision.amount or 0)
    partial = decision.outcome == Outcome.PARTIAL
    financing = str(line.financing_type)
    own_total = sum((value for _n, value in own), Decimal(0))
    third_total = sum((value for _n, value in third), Decimal(0))
    requested_costs = sum((row["requested"] for row in plan_lines), Decimal(0))
    if decision.eligible_costs is not None:
        eligible = to_money(decision.eligible_costs)
    elif partial and financing in {"fehlbedarf", "voll"}:
        # a decision without eligible costs per row (before the decision form had them): a cut
        # gap grant means lower eligible costs, A = Z + E (ANBest-P Nr. 2.1.2)
        eligible = amount + own_total + third_total
    else:
        eligible = sum((row["eligible"] for row in plan_lines), Decimal(0))
    if not decided_lines and eligible != requested_costs:
        # no row claims an eligible amount the case worker did not decide for it
        plan_lines = [{**row, "eligible": None} for row in plan_lines]
    period_start = decision.period_start or application.period_start
    period_end = decision.period_end or application.period_end
    rule = decision.proof_of_use_rule or line.proof_of_use_rule
    proof_deadline = decision.proof_of_use_due or (
        proof_of_use_due(rule, period_end) if period_end else None
    )
    proof_rule = (
        "Der Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis) ist "
        f"{proof_of_use_rule_text(rule)} vorzulegen"
    )
    kind = anbest_kind_for(organisation)
    anbest = anbest or letter_anbest(decision, on=issued)
    common = letter_common(decision, issued=issued)
    names = annex_names(common["reference"] or "", kind)
    weeks = _call_down_weeks(line)
    return {
        **common,
        "amount": amount,
        "requested_amount": decision.requested_amount,
        "purpose_text": (line.description or "").strip(),
        "programme_purpose": (line.programme.description or "").strip()
        if line.programme_id
        else "",
        "financing_type": financing,
        "funding_share": line.rate,
        "period_start": period_start,
        "period_end": period_end,
        "year_amounts": decision.year_amount_list,
        "eligible_costs": eligible,
        "eligible_cost_lines": plan_lines,
        "requested_costs": requested_costs,
        "own_funds": own,
        "own_total": own_total,
        "third_funds": third,
        "third_total": third_total,
        "total_financing": own_total + third_total + amount,
        "nebenbestimmungen": "anbest_gk" if kind == AnbestKind.GK else "anbest_p",
        "anbest": {
            "kind": kind,
            "short_name": f"ANBest-{kind}",
            "title": anbest.title,
            "version_date": anbest.version_date,
            "source": anbest.source,
            "is_demo": anbest.is_demo,
        },
        "annex_names": names,
        "legal_basis": _legal_basis(line),
        "call_down_period": _weeks_text(weeks),
        "conditions": decision.condition_list,
        "acceptance_deadline": deadline,
        "bekanntgabe": bekanntgabe,
        "delivery": str(delivery),
        "proof_of_use_deadline": proof_deadline,
        "proof_of_use_rule_text": proof_rule,
        "partial": partial,
        "partial_reasons": decision.reason_paragraphs if partial else [],
        "account_holder": organisation.account_holder,
        "iban_display": " ".join(
            organisation.iban[i : i + 4] for i in range(0, len(organisation.iban or ""), 4)
        ),
        "bank_name": organisation.bank_name,
    }


def letter_attachments(context: dict, anbest: AnbestVersion) -> list[EmbeddedFile]:
    """The ANBest version and the prefilled acceptance declaration, embedded in the PDF/A-3
    Zuwendungsbescheid as associated files (rendered before any write transaction)."""
    names = context["annex_names"]
    declaration = render_pdf("documents/acceptance_declaration.html", context)
    return [
        EmbeddedFile(
            name=names["anbest"],
            content=anbest_content(anbest),
            description=f"Anlage 1: {anbest.title}, Fassung vom {anbest.version_date:%d.%m.%Y}",
            relationship="Supplement",
        ),
        EmbeddedFile(
            name=names["declaration"],
            content=declaration,
            description="Anlage 2: Erklärung zum Zuwendungsbescheid (Annahmeerklärung)",
            relationship="Supplement",
        ),
    ]


def rejection_letter_context(decision: GrantDecision, *, issued: date) -> dict:
    """Plain data for `documents/rejection_letter.html`: the case worker's reasons by paragraph."""
    paragraphs = [p.strip() for p in decision.reasons.split("\n\n") if p.strip()]
    return {
        **letter_common(decision, issued=issued),
        "requested_amount": decision.requested_amount or None,
        "reasons": [" ".join(p.split()) for p in paragraphs],
    }


def _rejection_letter(decision: GrantDecision, *, by, pdf: bytes) -> tuple[bytes, str]:
    """Store the rendered Ablehnungsbescheid (PDF/A) on the decision; returns PDF and name."""
    application = decision.application
    filename = f"Ablehnungsbescheid-{application.reference}.pdf"
    decision.letter = document_store_generated(
        content=pdf,
        filename=filename,
        attach_to=decision,
        kind=REJECTION_KIND,
        by=by,
        label=f"Ablehnungsbescheid {application.reference}",
    )
    decision.issued_at = timezone.now()
    return pdf, filename


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

    The letter is rendered before the write transaction (no PDF rendering under row locks); the
    transaction checks the state again under the lock, so of two concurrent issues one wins and
    the other's rendering is discarded unstored.
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
    return _issue_with_letter(
        decision=decision,
        by=by,
        pdf=pdf,
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
    pdf: bytes,
    today: date,
    delivery: str,
    bekanntgabe: date | None,
    deadline: date | None,
) -> GrantDecision:
    decision = _lock_decision(decision)
    _check_issuable(decision, delivery)
    application = decision.application
    letter = document_store_generated(
        content=pdf,
        filename=f"Zuwendungsbescheid-{application.reference}.pdf",
        attach_to=decision,
        kind=LETTER_KIND,
        by=by,
        label=f"Zuwendungsbescheid {application.reference}",
        embedded_pdfs=True,  # ANBest and acceptance declaration as PDF/A-3 associated files
    )
    decision.issue()
    decision.letter = letter
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
            "letter": str(letter.public_id),
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
    )
    return decision


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


# --- acceptance on paper, deadline extension, reinstatement (§§ 31, 32, 41 HVwVfG) ------------

SCAN_KIND = "annahmeerklaerung"
SCAN_FILE_KINDS = ("pdf", "jpeg", "png")
# § 32 Abs. 2 Satz 1 HVwVfG: the request within two weeks after the obstacle ended
REINSTATEMENT_REQUEST_DAYS = 14
# § 32 Abs. 3 HVwVfG: not after one year since the end of the missed deadline (but force majeure)
REINSTATEMENT_YEAR_MONTHS = 12


def _short(day: date) -> str:
    return format_date(day, "SHORT_DATE_FORMAT")


def _mail_date(day: date | None) -> str:
    return format_date(day, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE) if day else ""


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


def _bind_again(decision: GrantDecision, *, by) -> None:
    """Bind again the money the lapse released (`_end` → `budget_release`), with the ledger's
    `budget_commit` as at the approval. The ledger allows one commitment per source and year, so
    the new binding gets the decision's next key (`binding_round`). Not enough free money left
    raises `BudgetExceeded` with the figures and nothing changes."""
    application = decision.application
    decision.binding_round += 1
    try:
        # the same budgets as at the approval: that year's Ansatz and its VE (§ 38 LHO)
        approved_year = (
            timezone.localdate(decision.approved_at).year if decision.approved_at else None
        )
        _commit(
            decision,
            by=by,
            note=f"Erneute Bindung {application.reference}",
            on_year=approved_year or timezone.localdate().year,
        )
    except BudgetExceeded as error:
        raise BudgetExceeded(
            _(
                "Die beim Unwirksamwerden freigegebenen Mittel können nicht wieder gebunden "
                "werden: %(reason)s"
            )
            % {"reason": error.message}
        ) from error


def _bring_back(decision: GrantDecision, *, by) -> None:
    """A lapsed decision is in force again: money bound again, back to `issued`."""
    others = GrantDecision.objects.filter(
        application_id=decision.application_id, status__in=ACTIVE
    ).exclude(pk=decision.pk)
    if others.exists():
        raise NotAllowed(_("Für diesen Antrag liegt inzwischen eine andere Entscheidung vor."))
    _bind_again(decision, by=by)
    decision.reinstate()
    decision.ended_at = None
    decision.ended_reason = ""


def _refuse_revoked(decision: GrantDecision) -> None:
    if decision.status == DecisionStatus.REVOKED:
        raise NotAllowed(_("Ein widerrufener Bescheid kann nicht wieder in Kraft gesetzt werden."))


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
    )
    if acceptance_made_up:
        assert received_on is not None
        _accept_on_paper(decision, by=by, received_on=received_on, scan=scan)
    return decision
