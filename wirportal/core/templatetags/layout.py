"""The layout around every page (templates/base.html), built from parts rendered once.

Rendered node by node, base.html's URLs, translations and cache lookups cost about 0.7 ms on every
page: more than a signed-in request's queries. Here the parts that are the same for everyone in
one language (head links, banner, footer) are rendered once per process and language, from the
templates in `core/layout/`. The navigation is rendered once per person, role, language and page
(the `pages` cache, as before). Only the user box (language switch back to this page, the name,
the logout form with the person's CSRF token) and the messages are built per request.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from ..csrf import csrf_token_for
from ..navigation import nav_items

register = template.Library()

NAV_TTL = 300


def _part(name: str) -> SafeString:
    return _rendered_part(name, get_language())


@functools.cache
def _rendered_part(name: str, language: str) -> SafeString:
    """Rendered on first use per process and language; the parts change only with a deploy."""
    return SafeString(
        render_to_string(f"core/layout/{name}.html", {"operator": settings.WIR_OPERATOR})
    )


@functools.cache
def _url(name: str, *args: str) -> str:
    """The layout's own links: the same for every request of a process (no language prefix)."""
    return reverse(name, args=args)


def _switch_language(path: str, language: str) -> SafeString:
    other, label = ("de", "Deutsch") if language == "en" else ("en", "English")
    target = _url("core:language", other)
    return format_html(
        '<nav class="portal-lang" aria-label="{}"><a class="kern-btn kern-btn--tertiary '
        'kern-btn--x-small" href="{}?next={}" lang="{}" hreflang="{}"><span class="kern-label">{}'
        "</span></a></nav>",
        gettext("Sprache"),
        target,
        quote(path, safe="/"),  # as the |urlencode filter
        other,
        other,
        label,
    )


def _account(request, user) -> SafeString:
    if request is None or user is None or not user.is_authenticated:
        return format_html(
            '<a class="kern-btn kern-btn--primary kern-btn--x-small" href="{}">'
            '<span class="kern-label">{}</span></a>',
            _url("account_login"),
            gettext("Anmelden"),
        )
    return format_html(
        '<a class="kern-link" href="{}">{}</a><form action="{}" method="post">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button class="kern-btn kern-btn--secondary kern-btn--x-small" type="submit">'
        '<span class="kern-label">{}</span></button></form>',
        _url("accounts:me"),
        user.display_name,
        _url("account_logout"),
        csrf_token_for(request),
        gettext("Abmelden"),
    )


def _navigation(request, user, language: str) -> SafeString:
    if request is None or user is None:  # the server error page is rendered without a request
        return SafeString(render_to_string("core/layout/nav.html", {"nav_items": [], "path": ""}))
    key = f"layout-nav:{user.pk}:{getattr(user, 'role', '')}:{language}:{request.path}"
    cache = caches["pages"]
    html = cache.get(key)
    if html is None:
        # an item is current on its own page and on the pages below it (/antraege/7/)
        items = [
            (item, item.url != "/" and request.path.startswith(item.url))
            for item in nav_items(user)
        ]
        html = render_to_string("core/layout/nav.html", {"nav_items": items, "path": request.path})
        cache.set(key, html, NAV_TTL)
    return SafeString(html)


@register.simple_tag
def layout_head() -> SafeString:
    return _part("head")


@register.simple_tag(takes_context=True)
def layout_header(context) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    language = get_language()
    return SafeString(
        _part("banner")
        + _switch_language(request.get_full_path() if request is not None else "/", language)
        + _account(request, user)
        + "</div></div>"
        + _navigation(request, user, language)
        + "</header>"
    )


@register.simple_tag(takes_context=True)
def layout_messages(context) -> SafeString:
    request = context.get("request")
    messages = get_messages(request) if request is not None else None
    if not messages:
        return SafeString("")
    return SafeString(render_to_string("core/layout/messages.html", {"messages": messages}))


@register.simple_tag
def layout_footer() -> SafeString:
    return _part("footer")
