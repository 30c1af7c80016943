"""Dates in words for the active language, from the format modules in `core/formats/`.

Templates use `|date:"<NAME>"` with a format name, never a literal pattern (a gate test checks);
Python code uses these helpers. Mails are German: their callers pass `language=`.
"""

import calendar
from contextlib import nullcontext
from datetime import date, datetime, timedelta

import holidays
from django.conf import settings
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


# --- deadlines (Fristen) ---------------------------------------------------------------------

# § 41 Abs. 2 Satz 1 HVwVfG: a letter sent by post in Germany counts as bekanntgegeben on the
# third day after it was posted. The federal § 41 Abs. 2 VwVfG says the fourth day since 2025
# (Postrechtsmodernisierungsgesetz); should Hessen follow, set WIR_BEKANNTGABE_POST_DAYS = 4.
BEKANNTGABE_POST_DAYS = 3
# § 41 Abs. 2a Satz 4 HVwVfG: a Verwaltungsakt offered for download that is not downloaded within
# ten days after the notice of its provision is not bekanntgegeben (the offer ends).
BEKANNTGABE_PORTAL_DAYS = 10


def add_months(day: date, months: int) -> date:
    """The day with the same number `months` later, or the last day of that month if it is
    shorter (§ 188 Abs. 2 and 3 BGB, applied through § 31 Abs. 1 HVwVfG)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_working_day(day: date) -> date:
    """A deadline ending on a Saturday, Sunday or Hessian public holiday ends on the next working
    day (§ 31 Abs. 3 Satz 1 HVwVfG). 24.12. and 31.12. are no holidays."""
    hessian = holidays.Germany(subdiv="HE", years=range(day.year, day.year + 2))
    while day.weekday() >= 5 or day in hessian:
        day += timedelta(days=1)
    return day


def bekanntgabe_by_post(posted: date) -> date:
    """Day a letter posted on `posted` is bekanntgegeben (§ 41 Abs. 2 Satz 1 HVwVfG): the third
    day after posting (setting WIR_BEKANNTGABE_POST_DAYS). The fiction day itself is not moved off
    weekends; only the deadline that runs from it is (§ 31 Abs. 3 HVwVfG)."""
    days = getattr(settings, "WIR_BEKANNTGABE_POST_DAYS", BEKANNTGABE_POST_DAYS)
    return posted + timedelta(days=days)


def portal_offer_ends(notice_sent: date) -> date:
    """Last day on which a download still bekanntgibt a letter offered in the portal: the tenth
    day after the notice of its provision (§ 41 Abs. 2a Satz 4 HVwVfG; § 187 Abs. 1 BGB, the
    day of the notice is not counted)."""
    return notice_sent + timedelta(days=BEKANNTGABE_PORTAL_DAYS)


def bekanntgabe_by_download(notice_sent: date, downloaded: date) -> date | None:
    """Day a letter offered for download is bekanntgegeben: the day after the recipient's first
    download (§ 41 Abs. 2a Satz 3 HVwVfG); None if it was not downloaded within ten days after the
    notice (Satz 4: then there is no Bekanntgabe, and no deadline runs)."""
    if downloaded > portal_offer_ends(notice_sent):
        return None
    return downloaded + timedelta(days=1)


def acceptance_deadline_after(bekanntgabe: date) -> date:
    """End of "within one month after Bekanntgabe" (§ 31 Abs. 1 HVwVfG with §§ 187 ff. BGB): the
    day of the Bekanntgabe is not counted (§ 187 Abs. 1 BGB), the month ends on the day with the
    same number (§ 188 Abs. 2 BGB) or the month's last day (§ 188 Abs. 3 BGB), moved off weekends
    and Hessian holidays (§ 31 Abs. 3 HVwVfG)."""
    return next_working_day(add_months(bekanntgabe, 1))
