import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db.models.functions import Now

from wirportal.core.leases import lease_acquire, lease_holder, lease_release
from wirportal.core.management.commands import scheduler
from wirportal.core.models import Lease
from wirportal.core.scheduling import Job

pytestmark = pytest.mark.django_db


def test_due_jobs_run_once_per_interval_and_failures_do_not_stop_others(monkeypatch):
    cache.clear()
    calls = []

    def broken():
        raise RuntimeError("kaputt")

    jobs = [
        Job("test-broken", timedelta(hours=1), broken),
        Job("test-count", timedelta(hours=1), lambda: calls.append(1) or len(calls)),
    ]
    monkeypatch.setattr(scheduler, "registered_jobs", lambda: jobs)
    command = scheduler.Command()
    command.run_due_jobs()
    command.run_due_jobs()
    assert calls == [1]  # not due again within the hour
    last = cache.get("scheduler:last-run:test-count")
    cache.set("scheduler:last-run:test-count", last - timedelta(hours=2), timeout=None)
    command.run_due_jobs()
    assert calls == [1, 1]
    assert cache.get("scheduler:last-run:test-broken") is None  # a failed job is retried next time


def _scheduler(monkeypatch, jobs, lease_seconds=300):
    monkeypatch.setattr(scheduler, "registered_jobs", lambda: jobs)
    output = io.StringIO()
    command = scheduler.Command(stdout=output, stderr=io.StringIO())
    command.output = output
    command.lease = timedelta(seconds=lease_seconds)
    return command


def _output(command) -> str:
    return command.output.getvalue()


def test_a_second_scheduler_stays_idle_and_takes_over_when_the_first_stops(monkeypatch):
    cache.clear()
    runs: list[str] = []
    job = Job("test-lease", timedelta(seconds=0), lambda: runs.append("run"))
    first = _scheduler(monkeypatch, [job])
    second = _scheduler(monkeypatch, [job])
    assert first.holder != second.holder

    first.run_due_jobs()
    second.run_due_jobs()
    second.run_due_jobs()
    assert runs == ["run"]  # only the first one ran the job
    assert lease_holder("scheduler") == first.holder
    assert "wartet" in _output(second)

    first.release()  # a clean stop (SIGTERM, Ctrl+C) gives the lease up at once
    assert lease_holder("scheduler") is None
    second.run_due_jobs()
    assert runs == ["run", "run"]
    assert lease_holder("scheduler") == second.holder
    first.run_due_jobs()  # restarted, the first one is now the idle one
    assert runs == ["run", "run"]


def test_a_crashed_scheduler_is_replaced_when_its_lease_expires(monkeypatch):
    cache.clear()
    runs: list[str] = []
    job = Job("test-lease", timedelta(seconds=0), lambda: runs.append("run"))
    crashed = _scheduler(monkeypatch, [job], lease_seconds=300)
    crashed.run_due_jobs()
    waiting = _scheduler(monkeypatch, [job])
    waiting.run_due_jobs()
    assert runs == ["run"]
    # the crashed one never renews: its lease runs out (moved into the past here)
    Lease.objects.filter(name="scheduler").update(expires_at=Now() - timedelta(seconds=1))
    waiting.run_due_jobs()
    assert runs == ["run", "run"]
    assert lease_holder("scheduler") == waiting.holder
    crashed.run_due_jobs()  # back again: finds the lease taken and waits
    assert runs == ["run", "run"]


def test_lease_is_taken_by_one_conditional_update():
    assert lease_acquire("x", holder="a", duration=timedelta(minutes=5))
    assert lease_acquire("x", holder="a", duration=timedelta(minutes=5))  # renewed
    assert not lease_acquire("x", holder="b", duration=timedelta(minutes=5))
    assert not lease_release("x", holder="b")
    assert lease_release("x", holder="a")
    assert lease_acquire("x", holder="b", duration=timedelta(minutes=5))
