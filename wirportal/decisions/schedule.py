"""Daily: decisions not accepted within the deadline lapse and release their budget."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _lapse_overdue() -> int:
    from .services import decisions_lapse_overdue

    return decisions_lapse_overdue()


JOBS = [Job("decisions_lapse_overdue", every=timedelta(hours=24), run=_lapse_overdue)]
