"""Daily: a Stand of the partnership data once a year (services.release_yearly)."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _yearly_release() -> object:
    from .services import release_yearly

    return release_yearly()


JOBS = [Job("partnership_release_yearly", every=timedelta(days=1), run=_yearly_release)]
