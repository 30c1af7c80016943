"""Reads of the settlement app, each with a constant number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from wirportal.applications.models import FundingSourceKind
from wirportal.applications.selectors import project_years
from wirportal.core.exceptions import DomainError
from wirportal.core.money import to_money
from wirportal.core.prepared import PreparedQuery
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments import selectors as payments
from wirportal.programmes.deadlines import proof_of_use_due
from wirportal.programmes.grants import UnitLine
from wirportal.programmes.models import CapLevel, FundingLine

from . import interest
from .deadlines import YearBalance, interim_proof_due, year_balance
from .final import CostLine, FinalSettlement, Funds, final_grant
from .models import (
    BaseRate,
    GrantClosure,
    LineIndicator,
    LineSettlementRules,
    ProofCostLine,
    ProofIndicatorValue,
    ProofOfUse,
    ProofReceipt,
    ProofStatus,
    Recovery,
    RetentionRule,
)
from .policy import DEFAULT_POLICY, Policy

ZERO = Decimal("0")


def base_rates() -> list[interest.BaseRate]:
    """The Basiszinssatz table on record (one query)."""
    return [row.as_rate() for row in BaseRate.objects.order_by("effective_from")]


def policy_for(line: FundingLine) -> Policy:
    rules = LineSettlementRules.objects.filter(line=line).first()
    return rules.as_policy() if rules is not None else DEFAULT_POLICY


def retention_rule(record_class: str) -> RetentionRule:
    return RetentionRule.objects.get(record_class=record_class)


def due_date_for(decision: GrantDecision, *, year: int | None = None) -> date | None:
    """When the proof of use is due: an interim proof by the line's day of the next year (F2);
    the final one on the date the Bescheid prints (`GrantDecision.proof_of_use_due`, brief C1).
    A decision without it (made before the date was stored) gets the same rule applied to its
    Bewilligungszeitraum: the decision's rule, else the line's (`programmes.deadlines`)."""
    if year is not None:
        return interim_proof_due(year, policy_for(decision.application.line))
    if decision.proof_of_use_due is not None:
        return decision.proof_of_use_due
    period_end = decision.period_end or decision.application.period_end
    if period_end is None:
        return None
    rule = decision.proof_of_use_rule or decision.application.line.proof_of_use_rule
    return proof_of_use_due(rule, period_end)


def proof_for_page(pk: int) -> ProofOfUse | None:
    return (
        ProofOfUse.objects.select_related(
            "decision__application__organisation",
            "decision__application__line",
            "created_by",
            "submitted_by",
            "checked_by",
            "settled_by",
        )
        .prefetch_related(
            Prefetch(
                "cost_lines",
                queryset=ProofCostLine.objects.select_related("cost_item__unit_rate"),
            ),
            Prefetch(
                "decision__application__line__indicators",
                queryset=LineIndicator.objects.order_by("position", "pk"),
                to_attr="indicator_list",
            ),
            Prefetch(
                "indicator_values",
                queryset=ProofIndicatorValue.objects.all(),
                to_attr="indicator_value_list",
            ),
        )
        .filter(pk=pk)
        .first()
    )


_PROOF_FOR_RULES = PreparedQuery(
    lambda pk: (
        ProofOfUse.objects.select_related("decision__application__organisation")
        .only(
            "id",
            "status",
            "year",
            "repayment",
            "decision_id",
            "decision__id",
            "decision__status",
            "decision__application_id",
            "decision__application__id",
            "decision__application__reference",
            "decision__application__status",
            "decision__application__organisation_id",
            "decision__application__organisation__id",
        )
        .filter(pk=pk)
    ),
    pk=int,
)


def proof_for_rules(pk: int) -> ProofOfUse | None:
    """The proof with what the permission rules and the page's head need: one prepared query
    (core.prepared) of the few columns they read."""
    return _PROOF_FOR_RULES.first(pk=pk)


def proof_page_versions(proof: ProofOfUse) -> tuple[str, ...]:
    """The content versions the proof's page shows (core.caching): the proof and its rows, the
    application and its decision, the organisation's name, the line and its indicators."""
    return (
        f"proof:{proof.pk}",
        f"application:{proof.decision.application_id}",
        "organisations",
        "programmes",
    )


