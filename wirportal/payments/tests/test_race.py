"""T3 (reliability brief): a request is never paid twice, not by two runs built at the same
moment, not by executing a run twice, not by a retried or parallel call-down (PostgreSQL only),
with negative controls that show the races without the row locks."""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from threading import Barrier

import pytest
from django.db import connection, connections
from django.db.models import Sum

from wirportal.payments import services
from wirportal.payments.models import PaymentRequest, PaymentRun, PaymentRunItem, RequestStatus
from wirportal.programmes.models import LedgerEntry, LedgerKind

pytestmark = [
    pytest.mark.postgres,
    # one worker runs the thread-heavy race tests one after another: two at once (50 + 20
    # threads) exceed PostgreSQL's max_connections of 100
    pytest.mark.xdist_group("postgres-races"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="race tests need PostgreSQL"),
]

TODAY = date(2027, 3, 2)


def _run(jobs):
    barrier = Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            job()
            return "ok"
        except Exception as error:
            return type(error).__name__
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def _call(grant, user, amount, token=None):
    return lambda: services.payment_request_create(
        decision=grant,
        by=user,
        amount=Decimal(amount),
        needed_on=date(2027, 4, 1),
        due_expenses=Decimal("8000.00"),
        token=token or uuid.uuid4(),
        today=TODAY,
    )


@pytest.fixture
def ordered(world, grant, second_case_worker):
    payments = []
    for amount in ("1950.00", "812.50", "100.00"):
        payment = _call(grant, world.users["applicant_a"], amount)()
        services.payment_request_check(payment=payment, by=world.users["case_worker"])
        payments.append(services.payment_request_order(payment=payment, by=second_case_worker))
    return payments


def _build(user):
    return lambda: services.payment_run_build(by=user, execution_date=date(2027, 3, 5))


def test_two_runs_at_the_same_moment_pay_each_request_once(world, ordered, monkeypatch):
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.2)
    staff = [world.users["programme_staff"], world.users["case_worker"]] * 2
    outcomes = _run([_build(user) for user in staff])
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) == {"ok", "DomainError"}, outcomes  # "nothing ordered", no crash
    assert PaymentRun.objects.count() == 1
    assert PaymentRunItem.objects.count() == 3
    run = PaymentRun.objects.get()
    assert run.total == Decimal("2862.50") == PaymentRunItem.objects.aggregate(s=Sum("amount"))["s"]
    assert set(PaymentRequest.objects.values_list("status", flat=True)) == {RequestStatus.IN_RUN}


def test_negative_control_without_the_lock_two_runs_take_the_same_requests(
    world, ordered, monkeypatch
):
    """With the lock off both runs pass the check and take the same requests; only the
    database (a request is in one run: one-to-one) stops the second file, as a crash."""
    monkeypatch.setattr(services, "DEBUG_SKIP_LOCK", True)
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.5)
    staff = [world.users["programme_staff"], world.users["case_worker"]]
    outcomes = _run([_build(user) for user in staff])
    assert "DomainError" not in outcomes, outcomes  # nobody was refused at the check
    assert "IntegrityError" in outcomes, outcomes  # the constraint catches the double payment
    assert PaymentRunItem.objects.count() == 3  # still: each request in exactly one file


def test_executing_a_run_twice_in_parallel_books_once(world, ordered, monkeypatch):
    run = services.payment_run_build(
        by=world.users["programme_staff"], execution_date=date(2027, 3, 5)
    )
    jobs = [
        (
            lambda user=user: services.payment_run_execute(
                run=PaymentRun.objects.get(pk=run.pk), by=user, today=date(2027, 3, 5)
            )
        )
        for user in [world.users["programme_staff"], world.users["case_worker"]] * 2
    ]
    outcomes = _run(jobs)
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) == {"ok", "NotAllowed"}, outcomes
    paid = LedgerEntry.objects.filter(kind=LedgerKind.PAYMENT).aggregate(s=Sum("amount"))["s"]
    assert paid == Decimal("2862.50")


