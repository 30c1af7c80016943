"""Indicators of the Sachbericht (domain.md 4.2): the defaults per funding line and the check
of a value by its kind. Staff maintain the indicators per line in the admin (`LineIndicator`);
the defaults below are created for a line that has none (data migration 0008 for the lines on
record, `services.line_indicators_ensure` for lines created later)."""

from decimal import Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from wirportal.core import numbers


class Default(NamedTuple):
    key: str
    label: str  # German source; stored as data, staff may change it
    kind: str  # IndicatorKind value
    required: bool


WHOLE, PERCENT, DECIMAL = "ganzzahl", "prozent", "dezimal"

PARTICIPANTS = Default("participants", gettext_noop("Teilnehmende insgesamt"), WHOLE, True)
EVENTS = Default("events", gettext_noop("Durchgeführte Veranstaltungen"), WHOLE, False)

# by `FundingLine.code` (programmes demo/reference lines); other lines get GENERIC
DEFAULTS: dict[str, list[Default]] = {
    "deutsch4u": [
        Default("courses", gettext_noop("Durchgeführte Kurse"), WHOLE, True),
        PARTICIPANTS,
        Default("women_share", gettext_noop("Anteil der Frauen in %"), PERCENT, True),
        Default("teaching_units", gettext_noop("Gehaltene Unterrichtseinheiten"), DECIMAL, True),
    ],
    "lotsen": [
        Default("guides_trained", gettext_noop("Ausgebildete Lotsinnen und Lotsen"), WHOLE, True),
        Default(
            "guide_hours", gettext_noop("Einsatzstunden der Lotsinnen und Lotsen"), DECIMAL, True
        ),
    ],
    "laiendolmetscher": [
        Default("assignments", gettext_noop("Dolmetscheinsätze"), WHOLE, True),
    ],
    "vielfaltszentren": [
        Default("events", gettext_noop("Durchgeführte Veranstaltungen"), WHOLE, True),
        PARTICIPANTS,
    ],
    "gefluechtete-frauen": [PARTICIPANTS],
}
# a line not named above: optional figures until staff decide what the line requires
GENERIC: list[Default] = [PARTICIPANTS._replace(required=False), EVENTS]


def defaults_for(line_code: str) -> list[Default]:
    return DEFAULTS.get(line_code, GENERIC)


PERCENT_RANGE = gettext_noop("Bitte geben Sie einen Prozentwert zwischen 0 und 100 an.")


def parse_value(kind: str, raw: str) -> Decimal | None:
    """What the recipient typed for an indicator of this kind; '' is None. A refusal is an
    `InputError` for the field: whole numbers ≥ 0 without decimals, percent 0–100."""
    if kind == WHOLE:
        whole = numbers.parse_whole_number(raw, max_digits=9)
        return None if whole is None else Decimal(whole)
    value = numbers.parse_number(raw, max_digits=12, decimal_places=2)
    if value is not None and kind == PERCENT and value > 100:
        raise numbers.InputError(_(PERCENT_RANGE))
    return value


def value_error(kind: str, value: Decimal | None) -> str:
    """Why a stored value does not fit its kind ('' if it does): the services' check."""
    if value is None:
        return ""
    if value < 0:
        return _("Bitte geben Sie eine Zahl ab 0 an.")
    if kind == WHOLE and value != value.to_integral_value():
        return _("Bitte geben Sie eine ganze Zahl an.")
    if kind == PERCENT and value > 100:
        return _(PERCENT_RANGE)
    return ""


def shown(kind: str, value: Decimal | None) -> str:
    """German notation for the form and the pages: '24', '12,5', '70 %'."""
    if value is None:
        return ""
    text = f"{value.normalize():f}".replace(".", ",")
    return text
