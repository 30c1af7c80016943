"""Every five minutes: failed mails with attempts left are queued again (services.mails_retry_failed)."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _retry_failed() -> int:
    from .services import mails_retry_failed

    return mails_retry_failed()


JOBS = [Job("mails_retry_failed", every=timedelta(minutes=5), run=_retry_failed)]