def indicators_of(proof: ProofOfUse) -> list[tuple[LineIndicator, Decimal | None]]:
    """The line's indicators in their order with this proof's values (from `proof_for_page`'s
    prefetch: no query; otherwise two)."""
    line = proof.decision.application.line
    indicators = getattr(line, "indicator_list", None)
    if indicators is None:
        indicators = list(LineIndicator.objects.filter(line=line).order_by("position", "pk"))
    values = getattr(proof, "indicator_value_list", None)
    if values is None:
        values = list(proof.indicator_values.all())
    by_indicator = {row.indicator_id: row.value for row in values}
    return [(indicator, by_indicator.get(indicator.pk)) for indicator in indicators]


RECEIPTS_PER_PAGE = 25


def receipts_page(proof: ProofOfUse, number, *, count: int) -> Page:
    """One page of the Belegliste: one query for its rows, also when the list is empty (the
    count comes from `receipts_summary`)."""
    receipts = ProofReceipt.objects.filter(proof=proof).order_by("paid_on", "pk")
    paginator = Paginator(receipts, RECEIPTS_PER_PAGE)
    paginator.count = count  # known: no second COUNT query
    page = paginator.get_page(number)
    bottom = (page.number - 1) * RECEIPTS_PER_PAGE
    page.object_list = list(receipts[bottom : bottom + RECEIPTS_PER_PAGE])
    return page


def receipts_summary(proof: ProofOfUse) -> dict:
    """Count and sum of the Belegliste and the state of its Stichprobe (one query)."""
    return ProofReceipt.objects.filter(proof=proof).aggregate(
        count=Count("pk"),
        total=Sum("amount", default=ZERO),
        in_sample=Count("pk", filter=Q(sampled=True)),
        still_open=Count("pk", filter=Q(sampled=True, sample_verdict="")),
        objected=Count("pk", filter=Q(sampled=True, sample_verdict="beanstandet")),
    )


def sampled_receipts(proof: ProofOfUse) -> list[ProofReceipt]:
    """The receipts drawn for the check, with who checked them (one query)."""
    if proof.sample_drawn_at is None:
        return []
    return list(
        ProofReceipt.objects.filter(proof=proof, sampled=True)
        .select_related("sample_checked_by")
        .order_by("paid_on", "pk")
    )


def proofs_visible_to(user) -> QuerySet[ProofOfUse]:
    """The recipient's members see their organisations' proofs; the granting authority every
    proof that was submitted; everybody else none."""
    from .rules import is_authority

    proofs = ProofOfUse.objects.select_related("decision__application__organisation")
    if not user.is_authenticated:
        return proofs.none()
    mine = Q(decision__application__organisation__memberships__user=user)
    if is_authority(user):
        return proofs.filter(mine | ~Q(status=ProofStatus.DRAFT)).distinct()
    return proofs.filter(mine).distinct()


def decisions_awaiting_proof(user) -> list[GrantDecision]:
    """Accepted decisions of the user's organisations that have no final proof of use yet."""
    if not user.is_authenticated:
        return []
    return list(
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED,
            application__organisation__memberships__user=user,
        )
        .exclude(proofs_of_use__year__isnull=True, proofs_of_use__isnull=False)
        .select_related("application__organisation")
        .distinct()
        .order_by("application__period_end", "pk")
    )


def interim_years(decision: GrantDecision) -> list[int]:
    """The years of a multi-year grant that need an interim proof (Zwischennachweis, brief F2):
    every project year but the last (that one is covered by the final proof)."""
    application = decision.application
    start, end = application.period_start, application.period_end
    if start is None or end is None or end.year <= start.year:
        return []
    return list(range(start.year, end.year))


def interim_proofs_awaiting(user) -> list[tuple[GrantDecision, int]]:
    """(decision, year) pairs of the user's accepted multi-year grants without that year's
    interim proof yet."""
    if not user.is_authenticated:
        return []
    decisions = (
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED, application__organisation__memberships__user=user
        )
        .select_related("application")
        .prefetch_related("proofs_of_use")
        .distinct()
        .order_by("pk")
    )
    result: list[tuple[GrantDecision, int]] = []
    for decision in decisions:
        done = {proof.year for proof in decision.proofs_of_use.all()}
        result.extend((decision, year) for year in interim_years(decision) if year not in done)
    return result


def _lines(proof: ProofOfUse) -> list[ProofCostLine]:
    cache = getattr(proof, "_prefetched_objects_cache", {})
    if "cost_lines" in cache:
        return list(cache["cost_lines"])
    return list(proof.cost_lines.select_related("cost_item__unit_rate"))


