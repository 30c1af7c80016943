"""Template helpers available in every template (registered as builtins)."""

from django import template

from wirportal.core.money import format_eur

register = template.Library()


@register.filter
def eur(value):
    """Render a Decimal as German currency."""
    return format_eur(value)
