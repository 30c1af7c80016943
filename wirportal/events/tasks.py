"""Background jobs of the events app (django.tasks; the db_worker runs them)."""

from django.db import close_old_connections, connection
from django.tasks import task


@task()
def purge_event_personal_data_task() -> int:
    from .services import purge_personal_data

    if not connection.in_atomic_block:
        close_old_connections()
    return len(purge_personal_data())
