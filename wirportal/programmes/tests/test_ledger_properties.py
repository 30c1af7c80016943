"""Hypothesis over the budget ledger (§ 34 LHO: no payment without money bound for it).

Random sequences of commitments, payments, releases, Widerruf bookings (brief D5) and repayments
through the services of programmes.services; after every booking:

- paid never exceeds what is committed for the source, and is never negative;
- the sums the selectors show (`ledger_sums`, `budget_overview`, `budget_totals`) equal the sum
  of the bookings the services returned.
"""

import contextlib
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirportal.core.exceptions import DomainError
from wirportal.programmes import selectors, services
from wirportal.programmes.models import BudgetYear, LedgerEntry, LedgerKind

from .factories import FundingLineFactory, LineBudgetFactory

pytestmark = pytest.mark.django_db

YEAR = 2027
SOURCES = ("application:1", "application:2", "application:3")
SIGN = {
    LedgerKind.COMMITMENT: ("committed", 1),
    LedgerKind.RELEASE: ("committed", -1),
    LedgerKind.PAYMENT: ("paid", 1),
    LedgerKind.REPAYMENT: ("paid", -1),
}

amounts = st.decimals(min_value=D("0.01"), max_value=D("4000"), places=2)
sources = st.sampled_from(SOURCES)
# "release" gives back part of the commitment (partial approval, withdrawal of a remainder);
# "revoke" books a full Widerruf the D5 way: only the unpaid part of the commitment is released.
bookings = st.one_of(
    st.tuples(st.just("commit"), sources, amounts),
    st.tuples(st.just("pay"), sources, amounts),
    st.tuples(st.just("repay"), sources, amounts),
    st.tuples(st.just("release"), sources, amounts),
    st.tuples(st.just("revoke"), sources, st.just(D(0))),
)
# the same sequences without the unguarded partial release (see the xfail below)
guarded_bookings = bookings.filter(lambda booking: booking[0] != "release")
# one source, payments and releases of a random share (0.01-1) of what is bound: commit, pay
# and a release of more than the unpaid rest meet often enough for 30 examples
shares = st.decimals(min_value=D("0.01"), max_value=D("1"), places=2)
one_source = st.one_of(
    st.tuples(st.just("commit"), st.just(SOURCES[0]), amounts),
    *(st.tuples(st.just(kind), st.just(SOURCES[0]), shares) for kind in ("pay_", "release_")),
)


@pytest.fixture
def staff(world):
    return world.users["programme_staff"]


@pytest.fixture
def line(staff):
    line = FundingLineFactory()
    BudgetYear.objects.create(programme=line.programme, year=YEAR, total=D("1000000"))
    LineBudgetFactory(line=line, year=YEAR, amount=D("10000"))
    return line


def _source_sums(source_key: str) -> dict[str, D]:
    sums = {"committed": D(0), "paid": D(0)}
    for entry in LedgerEntry.objects.filter(source_key=source_key):
        column, sign = SIGN[LedgerKind(entry.kind)]
        sums[column] += sign * entry.amount
    return sums


def _book(line, staff, kind: str, source_key: str, amount: D) -> list[LedgerEntry]:
    """One booking through the services; a refused one (DomainError) books nothing."""
    if amount <= 0 and kind != "revoke":
        return []
    try:
        if kind == "commit":
            return services.budget_commit(
                line=line, year_amounts={YEAR: amount}, source_key=source_key, by=staff
            )
        if kind in ("pay", "repay"):
            entry = services.budget_book_payment(
                line=line,
                year=YEAR,
                amount=amount,
                source_key=source_key,
                by=staff,
                repayment=kind == "repay",
            )
            return [entry]
        if kind == "release":
            return services.budget_release(
                line=line, source_key=source_key, by=staff, year_amounts={YEAR: amount}
            )
        sums = _source_sums(source_key)
        if kind in ("pay_", "release_"):  # a share of what is bound
            part = (sums["committed"] * amount).quantize(D("0.01"))
            return _book(line, staff, kind.rstrip("_"), source_key, part)
        # a full Widerruf (D5, as settlement.budget.revocation_effect computes it; programmes
        # may not import settlement): only the unpaid part of the commitment is released
        release = max(sums["committed"] - sums["paid"], D(0))
        if release <= 0:
            return []
        return services.budget_release(
            line=line, source_key=source_key, by=staff, year_amounts={YEAR: release}
        )
    except DomainError:
        return []


def _run(line, staff, sequence) -> None:
    LedgerEntry.objects.all().delete()
    booked = {"committed": D(0), "paid": D(0)}
    seen: set[int] = set()
    for kind, source_key, amount in sequence:
        for entry in _book(line, staff, kind, source_key, amount):
            if entry.pk in seen:
                continue  # an idempotent commitment returns the entries booked before
            seen.add(entry.pk)
            column, sign = SIGN[LedgerKind(entry.kind)]
            booked[column] += sign * entry.amount
        for key in SOURCES:
            sums = _source_sums(key)
            assert D(0) <= sums["paid"] <= sums["committed"], (key, sums)
        budget = line.budgets.get(year=YEAR)
        assert selectors.ledger_sums([budget.pk])[budget.pk] == booked
        rows = selectors.budget_overview(year=YEAR)
        (row,) = [r for r in rows if r.line == line and not r.is_office and not r.is_ve]
        assert (row.committed, row.paid) == (booked["committed"], booked["paid"])
        assert row.free == budget.amount - booked["committed"]
        totals = selectors.budget_totals(rows)
        assert (totals.committed, totals.paid) == (booked["committed"], booked["paid"])


PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY_SETTINGS
@given(sequence=st.lists(guarded_bookings, min_size=1, max_size=12))
def test_paid_never_exceeds_committed_and_the_overview_adds_up_the_bookings(line, staff, sequence):
    _run(line, staff, sequence)


# Found by the property below (failed first): budget_release checked the amount against what
# was bound, not bound - paid: commit 0.01, pay 0.01, release 0.01 left committed 0.00 < paid 0.01
# (brief D5). budget_release now refuses to release paid money.


@settings(PROPERTY_SETTINGS, derandomize=True)
@given(sequence=st.lists(one_source, min_size=1, max_size=12))
def test_a_release_never_takes_back_money_already_paid(line, staff, sequence):
    _run(line, staff, sequence)


def test_release_of_paid_money_minimal_example(line, staff):
    """The minimal example of the property above, as a plain test."""
    services.budget_commit(line=line, year_amounts={YEAR: D("0.01")}, source_key="a:1", by=staff)
    services.budget_book_payment(line=line, year=YEAR, amount=D("0.01"), source_key="a:1", by=staff)
    with contextlib.suppress(DomainError):  # refusing is the fix
        services.budget_release(
            line=line, source_key="a:1", by=staff, year_amounts={YEAR: D("0.01")}
        )
    sums = _source_sums("a:1")
    assert sums["committed"] >= sums["paid"], sums
