"""Daily: participants' personal data is erased once an event's retention period has passed.
Every 10 minutes: places held for unconfirmed registrations (double opt-in) whose hold ran out go
back, and the waiting list moves on."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _purge() -> int:
    from .services import purge_personal_data

    return len(purge_personal_data())


def _release_holds() -> int:
    from .services import release_expired_holds

    return release_expired_holds()


JOBS = [
    Job("events_purge_personal_data", every=timedelta(hours=24), run=_purge),
    Job("events_release_expired_holds", every=timedelta(minutes=10), run=_release_holds),
]
