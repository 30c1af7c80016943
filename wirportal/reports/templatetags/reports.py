"""`{{ value|cell:column }}`: a dashboard figure in the reader's language."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from wirportal.core.money import format_money

register = template.Library()


@register.filter
def cell(value, column) -> str:
    if value is None:
        return "–"
    if isinstance(value, str) or not column.numeric:
        return str(value)
    kind = column.kind
    if kind == "eur":
        return format_money(Decimal(value))
    if kind == "days":
        return number_format(round(float(value), 1), 1)
    if kind == "percent":
        return f"{number_format(round(float(value), 1), 1)} %"
    if kind == "year":
        return str(value)
    if kind == "int":
        return number_format(int(value), 0, force_grouping=True)
    return number_format(value, None, force_grouping=True)
