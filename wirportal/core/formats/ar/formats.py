"""Arabic (the public finder, issue #17): day/month/year with Western digits, 24 hours."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y، H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"

WEEKDAY_DATE_FORMAT = "l، j F Y"
WEEKDAY_DATETIME_FORMAT = "l، j F Y، H:i"
CLOCK_TIME_FORMAT = "H:i"
