"""Periodic jobs without cron: apps declare them in `schedule.py`, `manage.py scheduler` runs them.

An app's `schedule.py` defines `JOBS = [Job(name, every=timedelta(...), run=callable)]`. The
scheduler process (started by `make run`; a systemd service in production) calls each job when it is
due and remembers the last run in the database cache, so a restart does not repeat a job early.
Jobs must be idempotent: running one twice changes nothing the second time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]


@cache
def registered_jobs() -> list[Job]:
    jobs: list[Job] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wirportal."):
            continue
        try:
            module = import_module(f"{config.name}.schedule")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.schedule":
                raise
            continue
        jobs.extend(module.JOBS)
    return jobs
