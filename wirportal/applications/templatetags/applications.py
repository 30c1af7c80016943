from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """`values|get:"title"` – look a key up in a dict (row keys are built in the template)."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.simple_tag
def rowkey(prefix, pk, attribute):
    return f"{prefix}-{pk}-{attribute}"
