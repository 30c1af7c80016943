"""`{% object_links obj %}`: the "Weitere Vorgänge" link list of an object page (core.links)."""

from django import template

from wirportal.core.links import object_links as collect

register = template.Library()


@register.inclusion_tag("core/_object_links.html", takes_context=True)
def object_links(context, obj):
    return {"links": collect(obj, context["request"].user)}
