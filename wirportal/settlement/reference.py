"""Reference data of the settlement app: the Basiszinssatz (§ 247 BGB) per half-year.

Source: the Deutsche Bundesbank's announcements of the Basiszinssatz (published in the
Bundesanzeiger each half-year). The rate changes only on 1 January and 1 July (§ 247 Abs. 1
Satz 2 BGB); one row per half-year, so a half-year that is not on record is refused by
`interest.compute_interest` instead of being guessed. Loaded by the data migration
`settlement/0002_base_rates`; staff add later half-years in the admin.

Not on record here (unknown when this was written, December 2026): 01.01.2026 and 01.07.2026.
"""

from datetime import date
from decimal import Decimal

# -0.88 % from 01.07.2016 until 31.12.2022 (unchanged for thirteen half-years; covers the
# Frankfurt 2017 repayment pattern of brief D3), then the values of brief section D.
BASE_RATES: list[tuple[date, Decimal]] = [
    *(
        (date(year, month, 1), Decimal("-0.88"))
        for year in range(2016, 2023)
        for month in (1, 7)
        if (year, month) != (2016, 1)
    ),
    (date(2023, 1, 1), Decimal("1.62")),
    (date(2023, 7, 1), Decimal("3.12")),
    (date(2024, 1, 1), Decimal("3.62")),
    (date(2024, 7, 1), Decimal("3.37")),
    (date(2025, 1, 1), Decimal("2.27")),
    (date(2025, 7, 1), Decimal("1.27")),
]
