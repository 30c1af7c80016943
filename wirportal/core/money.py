"""Money helpers: always Decimal, rounded to cents with commercial rounding."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round a value to whole cents (kaufmännisch)."""
    if isinstance(value, float):
        raise TypeError("Money must never be a float.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_eur(value: Decimal | None) -> str:
    """Format as German currency, e.g. 1.234,50 €."""
    if value is None:
        return "–"
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents} €"
