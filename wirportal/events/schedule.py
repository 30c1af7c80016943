"""Daily: participants' personal data is erased once an event's retention period has passed."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _purge() -> int:
    from .services import purge_personal_data

    return len(purge_personal_data())


JOBS = [Job("events_purge_personal_data", every=timedelta(hours=24), run=_purge)]
