"""British English, 24-hour clock: 25 November 2026 · 25/11/2026 · 14:30."""

DATE_FORMAT = "j F Y"  # 25 November 2026
SHORT_DATE_FORMAT = "d/m/Y"  # 25/11/2026
DATETIME_FORMAT = "j F Y, H:i"  # 25 November 2026, 14:30
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 25/11/2026 14:30 (tables, lists)
TIME_FORMAT = "H:i"  # 14:30
MONTH_DAY_FORMAT = "j F"  # 25 November
YEAR_MONTH_FORMAT = "F Y"  # November 2026
FIRST_DAY_OF_WEEK = 1  # Monday, as in Germany and the UK

WEEKDAY_DATE_FORMAT = "l j F Y"  # Wednesday 25 November 2026
WEEKDAY_DATETIME_FORMAT = "l j F Y, H:i"  # Wednesday 25 November 2026, 14:30
CLOCK_TIME_FORMAT = "H:i"  # 14:30