def paid_out(decision: GrantDecision) -> Decimal:
    """What was paid out for the grant: its paid call-downs (one query)."""
    return payments.paid_total(decision)


def settlement_for(proof: ProofOfUse) -> FinalSettlement:
    """The final grant from this proof (brief C2–C8, `final.final_grant`), against what was paid
    out for the decision: the sum of its paid call-downs (`payments.selectors.paid_total`)."""
    decision = proof.decision
    paid = paid_out(decision)
    application = decision.application
    line = application.line
    sources = list(application.funding_sources.all())
    planned = Funds(
        own=sum((s.amount or ZERO for s in sources if s.kind == FundingSourceKind.OWN), ZERO),
        third_party=sum(
            (s.amount or ZERO for s in sources if s.kind == FundingSourceKind.THIRD_PARTY), ZERO
        ),
    )
    actual = Funds(own=proof.own_funds or ZERO, third_party=proof.third_party_funds or ZERO)
    lines = _lines(proof)
    cost_lines = [CostLine(row.label, row.planned, row.actual or ZERO) for row in lines]
    unit_lines = [
        UnitLine(
            label=row.cost_item.unit_rate.label,
            units=row.units_held or ZERO,
            amount=row.cost_item.unit_rate.amount,
            max_units=row.cost_item.unit_rate.max_units,
            max_amount=row.cost_item.unit_rate.max_amount,
            count=row.cost_item.count or 1,
        )
        for row in lines
        if row.cost_item is not None and row.cost_item.unit_rate is not None
    ]
    return final_grant(
        financing_type=line.financing_type,
        granted=decision.amount or ZERO,
        paid=paid,
        cost_lines=cost_lines,
        planned_funds=planned,
        actual_funds=actual,
        rate=line.rate,
        cap=line.cap,
        cap_years=project_years(application) if line.cap_level == CapLevel.YEAR else 1,
        unit_lines=unit_lines,
        rounding=line.rounding,
        policy=policy_for(line),
    )


def unused_money_interest_for(proof: ProofOfUse) -> interest.InterestComputation | None:
    """Interest for money not used promptly (§ 49a Abs. 4 HVwVfG, brief D2): the real payout
    days of the grant's payments against the days the Belegliste shows the money spent
    (`interest.unused_money_by_payouts`). None without payments or receipts (a simple proof
    of use has no dates of spending)."""
    paid_out = payments.payouts(proof.decision)
    spent = [(r.paid_on, r.amount) for r in proof.receipts.all()]
    if not paid_out or not spent:
        return None
    return interest.unused_money_by_payouts(
        payouts=paid_out,
        spendings=spent,
        base_rates=base_rates(),
        policy=policy_for(proof.decision.application.line),
    )


@dataclass(frozen=True)
class YearFigures:
    """The money of one year of a multi-year grant as its interim proof shows it (brief F2)."""

    year: int
    paid: (
        Decimal  # paid out for the year (its executed call-downs, set-offs they consumed included)
    )
    spent: Decimal  # spent from the grant in the year (as confirmed by the case worker)
    proposed_spent: Decimal  # what the proof's figures say (`proposed_spent`)
    next_payment: Decimal  # what the later payments can still absorb
    balance: YearBalance
    last_payout: date | None  # the year's last payout: the unspent money's (interest start)


def proposed_spent(proof: ProofOfUse) -> Decimal:
    """What the year's figures say was spent from the grant: the actual costs less the own and
    third-party funds actually used (never below 0). The case worker confirms or corrects it."""
    actual = sum((row.actual or ZERO for row in _lines(proof)), ZERO)
    other = (proof.own_funds or ZERO) + (proof.third_party_funds or ZERO)
    return to_money(max(actual - other, ZERO))


def year_figures(proof: ProofOfUse, *, spent: Decimal | None = None) -> YearFigures:
    """Paid, spent, unspent, set off against the next payment and left to reclaim for the year of
    an interim proof (`deadlines.year_balance`, brief F2), for `spent` or else the figures'
    own (`proposed_spent`). Four queries."""
    assert proof.year is not None
    decision = proof.decision
    paid = payments.at_disposal_by_year(decision).get(proof.year, ZERO)
    proposed = proposed_spent(proof)
    spent = proposed if spent is None else to_money(spent)
    next_payment = payments.payable_after(decision, proof.year)
    days = [day for day, _amount in payments.payouts(decision) if day.year == proof.year]
    return YearFigures(
        year=proof.year,
        paid=paid,
        spent=spent,
        proposed_spent=proposed,
        next_payment=next_payment,
        balance=year_balance(paid=paid, spent=spent, next_payment=next_payment),
        last_payout=max(days) if days else None,
    )


