"""Background work of the reports app (django.tasks; `manage.py worker` runs it)."""

from django.db import close_old_connections, connection
from django.tasks import task


@task()
def build_report_task(*, run_id: int) -> None:
    from .services import report_run_build

    if not connection.in_atomic_block:
        close_old_connections()
    report_run_build(run_id=run_id)
