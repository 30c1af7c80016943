"""Money helpers: always Decimal, rounded to cents with commercial rounding."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round a value to whole cents (kaufmännisch)."""
    if isinstance(value, float):
        raise TypeError("Money must never be a float.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _digits(amount: Decimal, *, thousands: str, decimal: str) -> str:
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{thousands.join(groups)}{decimal}{cents}"


def format_eur(value: Decimal | None) -> str:
    """Format as German currency, e.g. 1.234,50 € (letters, mails, German sentences)."""
    if value is None:
        return "–"
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{_digits(amount, thousands='.', decimal=',')} €"


def format_money(value: Decimal | None) -> str:
    """Format euros for the reader's language: 1.234,50 € in German, €1,234.50 in English."""
    if value is None or not (get_language() or "").startswith("en"):
        return format_eur(value)
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}€{_digits(amount, thousands=',', decimal='.')}"
