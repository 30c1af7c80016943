"""Run the periodic jobs of all apps (see wirportal/core/scheduling.py).

Exactly one scheduler runs the jobs, however many are started: each asks for the database lease
"scheduler" (core.leases: a row taken by one conditional UPDATE, on SQLite and PostgreSQL alike)
before every round and before every job, and renews it so. A second scheduler finds the lease
held and stays idle, asking again every interval; when the first stops cleanly (SIGTERM, Ctrl+C)
it releases the lease and the second takes over at its next look; when the first dies, the lease
expires after `--lease` seconds and the second takes over then.
"""

import signal
import sys
import threading
import time
from datetime import timedelta

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone

from wirportal.core.leases import lease_acquire, lease_release, new_holder_id
from wirportal.core.scheduling import registered_jobs

LEASE_NAME = "scheduler"


class Command(BaseCommand):
    help = "Führt die regelmäßigen Aufgaben aller Fachbereiche aus (z. B. Löschfristen)."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.holder = new_holder_id()
        self.lease = timedelta(seconds=300)
        self.active: bool | None = None  # None: not asked yet

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Alle fälligen Aufgaben einmal ausführen."
        )
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Sekunden zwischen zwei Prüfungen."
        )
        parser.add_argument(
            "--lease",
            type=float,
            default=None,
            help="Sekunden, nach denen ein abgestürzter Scheduler ersetzt wird "
            "(Standard: fünf Intervalle, mindestens 300).",
        )

    def handle(self, *args, once=False, interval=60.0, lease=None, **options):
        self.lease = timedelta(seconds=lease if lease is not None else max(5 * interval, 300))
        # a service manager stops us with SIGTERM: leave through `finally`, releasing the lease
        previous = None
        if not once and threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while True:
                self.run_due_jobs()
                if once:
                    return
                time.sleep(interval)
        finally:
            self.release()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def release(self) -> None:
        if self.active:
            lease_release(LEASE_NAME, holder=self.holder)
            self.active = False
            self.stdout.write("Scheduler beendet, Sperre freigegeben.")

    def _hold_lease(self) -> bool:
        held = lease_acquire(LEASE_NAME, holder=self.holder, duration=self.lease)
        if held != self.active:
            self.active = held
            self.stdout.write(
                "Scheduler aktiv (Sperre erhalten)."
                if held
                else "Ein anderer Scheduler ist aktiv; dieser wartet."
            )
        return held

    def run_due_jobs(self) -> None:
        if not connection.in_atomic_block:  # tests call this inside their transaction
            close_old_connections()
        if not self._hold_lease():
            return
        now = timezone.now()
        for job in registered_jobs():
            key = f"scheduler:last-run:{job.name}"
            last = cache.get(key)
            if last is not None and now - last < job.every:
                continue
            if not self._hold_lease():  # renewed before each job; lost: the other one runs it
                return
            try:
                result = job.run()
            except Exception as error:  # one failing job must not stop the others
                self.stderr.write(f"{job.name}: Fehler {type(error).__name__}: {error}")
                continue
            cache.set(key, now, timeout=None)
            self.stdout.write(f"{timezone.localtime(now):%d.%m.%Y %H:%M} {job.name}: {result}")
