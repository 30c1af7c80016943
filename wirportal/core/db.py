"""Database helpers shared by services that lock rows."""

from django.db import connection


def set_local_lock_timeout(value: str) -> None:
    """On PostgreSQL, wait at most `value` (e.g. '3s') for row locks until this transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [value])
