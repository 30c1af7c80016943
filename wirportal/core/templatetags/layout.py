"""The layout around every page (templates/base.html), from parts rendered once.

Rendered node by node, the layout's URLs and translations cost about 0.7 ms on every page: more
than a signed-in request's queries. So each part in `core/layout/` (head links, header, footer,
navigation) is a balanced piece of HTML rendered once per process and language: the header has
two slots, filled per request with the user box (language switch back to this page, the name, the
logout form with the person's CSRF token) and the navigation. The navigation depends on the role
(and superuser status) and on which of its items the page lies below, never on the person or
the data: it is rendered once per process for each such combination. The messages are rendered
per request.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from ..csrf import csrf_token_for
from ..navigation import nav_items

register = template.Library()

# Filled per request: cannot occur in rendered text (autoescaping turns "<" into "&lt;")
_USERBOX = SafeString("<wir-slot userbox>")
_NAVIGATION = SafeString("<wir-slot navigation>")


def _part(name: str) -> SafeString:
    return _rendered_part(name, get_language())


@functools.cache
def _rendered_part(name: str, language: str) -> SafeString:
    """Rendered on first use per process and language; the parts change only with a deploy."""
    context = {"operator": settings.WIR_OPERATOR, "userbox": _USERBOX, "navigation": _NAVIGATION}
    return SafeString(render_to_string(f"core/layout/{name}.html", context))


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
        return _rendered_navigation((), language, (), False)
    path = request.path
    role = (user.is_authenticated, getattr(user, "role", ""), user.is_superuser)
    urls = _nav_urls(role, language, user)
    # an item is current on its own page and on the pages below it (/antraege/7/)
    current = tuple(url for url in urls if url != "/" and path.startswith(url))
    return _rendered_navigation(role, language, current, path == "/", user)


_nav_urls_of: dict[tuple, tuple[str, ...]] = {}
_nav_html_of: dict[tuple, SafeString] = {}


def _nav_urls(role: tuple, language: str, user) -> tuple[str, ...]:
    urls = _nav_urls_of.get((role, language))
    if urls is None:
        urls = _nav_urls_of[(role, language)] = tuple(item.url for item in nav_items(user))
    return urls


def _rendered_navigation(
    role: tuple, language: str, current: tuple[str, ...], home: bool, user=None
) -> SafeString:
    key = (role, language, current, home)
    html = _nav_html_of.get(key)
    if html is None:
        items = [(item, item.url in current) for item in nav_items(user)] if user else []
        html = _nav_html_of[key] = SafeString(
            render_to_string(
                "core/layout/nav.html", {"nav_items": items, "path": "/" if home else ""}
            )
        )
    return html


@register.filter
def html_lang(code: str) -> str:
    """The BCP 47 tag of a Django language code: Leichte Sprache ("de-ls") is German with a
    private-use subtag ("de-x-ls"; "de-LS" would name German in Lesotho). ADR 0017."""
    return settings.WIR_HTML_LANG.get(code, code)


@register.simple_tag
def layout_head() -> SafeString:
    return _part("head")


@register.simple_tag(takes_context=True)
def layout_header(context) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    language = get_language()
    userbox = _switch_language(
        request.get_full_path() if request is not None else "/", language
    ) + _account(request, user)
    return SafeString(
        _part("header")
        .replace(_USERBOX, userbox)
        .replace(_NAVIGATION, _navigation(request, user, language))
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
