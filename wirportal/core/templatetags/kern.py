"""Template helpers available in every template (registered as builtins)."""

from django import template

from wirportal.core.dates import format_span
from wirportal.core.money import format_money

register = template.Library()


@register.filter
def eur(value):
    """Render a Decimal as euros in the active language (letters render in German)."""
    return format_money(value)


@register.filter
def timespan(start, end):
    """`{{ event.starts_at|timespan:event.ends_at }}`: a period in the active language."""
    if not start:
        return ""
    return format_span(start, end or None)
