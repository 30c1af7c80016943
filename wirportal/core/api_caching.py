"""Cached responses of the REST API's read operations (issue #14, ADR 0016 amendment).

`@api_cached(depends_on)` under `@router.get(...)` keeps the body of a 200 response in the `pages`
cache under a key of

- the person (pk, role, superuser flag): every person has their own entries, so the scope of
  the data (all, one unit, own organisations) can never leak between people;
- the full path with its query string (filters, page) and the active language;

and serves it only while the content-version tokens (`core.caching.versions`) it was stored with
are current (they are kept in the entry and read with it in one go, `core.caching._lookup`):
those of every name `depends_on(request)` returns, the kinds of content the response shows and
the person's memberships version (`offices.models.membership_version`), so a changed membership
changes the scope at once.

It sits after authentication and the rate limit: ninja authenticates (and `TokenAuth` counts the
request) before it calls the view function, and the lookup happens in a wrapper of exactly that
function (`Operation.view_func`, replaced through ninja's public
`contribute_operation_callback`). A revoked token or a deactivated person therefore never gets a
cached body, and every hit is counted. On a hit the wrapper returns an `HttpResponse` with the
stored bytes, which ninja returns as it is; on a miss it notes the key on the request and a
wrapper of `Operation.run` (ninja's public `decorate_view`) stores the content of a 200.

Verify mode (`WIR_CACHE_VERIFY`): a hit is computed fresh and compared; a difference raises
`core.caching.StaleCacheEntry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja.decorators import decorate_view
from ninja.utils import contribute_operation_callback

from .caching import CACHE_ALIAS, StaleCacheEntry, _difference, _key, _lookup

_PENDING = "wir_api_cache_pending"  # request attribute: (key, cached body or None)


def _cache():
    from django.core.cache import caches

    return caches[CACHE_ALIAS]


def _verify() -> bool:
    return getattr(settings, "WIR_CACHE_VERIFY", False)


def response_key(request: HttpRequest) -> str:
    """The entry's key; the tokens it was stored under are in the entry (`caching._lookup`)."""
    user = request.user
    return _key(
        "api",
        (
            getattr(user, "pk", None),
            getattr(user, "role", ""),
            bool(getattr(user, "is_superuser", False)),
            request.get_full_path(),
            translation.get_language(),
        ),
    )


def api_cached(depends_on: Callable[[HttpRequest], Iterable[str]]):
    """Cache the 200 responses of a GET operation per person, path, language and the content
    versions `depends_on(request)` names (called after authentication)."""

    def wrap_view(view_func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view_func)
        def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method != "GET":
                return view_func(request, *args, **kwargs)
            key = response_key(request)
            token, (hit,) = _lookup(depends_on(request), [key])
            if hit is not None and not _verify():
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            setattr(request, _PENDING, (key, token, hit))
            return view_func(request, *args, **kwargs)

        return cached_view

    def contribute(operation) -> None:
        operation.view_func = wrap_view(operation.view_func)

    def store(run: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(run)
        def storing_run(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            response = run(request, *args, **kwargs)
            pending = request.__dict__.pop(_PENDING, None)
            if pending is None or response.status_code != 200 or response.streaming:
                return response
            key, token, hit = pending
            if hit is not None:  # verify mode
                if response.content != hit[0]:
                    raise StaleCacheEntry(
                        _difference(f"API {request.path}", hit[0], response.content)
                    )
                return response
            _cache().set(
                key,
                (token, (response.content, response["Content-Type"])),
                settings.WIR_PAGE_CACHE_TTL,
            )
            return response

        return storing_run

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        contribute_operation_callback(func, contribute)
        return decorate_view(store)(func)

    return decorator