def claimable(decision: GrantDecision, *, exclude: Recovery | None = None) -> Decimal:
    """Paid out and not yet claimed back by another Rückforderung: the most a new one may
    demand (§ 49a Abs. 1 HVwVfG: only what was paid can be owed back)."""
    from django.db.models import Sum

    others = Recovery.objects.filter(decision=decision)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    claimed = others.aggregate(s=Sum("principal"))["s"] or ZERO
    return max(payments.paid_total(decision) - claimed, ZERO)


def recovery_balance(recovery: Recovery, *, on: date) -> interest.Balance:
    """Principal and § 49a interest still open on `on` (two queries: repayments, rates)."""
    return interest.claim_balance(
        principal=recovery.principal,
        effective_from=recovery.effective_from,
        repayments=[(r.received_on, r.amount) for r in recovery.repayments.all()],
        on=on,
        base_rates=base_rates(),
        interest_waived=recovery.interest_waived,
    )


def recovery_for_page(pk: int) -> Recovery | None:
    return (
        Recovery.objects.select_related(
            "decision__application__organisation",
            "proof",
            "created_by",
            "revoked_by",
            "hearing_letter",
            "revocation_letter",
        )
        .prefetch_related("repayments")
        .filter(pk=pk)
        .first()
    )


def settled_proof_of(decision: GrantDecision, pk) -> ProofOfUse | None:
    """The decision's settled proof, or checked interim proof (brief F2: the unspent money the
    next payments cannot absorb), with an amount to repay (to start a Rückforderung from)."""
    if not str(pk or "").isdigit():
        return None
    done = Q(status=ProofStatus.SETTLED) | Q(status=ProofStatus.CHECKED, year__isnull=False)
    return ProofOfUse.objects.filter(done, pk=int(pk), decision=decision, repayment__gt=0).first()


def overdue_or_due_soon(*, today: date, days_before: int) -> list[tuple[GrantDecision, date]]:
    """Accepted decisions whose final proof of use is not submitted and is due within
    `days_before` days or overdue, with the due date (the proof's own, else the WIR rule)."""
    from datetime import timedelta

    decisions = (
        GrantDecision.objects.filter(status=DecisionStatus.ACCEPTED)
        .select_related(
            "application__organisation", "application__line", "proposed_by", "approved_by"
        )
        .prefetch_related(
            "application__organisation__memberships__user",
            Prefetch(
                "proofs_of_use",
                queryset=ProofOfUse.objects.filter(year__isnull=True),
                to_attr="final_proofs",
            ),
        )
    )
    result: list[tuple[GrantDecision, date]] = []
    horizon = today + timedelta(days=days_before)
    for decision in decisions:
        proof = decision.final_proofs[0] if decision.final_proofs else None  # type: ignore[attr-defined]
        if proof is not None and proof.status != ProofStatus.DRAFT:
            continue
        due_on = proof.due_on if proof is not None else due_date_for(decision)
        if due_on is not None and due_on <= horizon:
            result.append((decision, due_on))
    return result


def overdue_proofs(*, today: date) -> list[tuple[GrantDecision, date]]:
    """For the granting authority: final proofs of use past their date and not submitted."""
    return [(d, due) for d, due in overdue_or_due_soon(today=today, days_before=0) if due < today]


RECEIPTS = "belege"


def receipts_retention(*, today: date, ahead_days: int = 0) -> list[tuple[ProofOfUse, date]]:
    """Proofs of use whose Belegliste has passed (or, with `ahead_days`, will pass within that
    many days) its retention end: the `belege` rule (brief G1: 5 years after the final proof was
    submitted, ANBest-P, verify HE); interim proofs are kept until the final one's end (G2)."""
    from datetime import timedelta

    from .retention import grant_retention_end

    rule = RetentionRule.objects.filter(record_class=RECEIPTS).first()
    if rule is None:
        return []
    finals = ProofOfUse.objects.filter(year__isnull=True, submitted_at__isnull=False).values_list(
        "decision_id", "submitted_at"
    )
    ends = {
        decision_id: grant_retention_end(
            final_proof_submitted=timezone.localtime(submitted).date(), years=rule.years
        )
        for decision_id, submitted in finals
    }
    horizon = today + timedelta(days=ahead_days)
    due_decisions = [pk for pk, end in ends.items() if end < horizon]
    proofs = (
        ProofOfUse.objects.filter(decision_id__in=due_decisions, receipts_purged_at__isnull=True)
        .select_related("decision__application")
        .order_by("pk")
    )
    return [(proof, ends[proof.decision_id]) for proof in proofs]


