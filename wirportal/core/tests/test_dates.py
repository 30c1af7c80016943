"""Dates in the reader's language: the format modules, the helpers, and a gate on templates."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import get_format_modules

from wirportal.core.dates import format_date, format_span
from wirportal.core.formats import NAMED_FORMATS

BERLIN = ZoneInfo("Europe/Berlin")
STANDARD_FORMATS = (
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
)
ALLOWED = set(STANDARD_FORMATS) | set(NAMED_FORMATS)

# German documents (rendered under translation.override("de")) keep their literal patterns.
GERMAN_DOCUMENTS = {
    "wirportal/applications/templates/applications/receipt.html",
    "wirportal/documents/templates/documents/acceptance_declaration.html",
    "wirportal/documents/templates/documents/letter_base.html",
    "wirportal/documents/templates/documents/decision_letter.html",
    "wirportal/documents/templates/documents/rejection_letter.html",
    "wirportal/documents/templates/documents/hearing_letter.html",
    "wirportal/documents/templates/documents/revocation_letter.html",
    "wirportal/events/templates/events/check_in_list_pdf.html",
}

MOMENT = datetime(2026, 11, 25, 14, 30, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("language", "name", "expected"),
    [
        ("de", "DATE_FORMAT", "25. November 2026"),
        ("de", "SHORT_DATE_FORMAT", "25.11.2026"),
        ("de", "DATETIME_FORMAT", "25. November 2026, 14:30 Uhr"),
        ("de", "SHORT_DATETIME_FORMAT", "25.11.2026 14:30"),
        ("de", "TIME_FORMAT", "14:30"),
        ("de", "CLOCK_TIME_FORMAT", "14:30 Uhr"),
        ("de", "WEEKDAY_DATE_FORMAT", "Mittwoch, 25. November 2026"),
        ("de", "WEEKDAY_DATETIME_FORMAT", "Mittwoch, 25. November 2026, 14:30 Uhr"),
        ("en", "DATE_FORMAT", "25 November 2026"),
        ("en", "SHORT_DATE_FORMAT", "25/11/2026"),
        ("en", "DATETIME_FORMAT", "25 November 2026, 14:30"),
        ("en", "SHORT_DATETIME_FORMAT", "25/11/2026 14:30"),
        ("en", "TIME_FORMAT", "14:30"),
        ("en", "CLOCK_TIME_FORMAT", "14:30"),
        ("en", "WEEKDAY_DATE_FORMAT", "Wednesday 25 November 2026"),
        ("en", "WEEKDAY_DATETIME_FORMAT", "Wednesday 25 November 2026, 14:30"),
    ],
)
def test_named_formats_in_each_language(language, name, expected):
    with translation.override(language):
        rendered = Template('{{ moment|date:"' + name + '" }}').render(Context({"moment": MOMENT}))
    assert rendered == expected


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_language_defines_every_format_in_our_module(language):
    ours = [m for m in get_format_modules(language) if m.__name__.startswith("wirportal.")]
    assert len(ours) == 1, "each language needs wirportal/core/formats/<code>/formats.py"
    missing = [name for name in ALLOWED if not getattr(ours[0], name, None)]
    assert missing == []


def test_a_utc_moment_is_shown_in_berlin_time():
    utc = datetime(2026, 7, 1, 22, 15, tzinfo=ZoneInfo("UTC"))
    assert format_date(utc, "SHORT_DATETIME_FORMAT", language="de") == "02.07.2026 00:15"
    assert format_date(None) == ""
    assert format_date(date(2026, 7, 2), language="en") == "2 July 2026"


def test_a_span_of_one_day_names_the_weekday_once():
    end = datetime(2026, 11, 25, 16, 0, tzinfo=BERLIN)
    assert format_span(MOMENT, end, language="de") == "Mittwoch, 25. November 2026, 14:30–16:00 Uhr"
    assert format_span(MOMENT, end, language="en") == "Wednesday 25 November 2026, 14:30–16:00"


def test_a_span_over_days_gives_both_ends_in_full():
    end = datetime(2026, 11, 26, 9, 5, tzinfo=BERLIN)
    assert (
        format_span(MOMENT, end, language="de")
        == "25. November 2026, 14:30 Uhr – 26. November 2026, 09:05 Uhr"
    )
    assert (
        format_span(MOMENT, end, language="en")
        == "25 November 2026, 14:30 – 26 November 2026, 09:05"
    )


def test_the_timespan_filter_follows_the_active_language():
    template = Template("{{ start|timespan:end }}")
    context = Context({"start": MOMENT, "end": datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN)})
    with translation.override("en"):
        assert template.render(context) == "Wednesday 25 November 2026, 14:30–18:00"


_FILTER = re.compile(r"\|\s*(date|time)\s*:\s*(?P<arg>\"[^\"]*\"|'[^']*'|\S+)")


def _templates():
    root = Path(settings.BASE_DIR)
    for folder in [root / "templates", *sorted((root / "wirportal").glob("*/templates"))]:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt", ".xml", ".ics"}:
                yield path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")


def test_templates_name_their_date_formats_instead_of_writing_patterns():
    offenders = []
    for name, text in _templates():
        for match in _FILTER.finditer(text):
            argument = match.group("arg").strip("\"'")
            if argument not in ALLOWED and name not in GERMAN_DOCUMENTS:
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{name}:{line}: {match.group(0)}")
    assert offenders == [], "use a named format (docs/glossary.md, 'Dates and times')"


def test_the_gate_sees_a_literal_pattern():
    assert _FILTER.search('{{ x|date:"d.m.Y" }}').group("arg") == '"d.m.Y"'
    assert _FILTER.search("{{ x|time:'H:i' }}").group("arg") == "'H:i'"
    assert _FILTER.search("{{ x|date:fmt }}").group("arg") == "fmt"
    assert _FILTER.search('{{ x|date:"SHORT_DATE_FORMAT" }}').group("arg").strip('"') in ALLOWED


def test_the_allow_list_names_existing_documents():
    root = Path(settings.BASE_DIR)
    assert [name for name in GERMAN_DOCUMENTS if not (root / name).is_file()] == []
