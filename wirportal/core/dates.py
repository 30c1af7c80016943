"""Dates in words for the active language, from the format modules in `core/formats/`.

Templates use `|date:"<NAME>"` with a format name, never a literal pattern (a gate test checks);
Python code uses these helpers. Mails are German: their callers pass `language=`.
"""

from contextlib import nullcontext
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.formats import date_format


def _local(value: date) -> date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(
    value: date | None, name: str = "DATE_FORMAT", *, language: str | None = None
) -> str:
    """A date or datetime in the named format (e.g. `SHORT_DATETIME_FORMAT`), local time."""
    if value is None:
        return ""
    with translation.override(language) if language else nullcontext():
        return date_format(_local(value), name)


def format_span(start: datetime, end: datetime | None, *, language: str | None = None) -> str:
    """From start to end: one day as "Mittwoch, 25. November 2026, 14:30–16:00 Uhr", several days
    as "25. November 2026, 14:30 Uhr – 26. November 2026, 16:00 Uhr" (German; English alike)."""
    with translation.override(language) if language else nullcontext():
        start = _local(start)  # type: ignore[assignment]
        if end is None:
            return date_format(start, "DATETIME_FORMAT")
        end = _local(end)  # type: ignore[assignment]
        if start.date() == end.date():
            day = date_format(start, "WEEKDAY_DATE_FORMAT")
            begin = date_format(start, "TIME_FORMAT")
            return f"{day}, {begin}–{date_format(end, 'CLOCK_TIME_FORMAT')}"
        return f"{date_format(start, 'DATETIME_FORMAT')} – {date_format(end, 'DATETIME_FORMAT')}"
