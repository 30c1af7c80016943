"""Reads of money out: what a grant may still call down per year, lists, runs."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet, Sum

from wirportal.accounts.roles import Role
from wirportal.core.prepared import PreparedQuery
from wirportal.decisions import selectors as decision_selectors
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.offices.models import OrganisationMembership

from .models import OPEN_OR_PAID, PaymentRequest, PaymentRun, RequestStatus, SetOff

ZERO = Decimal("0.00")
STAFF_ROLES = {Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}


def eligible_costs(decision: GrantDecision) -> Decimal:
    """A: the eligible costs as decided (`GrantDecision.eligible_costs`, which may differ from
    those applied for); for a decision without them, the plan's real costs (brief A11)."""
    if decision.eligible_costs is not None:
        return decision.eligible_costs
    return sum((item.real_costs for item in decision.application.cost_items.all()), ZERO)


@dataclass
class YearPosition:
    """One budget year of a grant: the instalment plan row the recipient sees."""

    year: int
    granted: Decimal  # the yearly amount of the Bescheid
    bound: Decimal  # bound in the ledger for the grant (commitments − releases)
    called: Decimal  # called down and not refused (incl. paid): what is transferred
    paid: Decimal
    called_total: Decimal  # over all years, set-offs consumed included
    set_off: Decimal = ZERO  # earlier years' unspent money the year's call-downs consumed (F2)

    @property
    def available(self) -> Decimal:
        return min(self.granted, self.bound) - self.called - self.set_off

    @property
    def open(self) -> Decimal:
        return self.granted - self.called - self.set_off

    @property
    def available_from(self) -> date:
        return date(self.year, 1, 1)


def _year_amounts(decision: GrantDecision) -> dict[int, Decimal]:
    return {int(y): Decimal(str(a)) for y, a in (decision.year_amounts or {}).items()}


def instalment_plan(decision: GrantDecision) -> list[YearPosition]:
    """Per budget year: yearly amount, bound, called, paid (constant queries)."""
    amounts = _year_amounts(decision)
    requests = PaymentRequest.objects.filter(decision=decision, status__in=OPEN_OR_PAID)
    rows = list(requests.values("budget_year").annotate(s=Sum("amount"), o=Sum("set_off")))
    called = {row["budget_year"]: row["s"] for row in rows}
    set_off = {row["budget_year"]: row["o"] for row in rows}
    paid = {
        row["budget_year"]: row["s"]
        for row in requests.filter(status=RequestStatus.PAID)
        .values("budget_year")
        .annotate(s=Sum("amount"))
    }
    # against the year's Ansatz or, for later years, the Verpflichtungsermächtigung (§ 38 LHO)
    bound = decision_selectors.bound_by_year(decision)
    called_total = sum(called.values(), ZERO) + sum(set_off.values(), ZERO)
    years = sorted(set(amounts) | set(called))
    return [
        YearPosition(
            year=year,
            granted=amounts.get(year, ZERO),
            bound=bound.get(year, ZERO),
            called=called.get(year, ZERO),
            paid=paid.get(year, ZERO),
            called_total=called_total,
            set_off=set_off.get(year, ZERO),
        )
        for year in years
    ]


def year_position(decision: GrantDecision, year: int) -> YearPosition:
    for position in instalment_plan(decision):
        if position.year == year:
            return position
    sums = PaymentRequest.objects.filter(decision=decision, status__in=OPEN_OR_PAID).aggregate(
        s=Sum("amount"), o=Sum("set_off")
    )
    called_total = (sums["s"] or ZERO) + (sums["o"] or ZERO)
    return YearPosition(year, ZERO, ZERO, ZERO, ZERO, called_total)


def open_set_offs_query(decision: GrantDecision) -> QuerySet[SetOff]:
    """Set-offs (Verrechnung, brief F2) no call-down has consumed yet, oldest year first (the
    call-down service locks these rows)."""
    return SetOff.objects.filter(decision=decision, consumed_by__isnull=True).order_by("year", "pk")


def open_set_offs(decision: GrantDecision) -> list[SetOff]:
    return list(open_set_offs_query(decision))


def set_offs_of(decision: GrantDecision) -> list[SetOff]:
    """Every set-off of the grant with the call-down that consumed it (one query)."""
    return list(
        SetOff.objects.filter(decision=decision)
        .select_related("consumed_by")
        .order_by("year", "pk")
    )


def payable_after(decision: GrantDecision, year: int) -> Decimal:
    """What the grant will still pay out after `year`: the yearly amounts of the later years not
    yet called down (nor consumed by a set-off), less the set-offs still waiting for a call-down.
    The "next payment" against which a year's unspent money is set off (brief F2); the money of
    `year` itself cannot be called any more once the year is over (§ 45 LHO, B4). A grant not
    (or no longer) in force pays nothing more (B1, § 49 HVwVfG)."""
    if decision.status != DecisionStatus.ACCEPTED:
        return ZERO
    later = sum(
        (
            max(position.open, ZERO)
            for position in instalment_plan(decision)
            if position.year > year
        ),
        ZERO,
    )
    waiting = sum((row.amount for row in open_set_offs(decision)), ZERO)
    return max(later - waiting, ZERO)


