"""The task backend of the test settings: django-tasks-db's, plus a worker run right after commit.

A task is a `DBTaskResult` row written in the caller's transaction, exactly as in production (so
tests see the outbox: rolled back with the change, committed with it). Where production's worker
picks the row up a moment after the commit, this backend runs it through the same worker code
from an on-commit callback, so mails reach `mail.outbox` once the transaction commits (or inside
`django_capture_on_commit_callbacks(execute=True)`). Django's ImmediateBackend would instead run
the task inside the transaction, even if that is rolled back afterwards. See ADR 0011.
"""

from functools import partial

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend, TaskResult
from django_tasks_db.models import DBTaskResult

from .worker import ResilientWorker


def run_now(task_id: str) -> None:
    """Run one queued task as `manage.py worker` would (claim, run, record the outcome)."""
    db_task = DBTaskResult.objects.ready().filter(id=task_id).first()
    if db_task is None:  # deferred (run_after), or already run
        return
    db_task.claim("tests")
    ResilientWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=db_task.backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    ).run_task(db_task)


class DatabaseBackendRunAfterCommit(DatabaseBackend):
    def enqueue(self, task, args, kwargs) -> TaskResult:
        result: TaskResult = super().enqueue(task, args, kwargs)
        transaction.on_commit(partial(run_now, result.id))
        return result