def test_parallel_call_downs_never_exceed_the_grant(world, grant, monkeypatch):
    """6,500 granted: four parallel calls of 2,000 each; at most three get through."""
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.1)
    outcomes = _run([_call(grant, world.users["applicant_a"], "2000.00") for _ in range(4)])
    assert outcomes.count("ok") == 3, outcomes
    assert set(outcomes) == {"ok", "DomainError"}, outcomes
    called = PaymentRequest.objects.aggregate(s=Sum("amount"))["s"]
    assert called == Decimal("6000.00") <= grant.amount


def test_negative_control_without_the_lock_parallel_call_downs_exceed_the_grant(
    world, grant, monkeypatch
):
    monkeypatch.setattr(services, "DEBUG_SKIP_LOCK", True)
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.5)
    outcomes = _run([_call(grant, world.users["applicant_a"], "4000.00") for _ in range(2)])
    assert "DomainError" not in outcomes, outcomes  # nobody was refused at the check
    called = PaymentRequest.objects.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    # both passed the check: 8,000 called against 6,500 granted (or a crash on the number)
    assert called > grant.amount or "IntegrityError" in outcomes, outcomes


def test_a_retried_call_down_sent_twice_at_once_is_one_request(world, grant):
    token = uuid.uuid4()
    outcomes = _run([_call(grant, world.users["applicant_a"], "1000.00", token) for _ in range(3)])
    assert outcomes == ["ok"] * 3, outcomes
    assert PaymentRequest.objects.count() == 1


# --- Verrechnung (brief F2): one open set-off, consumed by one call-down only ---------------


@pytest.fixture
def set_off(world):
    """F2: 120,000 a year for 2026 and 2027; 8,000 of 2026 unspent waits for the next payment."""
    from .factories import f2_grant

    decision = f2_grant(world)
    return services.set_off_register(
        decision=decision,
        year=2026,
        amount=Decimal("8000.00"),
        by=world.users["case_worker"],
        source="Zwischennachweis 2026",
    )


def _need(set_off, user, amount):
    return lambda: services.payment_request_create(
        decision=set_off.decision,
        by=user,
        amount=Decimal(amount),
        needed_on=date(2027, 5, 20),
        due_expenses=None,
        token=uuid.uuid4(),
        today=date(2027, 5, 10),
    )


def _later(job, seconds):
    def run():
        time.sleep(seconds)
        job()

    return run


def test_parallel_call_downs_consume_an_open_set_off_once(world, set_off, monkeypatch):
    """Two call-downs of 30,000 with 8,000 set off, the second starting while the first waits
    after its check: only one carries the set-off."""
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.5)
    user = world.users["applicant_a"]
    first, second = _need(set_off, user, "30000.00"), _need(set_off, user, "30000.00")
    outcomes = _run([first, _later(second, 0.25)])
    assert outcomes == ["ok", "ok"], outcomes
    requests = PaymentRequest.objects.filter(decision=set_off.decision, budget_year=2027)
    assert sorted(requests.values_list("set_off", flat=True)) == [0, Decimal("8000.00")]
    assert requests.aggregate(s=Sum("amount"))["s"] == Decimal("52000.00")  # 60,000 − 8,000
    set_off.refresh_from_db()
    assert set_off.consumed_by_id == requests.get(set_off__gt=0).pk


def test_negative_control_without_the_lock_the_set_off_is_consumed_twice(
    world, set_off, monkeypatch
):
    """With the locks off the second call-down reads the set-off while the first has not yet
    written: both deduct the 8,000, withheld twice from the recipient."""
    monkeypatch.setattr(services, "DEBUG_SKIP_LOCK", True)
    monkeypatch.setattr(services, "DEBUG_SLEEP_AFTER_CHECK", 0.5)
    user = world.users["applicant_a"]
    first, second = _need(set_off, user, "30000.00"), _need(set_off, user, "30000.00")
    outcomes = _run([first, _later(second, 0.25)])
    assert outcomes == ["ok", "ok"], outcomes
    deducted = PaymentRequest.objects.filter(budget_year=2027).aggregate(s=Sum("set_off"))["s"]
    assert deducted == Decimal("16000.00")