def paid_requests(decision: GrantDecision) -> QuerySet[PaymentRequest]:
    return PaymentRequest.objects.filter(decision=decision, status=RequestStatus.PAID)


def paid_total(decision: GrantDecision) -> Decimal:
    """What was paid out for the grant: the sum of its paid call-downs (one query)."""
    return paid_requests(decision).aggregate(s=Sum("amount"))["s"] or ZERO


def paid_by_year(decision: GrantDecision) -> dict[int, Decimal]:
    """Paid per budget year (the year the payment run was executed, brief B4)."""
    rows = paid_requests(decision).values("budget_year").annotate(s=Sum("amount"))
    return {row["budget_year"]: row["s"] for row in rows.order_by("budget_year")}


def at_disposal_by_year(decision: GrantDecision) -> dict[int, Decimal]:
    """Per budget year the money the recipient had for it: its paid call-downs and the earlier
    years' unspent money they consumed as set-offs (brief F2: a year's balance counts both)."""
    rows = paid_requests(decision).values("budget_year").annotate(s=Sum("amount"), o=Sum("set_off"))
    return {row["budget_year"]: row["s"] + row["o"] for row in rows.order_by("budget_year")}


def payouts(decision: GrantDecision) -> list[tuple[date, Decimal]]:
    """(day paid out, amount) of every paid call-down, oldest first: the start of the interest
    for money not used promptly (§ 49a Abs. 4 HVwVfG) and of a Widerruf for the past."""
    rows = paid_requests(decision).order_by("paid_on", "pk").values_list("paid_on", "amount")
    return [(paid_on, amount) for paid_on, amount in rows if paid_on is not None]


def has_open_requests(decision: GrantDecision) -> bool:
    """A call-down on its way (requested, checked, ordered or in a run), not yet paid."""
    return PaymentRequest.objects.filter(
        decision=decision,
        status__in=[status for status in OPEN_OR_PAID if status != RequestStatus.PAID],
    ).exists()


def is_staff_user(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role in STAFF_ROLES)


def request_list(*, user, status: str = "") -> QuerySet[PaymentRequest]:
    """Staff see every request; a recipient only their organisations' requests."""
    requests = PaymentRequest.objects.select_related(
        "decision__application__organisation", "requested_by", "checked_by", "ordered_by"
    ).order_by("-requested_at", "-pk")
    if not is_staff_user(user):
        requests = requests.filter(
            decision__application__organisation__memberships__user=user
        ).distinct()
    if status:
        requests = requests.filter(status=status)
    return requests


def decisions_to_call(*, user) -> QuerySet[GrantDecision]:
    """Accepted grants of the user's organisations (where a call-down can start)."""
    return (
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED,
            application__organisation__memberships__user=user,
        )
        .select_related("application")
        .distinct()
        .order_by("application__reference")
    )


def request_detail(*, pk: int) -> PaymentRequest:
    return PaymentRequest.objects.select_related(
        "decision__application__organisation",
        "decision__application__line",
        "requested_by",
        "checked_by",
        "ordered_by",
        "refused_by",
    ).get(pk=pk)


def run_list() -> QuerySet[PaymentRun]:
    return PaymentRun.objects.select_related("created_by", "executed_by").order_by(
        "-created_at", "-pk"
    )


def ordered_waiting() -> QuerySet[PaymentRequest]:
    return PaymentRequest.objects.filter(status=RequestStatus.ORDERED).select_related(
        "decision__application__organisation"
    )


def run_detail(*, pk: int) -> PaymentRun:
    return PaymentRun.objects.select_related("created_by", "executed_by").get(pk=pk)


def run_items(run: PaymentRun):
    return run.items.select_related("request__decision__application").order_by("pk")


_DECISION_FOR_CALL_DOWN = PreparedQuery(
    lambda pk, user: (
        GrantDecision.objects.select_related("application")
        # the FSM fields (status) must be loaded: django-fsm reads them on construction
        .only(
            "id", "status", "application_id", "application__status", "application__organisation_id"
        )
        .annotate(
            viewer_is_member=Exists(
                OrganisationMembership.objects.filter(
                    organisation_id=OuterRef("application__organisation_id"), user_id=user
                )
            )
        )
        .filter(pk=pk)
    ),
    pk=int,
    user=int,
)


def decision_for_call_down(*, pk: int, user) -> GrantDecision | None:
    """What the permission check of the call-down page reads (status, whether `user` is a member
    of the recipient organisation, `rules.is_member_of_grantee`): one prepared query
    (core.prepared) of these columns only, on every request; the page body loads the whole
    decision on a cache miss (`decision_for_call_down_page`)."""
    decision = _DECISION_FOR_CALL_DOWN.first(pk=pk, user=user.pk)
    if decision is not None:
        decision.membership_read_for = user.pk  # type: ignore[attr-defined]
    return decision


def decision_for_call_down_page(*, pk: int) -> GrantDecision:
    return GrantDecision.objects.select_related(
        "application__line", "application__organisation"
    ).get(pk=pk)