# --- Closing the grant's file (Abschluss der Förderakte) ------------------------------------


@dataclass(frozen=True)
class ClosureState:
    """Whether a grant's file can be closed, and why not (issue #11: "a grant is closed when its
    proof is checked and all money settled")."""

    closure: GrantClosure | None
    proof: ProofOfUse | None  # the final proof of use
    blockers: list[str]
    revoked: bool = False  # revoked in full: closed by the refund, without a proof of use

    @property
    def closed(self) -> bool:
        return self.closure is not None

    @property
    def can_close(self) -> bool:
        return self.closure is None and not self.blockers


def closure_state(decision: GrantDecision) -> ClosureState:
    """What stands in the way of closing the file (seven queries, whatever the number of rows):

    - the final proof of use is not settled (Schlussabrechnung, brief C) — unless the grant is
      revoked in full, then all that was paid must be claimed back instead;
    - a call-down is on its way: requested, checked, ordered or in a payment run that is not
      executed (refused and paid ones are done);
    - part of the final grant is still to be paid out;
    - a Rückforderung is not closed (hearing, or principal or § 49a interest open), or the
      amount to repay from the settlement is not (fully) reclaimed;
    - an interim proof's amount to reclaim is not (fully) reclaimed (brief F2);
    - the ledger still holds an open receivable for the grant (brief D5).

    Messages in the reader's language; amounts formatted as money."""
    from django.utils.translation import gettext as _

    from wirportal.core.money import format_eur
    from wirportal.programmes.selectors import source_position

    from .models import RecoveryStatus

    closure = GrantClosure.objects.filter(decision=decision).select_related("closed_by").first()
    proof = ProofOfUse.objects.filter(decision=decision, year__isnull=True).first()
    # A grant revoked in full (§ 49 Abs. 3 HVwVfG, Widerruf for the past) no longer stands: no
    # proof of use is owed for it (Nr. 6 ANBest-P asks it for a grant as paid and used), only
    # the refund of all that was paid (§ 49a Abs. 1 HVwVfG), which the checks below hold open.
    revoked = decision.status == DecisionStatus.REVOKED
    blockers: list[str] = []
    if revoked:
        pass
    elif proof is None:
        blockers.append(_("Es liegt noch kein Verwendungsnachweis vor."))
    elif proof.status != ProofStatus.SETTLED:
        blockers.append(
            _("Der Verwendungsnachweis ist noch nicht abgerechnet (Stand: %(status)s).")
            % {"status": proof.get_status_display()}
        )
    if payments.has_open_requests(decision):
        blockers.append(
            _(
                "Ein Mittelabruf ist noch in Bearbeitung (abgerufen, geprüft, angeordnet oder im "
                "Zahllauf); er muss ausgezahlt oder abgelehnt sein."
            )
        )
    paid = payments.paid_total(decision)
    if (
        proof is not None
        and proof.final_grant is not None
        and not revoked
        and proof.final_grant > paid
    ):
        blockers.append(
            _("Von der endgültigen Zuwendung sind noch %(amount)s nicht ausgezahlt.")
            % {"amount": format_eur(proof.final_grant - paid)}
        )
    recoveries = list(Recovery.objects.filter(decision=decision).order_by("created_at", "pk"))
    for recovery in recoveries:
        if recovery.status != RecoveryStatus.CLOSED:
            blockers.append(
                _("Die Rückforderung über %(amount)s ist nicht erledigt (%(status)s).")
                % {
                    "amount": format_eur(recovery.principal),
                    "status": recovery.get_status_display(),
                }
            )
    reclaimed = sum((r.principal for r in recoveries), ZERO)
    if revoked and reclaimed < paid:
        blockers.append(
            _(
                "Die Zuwendung ist widerrufen; von den ausgezahlten %(paid)s sind %(open)s noch "
                "nicht zurückgefordert."
            )
            % {"paid": format_eur(paid), "open": format_eur(paid - reclaimed)}
        )
    if (
        not revoked
        and proof is not None
        and proof.repayment
        and not proof.small_amount_waived
        and reclaimed < proof.repayment
    ):
        blockers.append(
            _(
                "Die Schlussabrechnung ergab eine Erstattung von %(amount)s; davon sind "
                "%(open)s noch nicht zurückgefordert."
            )
            % {
                "amount": format_eur(proof.repayment),
                "open": format_eur(proof.repayment - reclaimed),
            }
        )
    # brief F2: a year's unspent money is set off against a later payment or reclaimed
    interim = (
        ProofOfUse.objects.filter(
            decision=decision, year__isnull=False, repayment__gt=0, small_amount_waived=False
        )
        .annotate(claimed=Sum("recoveries__principal"))
        .order_by("year")
    )
    for row in interim:
        owed, claimed = row.repayment or ZERO, row.claimed or ZERO
        if claimed < owed:
            blockers.append(
                _(
                    "Der Zwischennachweis %(year)s ergab eine Erstattung von %(amount)s; davon "
                    "sind %(open)s noch nicht zurückgefordert."
                )
                % {
                    "year": row.year,
                    "amount": format_eur(owed),
                    "open": format_eur(owed - claimed),
                }
            )
    # a set-off that no call-down consumed is no obstacle: it kept the rest of the grant from
    # being paid (a need up to it is refused), and the final settlement weighs what was paid
    line = decision.application.line
    receivable = source_position(line=line, source_key=decision.source_key).open_receivable
    if receivable > 0:
        blockers.append(
            _("Im Haushalt ist noch eine Forderung von %(amount)s offen.")
            % {"amount": format_eur(receivable)}
        )
    return ClosureState(closure=closure, proof=proof, blockers=blockers, revoked=revoked)


