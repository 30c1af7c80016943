"""Ukrainian (the public finder, issue #17): 25 листопада 2026 · 25.11.2026 · 14:30."""

DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"

WEEKDAY_DATE_FORMAT = "l, j E Y"
WEEKDAY_DATETIME_FORMAT = "l, j E Y, H:i"
CLOCK_TIME_FORMAT = "H:i"
