"""German (DIN 5008): 25. November 2026 · 25.11.2026 · 14:30 Uhr in prose, 14:30 in tables."""

DATE_FORMAT = "j. F Y"  # 25. November 2026
SHORT_DATE_FORMAT = "d.m.Y"  # 25.11.2026
DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"  # 25. November 2026, 14:30 Uhr
SHORT_DATETIME_FORMAT = "d.m.Y H:i"  # 25.11.2026 14:30 (tables, lists)
TIME_FORMAT = "H:i"  # 14:30 (tables, the start of a range)
MONTH_DAY_FORMAT = "j. F"  # 25. November
YEAR_MONTH_FORMAT = "F Y"  # November 2026

WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Mittwoch, 25. November 2026
WEEKDAY_DATETIME_FORMAT = r"l, j. F Y, H:i \U\h\r"  # Mittwoch, 25. November 2026, 14:30 Uhr
CLOCK_TIME_FORMAT = r"H:i \U\h\r"  # 14:30 Uhr (a time of day in prose)
