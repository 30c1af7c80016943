from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..languages import BY_CODE, html_lang
from ..selectors import Result, Text

register = template.Library()


@register.filter
def text_lang(text: Text) -> str:
    return html_lang(text.lang)


@register.filter
def text_dir(text: Text) -> str:
    language = BY_CODE.get(text.lang)
    return language.dir if language is not None else "ltr"


@register.simple_tag
def text_attrs(text: Text) -> str:
    """`lang` and `dir` of a block of offer text: the language it is written in."""
    return format_html('lang="{}" dir="{}"', text_lang(text), text_dir(text))


@register.inclusion_tag("finder/_map.html", takes_context=True)
def finder_map(context, results) -> dict:
    """The static map of Hessen with a numbered point per offer (the list's numbers)."""
    if isinstance(results, Result):
        results = [(results, "")]
    points = [
        {"x": result.x, "y": result.y, "number": number}
        for number, (result, _url) in enumerate(results, start=1)
    ]
    title = (
        _("Karte von Hessen mit dem Ort des Angebots.")
        if len(points) == 1
        else _("Karte von Hessen mit den Orten der gefundenen Angebote.")
    )
    return {"map": context["map"], "lang": context["lang"], "points": points, "map_title": title}
