"""Daily: reports past the period the unit configured are deleted with messages and files."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _purge() -> int:
    from .services import purge_expired

    return purge_expired()


JOBS = [Job("antidiscrimination_purge", every=timedelta(hours=24), run=_purge)]
