"""What a Widerruf does to the budget, as a pure function (brief D5).

A Widerruf releases only the part of the commitment that was not paid (and is no longer needed
for the grant that remains); what was paid above the remaining grant becomes a receivable
(Erstattungsanspruch, § 49a Abs. 1 HVwVfG), with interest (`interest.compute_interest`).

TODO(integrator): the ledger bookings (release, receivable, repayment) are wired when the payments
app lands (h_pay): the paid amounts per decision come from there. Today `decisions.services`
releases the whole commitment on a Widerruf; this function gives the amounts to book instead.
"""

from dataclasses import dataclass
from decimal import Decimal

from wirportal.core.money import to_money

ZERO = Decimal("0")


@dataclass(frozen=True)
class RevocationEffect:
    remaining_grant: Decimal
    release: Decimal  # committed money given back to the line's free budget
    receivable: Decimal  # paid money to be repaid (plus interest)


def revocation_effect(
    *, committed: Decimal, paid: Decimal, granted: Decimal, revoked: Decimal | None = None
) -> RevocationEffect:
    """`revoked`: the part of the grant revoked (None = the whole grant, a full Widerruf).

    Brief D5: commitment 6,500, payments 4,000, full Widerruf → release 2,500 and a receivable of
    4,000; the line's free money rises by 2,500, not by 6,500."""
    committed, paid, granted = to_money(committed), to_money(paid), to_money(granted)
    revoked = granted if revoked is None else min(max(to_money(revoked), ZERO), granted)
    remaining = granted - revoked
    # Still bound: the remaining grant, or what was paid if more (until it is repaid).
    release = max(committed - max(remaining, paid), ZERO)
    receivable = max(paid - remaining, ZERO)
    return RevocationEffect(to_money(remaining), to_money(release), to_money(receivable))
