"""Daily: reminders for proofs of use due in 14 days and for overdue ones (idempotent)."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _remind() -> int:
    from .services import proof_reminders_send

    return proof_reminders_send()


JOBS = [Job("settlement_proof_reminders", every=timedelta(hours=24), run=_remind)]
