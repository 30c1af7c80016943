"""The Stichprobe of the Belegliste for the check of a proof of use (VV Nr. 11.1 zu § 44 BHO
federal: the receipts are checked "stichprobenweise"; Hessian share not known, verify HE: a
setting per line, `Policy.sample_percent` and `sample_min`).

Worked example (defaults 10 %, at least 5): 3 receipts → all 3; 12 → 5; 80 → 8; 123 → 13
(10 % rounded up)."""

import math
import random
from decimal import Decimal


def sample_size(count: int, *, percent: Decimal, minimum: int) -> int:
    """How many of `count` receipts are checked: `percent` of them rounded up, at least
    `minimum`, all of them if there are fewer."""
    if count <= 0:
        return 0
    share = math.ceil(Decimal(count) * percent / 100)
    return min(count, max(minimum, share))


def draw(receipt_ids: list[int], *, seed: int, size: int) -> list[int]:
    """The receipts chosen for the sample: the same seed and Belegliste give the same choice
    (ids sorted first, so the order they were read in does not matter)."""
    ordered = sorted(receipt_ids)
    # reproducible by design: the seed itself comes from `secrets` (services.receipt_sample_draw)
    chooser = random.Random(seed)  # noqa: S311
    return sorted(chooser.sample(ordered, min(size, len(ordered))))
