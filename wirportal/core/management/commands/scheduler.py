"""Run the periodic jobs of all apps (see wirportal/core/scheduling.py)."""

import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone

from wirportal.core.scheduling import registered_jobs


class Command(BaseCommand):
    help = "Führt die regelmäßigen Aufgaben aller Fachbereiche aus (z. B. Löschfristen)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Alle fälligen Aufgaben einmal ausführen."
        )
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Sekunden zwischen zwei Prüfungen."
        )

    def handle(self, *args, once=False, interval=60.0, **options):
        while True:
            self.run_due_jobs()
            if once:
                return
            time.sleep(interval)

    def run_due_jobs(self) -> None:
        if not connection.in_atomic_block:  # tests call this inside their transaction
            close_old_connections()
        now = timezone.now()
        for job in registered_jobs():
            key = f"scheduler:last-run:{job.name}"
            last = cache.get(key)
            if last is not None and now - last < job.every:
                continue
            try:
                result = job.run()
            except Exception as error:  # one failing job must not stop the others
                self.stderr.write(f"{job.name}: Fehler {type(error).__name__}: {error}")
                continue
            cache.set(key, now, timeout=None)
            self.stdout.write(f"{timezone.localtime(now):%d.%m.%Y %H:%M} {job.name}: {result}")
