"""The background worker: django-tasks-db's worker, made to survive database errors, with a beat.

django-tasks-db's `db_worker` ignores `database is locked` only while it picks a task; the same
error anywhere else in its loop (starting the transaction, reconnecting, marking a task done)
ends the process, and no mail goes out until someone restarts it (issue #9). `ResilientWorker`
runs the library's own loop in batch mode (drain the queue, return when it is empty) inside a loop
of its own that catches database errors, closes the connections and tries again with exponential
backoff. After every drained queue and every task it records a beat in the shared database cache;
`/healthz` reports its age and the age of the oldest task waiting (`queue_health()`).
"""

import logging
import random
import time
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.db.models import Min
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

BEAT_KEY = "worker:last-beat"
MAX_BACKOFF = 60.0  # seconds between two attempts while the database fails

logger = logging.getLogger("wirportal.worker")


def record_beat() -> None:
    cache.set(BEAT_KEY, timezone.now(), timeout=None)


def last_beat() -> datetime | None:
    return cache.get(BEAT_KEY)


def oldest_waiting_since() -> datetime | None:
    """When the longest-waiting ready task became due (enqueued, or its `run_after` passed)."""
    ready = DBTaskResult.objects.ready()
    never_deferred = ready.filter(run_after=get_date_max()).aggregate(since=Min("enqueued_at"))
    deferred = ready.exclude(run_after=get_date_max()).aggregate(since=Min("run_after"))
    moments = [m for m in (never_deferred["since"], deferred["since"]) if m is not None]
    return min(moments) if moments else None


def age_seconds(moment: datetime | None, now: datetime) -> float | None:
    return None if moment is None else max((now - moment) / timedelta(seconds=1), 0.0)


class _QuietDrains(logging.Filter):
    """The library logs start and end of every drain; keep the first start, drop the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.started = False

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith("No more tasks to run"):
            return False
        if message.startswith("Starting worker"):
            seen, self.started = self.started, True
            return not seen
        return True


class ResilientWorker(Worker):
    """`Worker` of django-tasks-db that outlives database errors (see the module docstring).

    `batch=True` keeps its meaning (stop when the queue is empty); `max_tasks` too.
    """

    def __init__(self, *, batch: bool, startup_delay: bool, **kwargs) -> None:
        super().__init__(batch=True, startup_delay=False, **kwargs)
        self.stop_when_empty = batch
        self.delay_start = startup_delay
        self.tasks_run = 0

    def run(self) -> None:
        quiet = _QuietDrains()
        logging.getLogger("django_tasks_db").addFilter(quiet)
        try:
            self._run()
        finally:
            logging.getLogger("django_tasks_db").removeFilter(quiet)

    def _run(self) -> None:
        if self.delay_start and self.interval:
            time.sleep(random.random())  # noqa: S311 - spread the start of several workers
        backoff = self._first_backoff()
        while self.running:
            try:
                super().run()  # batch mode: returns once the queue is empty
                record_beat()
            except DatabaseError as error:
                logger.warning(
                    "Worker: Datenbankfehler %s: %s - neuer Versuch in %.1f s",
                    type(error).__name__,
                    error,
                    backoff,
                )
                connections.close_all()  # reconnect from scratch on the next attempt
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            backoff = self._first_backoff()
            if self.stop_when_empty or self._max_tasks_reached():
                return
            if self.running:
                time.sleep(self.interval)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        self.tasks_run += 1
        record_beat()

    def _first_backoff(self) -> float:
        return min(max(self.interval, 0.5), MAX_BACKOFF)

    def _max_tasks_reached(self) -> bool:
        return self.max_tasks is not None and self.tasks_run >= self.max_tasks
