"""Named leases in the database: one holder at a time across processes and servers.

Used by `manage.py scheduler` so that exactly one scheduler runs the periodic jobs however many
are started (several app servers, each with its own service unit; a second one stays idle).

Why a lease row and not a PostgreSQL advisory lock: the same mechanism works on the embedded
default (SQLite) and on PostgreSQL, through the ORM only, and it does not depend on one database
connection staying open (the scheduler closes old connections between runs, which would drop a
session-level advisory lock silently). Taking and renewing is one conditional UPDATE ("set me as
holder where I am the holder or the lease has expired"), which the database applies atomically:
two schedulers cannot both see "expired" and both win. A lease that is not renewed expires, so a
scheduler that crashed (killed, machine lost) is replaced after at most the lease's duration; a
scheduler that stops cleanly releases it at once. Times come from the database's clock
(`Now()`), so app servers with clocks apart cannot steal a live lease.
"""

import os
import socket
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Now

from .models import Lease


def new_holder_id() -> str:
    """Unique per process start: host, process id and a random part (pids repeat)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_acquire(name: str, *, holder: str, duration: timedelta) -> bool:
    """Take or renew the lease `name` for `duration`; False while someone else holds it."""
    expires = Now() + duration
    taken = (
        Lease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(expires_at__lt=Now()))
        .update(holder=holder, expires_at=expires)
    )
    if taken:
        return True
    if Lease.objects.filter(name=name).exists():
        return False
    try:
        with transaction.atomic():
            Lease.objects.create(name=name, holder=holder, expires_at=expires)
    except IntegrityError:  # another process created it first
        return False
    return True


def lease_release(name: str, *, holder: str) -> bool:
    """Give the lease up now (only the holder can); the next one to ask takes it."""
    return bool(Lease.objects.filter(name=name, holder=holder).delete()[0])


def lease_holder(name: str) -> str | None:
    """The current holder of a lease that has not expired, else None."""
    return (
        Lease.objects.filter(name=name, expires_at__gte=Now())
        .values_list("holder", flat=True)
        .first()
    )
