"""Parsing what people type into the editor (lenient: keep everything, flag what is not valid)."""

import re
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy

from wirportal.core import numbers

from ..models import (
    MONEY,
    CostCategory,
    CostItem,
    FundingSourceKind,
    OtherFundingStatus,
)


def parse_money(raw: str) -> Decimal | None:
    """Accept '1.234,50', '1234,5', '1234.50' and '1 234 €'; '' is None (core.numbers: ASCII
    digits only, checked against the money columns, DECIMAL(14, 2), after rounding)."""
    return numbers.parse_money(raw, max_digits=MONEY["max_digits"])


_UNITS_COLUMN = CostItem._meta.get_field("units")


def parse_units(raw: str) -> Decimal | None:
    """Units of a unit rate, '12,5'; checked against `CostItem.units` (DECIMAL(10, 2))."""
    return numbers.parse_number(
        raw, max_digits=_UNITS_COLUMN.max_digits, decimal_places=_UNITS_COLUMN.decimal_places
    )


def parse_date(raw: str) -> date | None:
    text = (raw or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise numbers.InputError(gettext_lazy("Bitte geben Sie ein Datum an, z. B. 01.03.2027."))


def parse_count(raw: str) -> int | None:
    return numbers.parse_whole_number(raw, max_digits=7)


def parse_row_count(raw: str) -> int:
    """How many persons, clients, courses or years a unit-rate row stands for; empty means 1."""
    value = numbers.parse_whole_number(raw, max_digits=5)
    if value is None:
        return 1
    if value < 1:
        raise numbers.InputError(gettext_lazy("Bitte geben Sie eine Anzahl von mindestens 1 an."))
    return value


def _text(limit: int | None):
    def parse(raw: str) -> str:
        text = (raw or "").strip()
        if limit is not None and len(text) > limit:
            raise numbers.InputError(
                gettext_lazy("Bitte höchstens %(limit)s Zeichen."), {"limit": limit}
            )
        return text

    return parse


APPLICATION_PARSERS = {
    "title": _text(200),
    "summary": _text(20000),
    "goals": _text(20000),
    "period_start": parse_date,
    "period_end": parse_date,
    "participants_planned": parse_count,
}
COST_PARSERS = {
    "category": lambda raw: raw if raw in CostCategory.values else _bad_choice(),
    "description": _text(200),
    "amount": parse_money,
    "units": parse_units,
    "count": parse_row_count,
}
SOURCE_PARSERS = {
    "kind": lambda raw: raw if raw in FundingSourceKind.values else _bad_choice(),
    "name": _text(200),
    "amount": parse_money,
}
OTHER_PARSERS = {
    "funder": _text(200),
    "amount": parse_money,
    "status": lambda raw: raw if raw in OtherFundingStatus.values else _bad_choice(),
    "on": parse_date,
}
MONEY_LIMIT = Decimal(10) ** (MONEY["max_digits"] - MONEY["decimal_places"])
SUM_TOO_LARGE = gettext_lazy(
    "Die Summe des Kostenplans ist zu groß; bitte prüfen Sie diesen Betrag."
)
ROW_KEY = re.compile(r"^(cost|source|other)-(\d+)-(\w+)$")


def _set(row, attribute: str, value, dirty: set) -> None:
    if getattr(row, attribute) != value:
        setattr(row, attribute, value)
        dirty.add(row)


def _bad_choice():
    raise numbers.InputError(gettext_lazy("Bitte wählen Sie einen Eintrag aus der Liste."))
