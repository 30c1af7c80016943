"""T1/T3 of the reliability brief for the Widerruf bookings (brief D5): a receivable is booked
once and repaid once, whatever arrives at the same moment. PostgreSQL only."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D
from threading import Barrier

import pytest
from django.db import connection, connections

from wirportal.core.exceptions import DomainError
from wirportal.programmes import selectors, services
from wirportal.programmes.models import LedgerEntry, LedgerKind

from .factories import FundingLineFactory, LineBudgetFactory

pytestmark = [
    pytest.mark.postgres,
    # one worker runs the thread-heavy race tests one after another: two at once (50 + 20
    # threads) exceed PostgreSQL's max_connections of 100
    pytest.mark.xdist_group("postgres-races"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="race tests need PostgreSQL"),
]

THREADS = 12
SOURCE = "decision:race"


def _race(function, threads=THREADS):
    barrier = Barrier(threads)

    def run(_i):
        try:
            barrier.wait()
            function()
            return "ok"
        except DomainError:
            return "refused"
        except Exception as error:
            return f"error: {error!r}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run, range(threads)))


@pytest.fixture
def revoked(world):
    """Brief D5 after the full Widerruf: 6,500 bound, 4,000 paid, 2,500 released, 4,000 owed."""
    line = FundingLineFactory()
    LineBudgetFactory(line=line, year=2027, amount=D("10000"))
    by = world.users["case_worker"]
    services.budget_commit(line=line, year_amounts={2027: D("6500")}, source_key=SOURCE, by=by)
    services.budget_book_payment(line=line, year=2027, amount=D("4000"), source_key=SOURCE, by=by)
    services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    return line, by


def _repay(line, by):
    return lambda: services.budget_book_repayment(
        line=line, source_key=SOURCE, amount=D("4000"), by=by
    )


def test_repaid_twice_if_we_disable_the_lock(revoked, monkeypatch):
    """Negative control: without the lock the same receivable is settled more than once."""
    line, by = revoked
    monkeypatch.setattr(services, "DEBUG_SKIP_LOCK", True)
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.3)
    outcomes = _race(_repay(line, by))
    assert outcomes.count("ok") > 1, outcomes


def test_parallel_repayments_settle_the_receivable_once(revoked, monkeypatch):
    line, by = revoked
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.01)
    outcomes = _race(_repay(line, by))
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("refused") == THREADS - 1, outcomes
    position = selectors.source_position(line=line, source_key=SOURCE)
    assert (position.repayments, position.open_receivable, position.bound) == (
        D("4000.00"),
        D(0),
        D(0),
    )


def test_parallel_widerrufe_book_release_and_receivable_once(world, monkeypatch):
    line = FundingLineFactory()
    LineBudgetFactory(line=line, year=2027, amount=D("10000"))
    by = world.users["case_worker"]
    services.budget_commit(line=line, year_amounts={2027: D("6500")}, source_key=SOURCE, by=by)
    services.budget_book_payment(line=line, year=2027, amount=D("4000"), source_key=SOURCE, by=by)
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.01)
    outcomes = _race(
        lambda: services.budget_revoke(line=line, source_key=SOURCE, by=by, remaining=D(0))
    )
    assert outcomes.count("ok") == THREADS, outcomes
    rows = LedgerEntry.objects.filter(source_key=SOURCE)
    assert sum(e.amount for e in rows if e.kind == LedgerKind.RELEASE) == D("2500.00")
    assert sum(e.amount for e in rows if e.kind == LedgerKind.RECEIVABLE) == D("4000.00")
    assert selectors.line_free(line=line, year=2027) == D("6000.00")
