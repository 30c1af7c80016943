"""Retention periods as data (brief G; deletion concept after DIN 66398).

Each record class has a period, the event that starts it and its legal basis
(`models.RetentionRule`, maintained by staff; defaults from the data migration). The defaults come
from the federal ANBest-P (verify HE): the recipient keeps receipts and contracts five years after
the proof of use is submitted (ANBest-P Nr. 6, federal wording Nr. 6.5), unless tax or other law
asks for longer; the portal keeps the file at least as long.
"""

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from wirportal.core.dates import add_months


class StartEvent(models.TextChoices):
    """The event a retention period runs from."""

    PROOF_SUBMITTED = "vn_eingereicht", _("Einreichung des (abschließenden) Verwendungsnachweises")
    SETTLEMENT_CLOSED = "abgeschlossen", _("Abschluss der Förderakte")


def retention_end(start: date, years: int) -> date:
    """The day the period of `years` ends (§§ 187, 188 Abs. 2 and 3 BGB by analogy: the same date,
    or 28.02. for a 29.02.): G1 proof submitted 10.03.2028 → 10.03.2033."""
    return add_months(start, 12 * years)


def grant_retention_end(
    *, final_proof_submitted: date, interim_proofs: Iterable[date] = (), years: int = 5
) -> date:
    """Retention of a grant's file: the interim proofs of a multi-year grant are kept with the final
    proof and until its end (brief G2: final proof 2031 → 2036), never shorter than their own."""
    ends = [retention_end(final_proof_submitted, years)]
    ends.extend(retention_end(day, years) for day in interim_proofs)
    return max(ends)
