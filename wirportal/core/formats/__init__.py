"""Date and time formats per language (settings.FORMAT_MODULE_PATH); rules in docs/glossary.md.

Besides Django's standard names each module defines our named formats (`WEEKDAY_DATE_FORMAT`,
`WEEKDAY_DATETIME_FORMAT`, `CLOCK_TIME_FORMAT`); `django.utils.formats.get_format` finds any name
a format module defines, so templates use them as `|date:"WEEKDAY_DATE_FORMAT"`. Every module
must define every name (a missing one would be printed as a literal pattern); a test checks that.
Input formats, separators and grouping are not set here: they come from Django's own locale.
"""

# the names of our own formats, on top of Django's standard ones
NAMED_FORMATS = ("WEEKDAY_DATE_FORMAT", "WEEKDAY_DATETIME_FORMAT", "CLOCK_TIME_FORMAT")