def retention_start(decision: GrantDecision, event: str) -> date | None:
    """The day a retention period of `event` starts for a grant (brief G; `RetentionRule`):
    the submission of the final proof of use, or the closing of the file (`GrantClosure`).
    None while the event has not happened."""
    from .retention import StartEvent

    if event == StartEvent.SETTLEMENT_CLOSED:
        closed = (
            GrantClosure.objects.filter(decision=decision)
            .values_list("closed_at", flat=True)
            .first()
        )
        return timezone.localtime(closed).date() if closed is not None else None
    if event == StartEvent.PROOF_SUBMITTED:
        submitted = (
            ProofOfUse.objects.filter(decision=decision, year__isnull=True)
            .values_list("submitted_at", flat=True)
            .first()
        )
        return timezone.localtime(submitted).date() if submitted is not None else None
    raise ValueError(event)


def set_off_of(proof: ProofOfUse):
    """The set-off (`payments.SetOff`) an interim proof's year balance registered, if any."""
    return next(
        (row for row in payments.set_offs_of(proof.decision) if row.year == proof.year), None
    )


def set_off_interest_shown(proof: ProofOfUse) -> tuple[interest.InterestComputation | None, str]:
    """`set_off_interest` for the proof's page: (the computation or None, "") or, where it cannot
    be computed yet (a Basiszinssatz not on record), (None, the reason)."""
    try:
        return set_off_interest(proof), ""
    except DomainError as error:
        return None, str(error.message)


def set_off_interest(proof: ProofOfUse) -> interest.InterestComputation | None:
    """Interest for the money set off (brief F2 with D2, § 49a Abs. 4 HVwVfG): it was paid with
    the year's last payout and is used for its purpose once a call-down consumes the set-off,
    for the payments due by that call-down's day (`PaymentRequest.needed_on`): interest "für die
    Zeit bis zur zweckentsprechenden Verwendung" (`interest.unused_money_interest`, the line's
    window and start). The authority may charge it (discretion). None while no call-down has
    consumed the set-off; a DomainError where a Basiszinssatz is not on record."""
    row = set_off_of(proof)
    if row is None or row.consumed_by is None:
        return None
    days = [day for day, _amount in payments.payouts(proof.decision) if day.year == proof.year]
    if not days:
        return None
    return interest.unused_money_interest(
        paid_on=max(days),
        uses=[(row.consumed_by.needed_on, row.amount)],
        base_rates=base_rates(),
        policy=policy_for(proof.decision.application.line),
    )
