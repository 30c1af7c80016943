"""Reads from a PostgreSQL read replica, where one is configured and a page asks for it.

With DATABASE_REPLICA_URL set (config/settings/base.py) the alias "replica" exists and this router
is active. Everything goes to the primary ("default") unless code opts in for a read-heavy page
(public pages, dashboards, open data):

    from wirportal.core.routers import replica_reads

    @replica_reads                      # a whole view (its reads; its writes go to the primary)
    def office_list(request): ...

    with replica_reads():               # or a block inside a selector
        rows = list(Statistic.objects.filter(...))

A replica lags behind the primary (asynchronous streaming replication: usually milliseconds,
seconds under load), so three rules keep a read that a write depends on on the primary:

1. Opt-in only: services (every write and every read a write depends on) never ask for it.
2. Inside a transaction on the primary (`atomic`, `select_for_update`, a service) every read goes
   to the primary, even within `replica_reads()`.
3. Who someone is and what they may do is always read from the primary: sessions, users,
   permissions and groups, API tokens, e-mail addresses and MFA (`PRIMARY_APPS`), the database
   cache table and core's tokens and leases. Their reads fill the shared cache (a session, the
   signed-in person): a lagging replica would bring back a session that was just ended.
4. Read your own writes: a request with an unsafe method (POST, PUT, PATCH, DELETE) sets the
   cookie `wir-primary` for WIR_REPLICA_PIN_SECONDS (default 15: longer than the lag we accept);
   while a browser sends it, its requests read from the primary only (`ReplicaPinMiddleware`).
   So the page after a save shows the saved data, whichever app server answers.

Pages that keep their output in the shared cache fill it from the primary while the content
changed within WIR_REPLICA_PIN_SECONDS (`core.caching.fill_reads`): the entry is stored under the
new content token, which must not carry the replica's older data.

Without a replica (or with WIR_REPLICA_READS off, as in the test settings), `replica_reads` does
nothing and every read goes to "default".
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections

REPLICA = "replica"
# app labels whose reads stay on the primary (rule 3); "django_cache" is the database cache table
PRIMARY_APPS = frozenset({"sessions", "auth", "accounts", "account", "mfa", "django_cache", "core"})
PIN_COOKIE = "wir-primary"
_replica_wanted: ContextVar[bool] = ContextVar("replica_wanted", default=False)
_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


def replica_configured() -> bool:
    """A replica alias exists and opted-in reads may use it (WIR_REPLICA_READS: on with
    DATABASE_REPLICA_URL; off in the test settings, whose "replica" mirrors the test database)."""
    return getattr(settings, "WIR_REPLICA_READS", False) and REPLICA in settings.DATABASES


class _ReplicaReads:
    """Context manager and decorator: reads inside may go to the replica (rules above)."""

    @contextmanager
    def _block(self) -> Iterator[None]:
        token = _replica_wanted.set(True)
        try:
            yield
        finally:
            _replica_wanted.reset(token)

    def __call__(self, view: Callable[..., Any] | None = None):
        if view is None:
            return self._block()

        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            with self._block():
                return view(*args, **kwargs)

        return wrapped


replica_reads = _ReplicaReads()


@contextmanager
def primary_only() -> Iterator[None]:
    """Every read inside goes to the primary, also within `replica_reads`."""
    token = _pinned_to_primary.set(True)
    try:
        yield
    finally:
        _pinned_to_primary.reset(token)


def read_database() -> str:
    """The alias a read would use here and now (for tests and logging)."""
    return ReplicaRouter().db_for_read(None) or "default"


class ReplicaRouter:
    """DATABASE_ROUTERS entry: writes and migrations on the primary, opted-in reads on the replica."""

    def db_for_read(self, model, **hints) -> str | None:
        if (
            _replica_wanted.get()
            and not _pinned_to_primary.get()
            and replica_configured()
            and not connections["default"].in_atomic_block
            and (model is None or model._meta.app_label not in PRIMARY_APPS)
        ):
            return REPLICA
        return None  # the primary

    def db_for_write(self, model, **hints) -> str | None:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool | None:
        return db == "default"  # the replica follows the primary's schema by replication


class ReplicaPinMiddleware:
    """Read your own writes: after an unsafe request the browser reads from the primary for a
    while (cookie `wir-primary`), whichever app server answers. Active only with a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = PIN_COOKIE in request.COOKIES or request.method not in {"GET", "HEAD", "OPTIONS"}
        token = _pinned_to_primary.set(pinned)
        try:
            response = self.get_response(request)
        finally:
            _pinned_to_primary.reset(token)
        if request.method not in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=getattr(settings, "WIR_REPLICA_PIN_SECONDS", 15),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
