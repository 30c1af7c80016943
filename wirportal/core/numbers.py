"""Numbers as people type them (German or plain: '1.234,50', '1234.5', '12'), parsed strictly.

Only ASCII digits count: Python's `str.isdigit()`, `int()` and `Decimal()` also accept '²', '١٢'
(Arabic-Indic), '１２' (full width) or '1_000', and `int('²')` fails with an English message.
Every refusal raises `InputError` with a translatable message meant for the field (German source,
shown in the reader's language; `stored_error` keeps one in the database as its German source).
A value is checked against its database column after rounding (99999999,999 rounds to
100000000,00, which a DECIMAL(10, 2) column refuses).
"""

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

WHOLE_NUMBER = _("Bitte geben Sie eine ganze Zahl an.")
NUMBER = _("Bitte geben Sie eine Zahl an, z. B. 12,5.")
AMOUNT = _("Bitte geben Sie einen Betrag in Euro an, z. B. 1.234,50.")
NOT_NEGATIVE_NUMBER = _("Bitte geben Sie eine Zahl von 0 oder mehr an.")
NOT_NEGATIVE_AMOUNT = _("Bitte geben Sie einen Betrag von 0 oder mehr an.")
AMOUNT_TOO_LARGE = _("Der Betrag ist zu groß.")
CONTROL_CHARACTER = _(
    "Die Eingabe enthielt ein unzulässiges Steuerzeichen; es wurde entfernt. "
    "Bitte prüfen Sie die Eingabe."
)
GENERIC = _("Bitte prüfen Sie diese Eingabe.")

_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_THOUSANDS = re.compile(r"[0-9]{1,3}\.[0-9]{3}", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def translated(message: Any, params: Mapping[str, Any] | None = None) -> str:
    """`message` in the active language, its `%(name)s` placeholders filled in."""
    text = str(message)
    return text % dict(params) if params else text


def stored_error(message: Any, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A refusal to keep in the database (e.g. `Application.invalid_input`): the German source
    text (the msgid of a lazy message) and its values, never the text in the reader's language;
    `shown_error` translates it when it is displayed."""
    with override(settings.LANGUAGE_CODE):
        entry: dict[str, Any] = {"error": str(message)}
    if params:
        entry["params"] = {name: str(value) for name, value in params.items()}
    return entry


def shown_error(entry: Mapping[str, Any]) -> str:
    """A refusal kept by `stored_error`, in the active language (older entries, stored as
    finished German text, stay German)."""
    source = str(entry.get("error") or "")
    if not source:
        return ""
    params = entry.get("params")
    return gettext(source) % params if params else gettext(source)


class InputError(ValueError):
    """What a person typed cannot be used; the message is shown next to the field.

    `message` is a gettext call (lazy when the refusal may be stored: `stored_error` keeps its
    German source), `params` fills its `%(name)s` placeholders when it is shown."""

    def __init__(self, message: Any, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.params = dict(params or {})

    def __str__(self) -> str:
        return translated(self.message, self.params)


def parse_whole_number(raw: str, *, max_digits: int = 7) -> int | None:
    """A count such as '12'; '' is None."""
    text = (raw or "").strip()
    if not text:
        return None
    if not _DIGITS.fullmatch(text):
        raise InputError(WHOLE_NUMBER)
    if len(text.lstrip("0")) > max_digits:
        raise InputError(
            _("Bitte geben Sie eine Zahl mit höchstens %(digits)s Stellen an."),
            {"digits": max_digits},
        )
    return int(text)


def _fits(value: Decimal, max_digits: int, decimal_places: int) -> bool:
    return value < Decimal(10) ** (max_digits - decimal_places)


def parse_number(raw: str, *, max_digits: int, decimal_places: int) -> Decimal | None:
    """A quantity such as '12,5' or '12.5' (no thousands separators), rounded to the column's
    decimal places; '' is None."""
    text = (raw or "").strip().replace(",", ".")
    if not text:
        return None
    if not _PLAIN.fullmatch(text):
        raise InputError(NUMBER)
    value = Decimal(text)
    if value < 0:
        raise InputError(NOT_NEGATIVE_NUMBER)
    if _fits(value, max_digits, decimal_places):  # else too long to round (28 digits)
        value = value.quantize(Decimal(1).scaleb(-decimal_places), rounding=ROUND_HALF_UP)
    if not _fits(value, max_digits, decimal_places):
        largest = f"{Decimal(10) ** (max_digits - decimal_places) - 1:f}"
        raise InputError(_("Die Zahl ist zu groß (höchstens %(largest)s)."), {"largest": largest})
    return value


def parse_money(raw: str, *, max_digits: int = 14) -> Decimal | None:
    """Accept '1.234,50', '1234,5', '1234.50', '3.000' and '1 234 €', rounded to cents; '' is None."""
    text = re.sub(r"[\s€]", "", raw or "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or _THOUSANDS.fullmatch(text):
        # '1.234.567' and '3.000': thousands points only (three digits after a point are never
        # cents: money has two decimals)
        text = text.replace(".", "")
    if not _PLAIN.fullmatch(text):
        raise InputError(AMOUNT)
    value = Decimal(text)
    if value < 0:
        raise InputError(NOT_NEGATIVE_AMOUNT)
    if _fits(value, max_digits, 2):
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not _fits(value, max_digits, 2):
        raise InputError(AMOUNT_TOO_LARGE)
    return value
