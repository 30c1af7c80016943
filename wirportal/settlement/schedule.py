"""Daily, both idempotent: reminders for proofs of use due in 14 days and for overdue ones;
deletion of Beleglisten whose retention period has ended (brief G)."""

from datetime import timedelta

from wirportal.core.scheduling import Job


def _remind() -> int:
    from .services import proof_reminders_send

    return proof_reminders_send()


def _purge() -> int:
    from .services import receipts_retention_purge

    return receipts_retention_purge()


JOBS = [
    Job("settlement_proof_reminders", every=timedelta(hours=24), run=_remind),
    Job("settlement_receipts_retention", every=timedelta(hours=24), run=_purge),
]
