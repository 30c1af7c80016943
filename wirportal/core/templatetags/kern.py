"""Template helpers available in every template (registered as builtins)."""

from django import template

from wirportal.core.dates import format_span
from wirportal.core.money import format_eur

register = template.Library()


@register.filter
def eur(value):
    """Render a Decimal as German currency."""
    return format_eur(value)


@register.filter
def timespan(start, end):
    """`{{ event.starts_at|timespan:event.ends_at }}`: a period in the active language."""
    if not start:
        return ""
    return format_span(start, end or None)
