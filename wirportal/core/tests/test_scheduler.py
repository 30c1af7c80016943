from datetime import timedelta

import pytest
from django.core.cache import cache

from wirportal.core.management.commands import scheduler
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
