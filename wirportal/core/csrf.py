"""One masked CSRF token per request.

Django masks the CSRF secret anew for every `get_token()` call (32 random characters, about
0.1 ms). A page asks for it in several places: the logout form in the header, `{% csrf_token %}`
in its forms and the forms of cached fragments (core.caching). All of them take this one, which
is as good as any of them: each response still carries a freshly masked token.
"""

from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject

_ATTRIBUTE = "_wir_csrf_token"


def csrf_token_for(request) -> str:
    token = getattr(request, _ATTRIBUTE, None)
    if token is None:
        token = get_token(request)
        setattr(request, _ATTRIBUTE, token)
    return token


def used_csrf_token(request) -> str | None:
    """The token `csrf_token_for` gave this request, if it was asked for."""
    return getattr(request, _ATTRIBUTE, None)


def csrf(request) -> dict:
    """Context processor that overrides `csrf_token` of Django's built-in one (which every
    RequestContext runs first and which cannot be switched off; lazy, it costs nothing unused)
    with the shared lazy token."""
    return {"csrf_token": SimpleLazyObject(lambda: csrf_token_for(request))}
