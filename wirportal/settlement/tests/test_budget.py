"""Worked example D5: a Widerruf releases only the unpaid commitment; the paid part is owed."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from wirportal.settlement.budget import revocation_effect


def test_d5_full_widerruf_releases_the_unpaid_part_only():
    effect = revocation_effect(committed=D("6500"), paid=D("4000"), granted=D("6500"))
    assert (effect.release, effect.receivable, effect.remaining_grant) == (
        D("2500.00"),
        D("4000.00"),
        D("0.00"),
    )


def test_partial_widerruf_keeps_the_remaining_grant_bound():
    """Grant 6,500 cut by 800 (C2): with 4,000 paid the remaining 5,700 stays bound (1,700 may
    still be paid) and 800 are released; with everything paid 800 are owed, nothing released."""
    part = revocation_effect(
        committed=D("6500"), paid=D("4000"), granted=D("6500"), revoked=D("800")
    )
    assert (part.release, part.receivable) == (D("800.00"), D("0.00"))
    paid = revocation_effect(
        committed=D("6500"), paid=D("6500"), granted=D("6500"), revoked=D("800")
    )
    assert (paid.release, paid.receivable) == (D("0.00"), D("800.00"))


money = st.decimals(min_value=0, max_value=1_000_000, places=2)


@given(
    granted=money, paid_share=st.decimals(0, 1, places=2), revoked_share=st.decimals(0, 1, places=2)
)
def test_release_plus_still_bound_plus_receivable_add_up(granted, paid_share, revoked_share):
    paid = (granted * paid_share).quantize(D("0.01"))
    revoked = (granted * revoked_share).quantize(D("0.01"))
    effect = revocation_effect(committed=granted, paid=paid, granted=granted, revoked=revoked)
    still_bound = granted - effect.release
    # committed never below paid; what stays bound covers the remaining grant and what was paid
    assert still_bound >= paid
    assert still_bound == max(effect.remaining_grant, paid)
    assert effect.receivable == max(paid - effect.remaining_grant, D(0))
