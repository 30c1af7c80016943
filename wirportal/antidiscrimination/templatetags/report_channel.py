"""Links of the report channel's public pages in the language of the page (`languages.py`)."""

from django import template
from django.utils.html import format_html, format_html_join

from .. import languages

register = template.Library()


@register.simple_tag
def channel_url(page: str) -> str:
    """The address of a public page in the language of the current page."""
    return languages.page_url(page, languages.current().code)


@register.inclusion_tag("antidiscrimination/_languages.html")
def channel_languages(page: str) -> dict:
    """The list of languages: links to `page` in each language."""
    return {"versions": languages.versions(page)}


@register.simple_tag(takes_context=True)
def channel_alternates(context, page: str) -> str:
    """`<link rel="alternate" hreflang>` for each language version of `page` (absolute)."""
    request = context.get("request")

    def absolute(url: str) -> str:
        return request.build_absolute_uri(url) if request is not None else url

    items = languages.versions(page)
    return format_html_join(
        "\n  ",
        '<link rel="alternate" hreflang="{}" href="{}">',
        [(item["language"].html, absolute(item["url"])) for item in items],
    ) + format_html(
        '\n  <link rel="alternate" hreflang="x-default" href="{}">',
        absolute(languages.page_url(page, "de")),
    )
