"""Who calls the REST API (issue #14, ADR 0016): a personal token or the portal's session.

`API_AUTH` is the `auth=` of every route that needs a person: first `Authorization: Bearer
wir_…` (no CSRF: the browser never sends it by itself), then the session cookie, which keeps
django-ninja's CSRF check for unsafe methods. A token acts as its person: `request.user` becomes
them, so every rule and selector scopes the API exactly like the pages.

Each token has a rate limit (setting `WIR_API_TOKEN_RATE`, e.g. "600/m" or "300/m,5000/h"): a
counter per token and window in the "ratelimit" cache (`incr`, atomic in Redis; in the embedded
default a per-process LocMemCache: no database write per request, but with N workers a token may
make up to N times its rate, ADR 0016 amendment 2). Over it the request is refused with 429 and `Retry-After` (the seconds until the
window ends). allauth's `ratelimit.consume`, which the login and event registration use, counts
no GET requests through its public function, so it cannot limit a read API (ADR 0016).
"""

import math
import time

from django.conf import settings
from django.core.cache import caches
from ninja.security import HttpBearer, SessionAuth

from .services import api_token_authenticate

RATE_CACHE_ALIAS = "ratelimit"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ApiRateLimited(Exception):
    """More requests with one token than its rate allows; try again after `retry_after` s."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after


def parse_rates(rates: str) -> list[tuple[int, int]]:
    """'300/m,5000/h' → [(300, 60), (5000, 3600)]; '10/5m' → [(10, 300)]."""
    parsed = []
    for rate in rates.split(","):
        if not rate.strip():
            continue
        amount, _slash, period = rate.strip().partition("/")
        unit = period[-1:]
        multiple = int(period[:-1]) if period[:-1] else 1
        parsed.append((int(amount), multiple * _UNITS[unit]))
    return parsed


def consume(token_id: int, *, now: float | None = None) -> int | None:
    """Count one request of the token; the seconds to wait if a limit is reached, else None."""
    now = time.time() if now is None else now
    cache = caches[RATE_CACHE_ALIAS]
    wait = None
    for amount, period in parse_rates(settings.WIR_API_TOKEN_RATE):
        window = int(now // period)
        key = f"api-token-rate:{token_id}:{period}:{window}"
        try:
            count = cache.incr(key)
        except ValueError:  # the window's first request (or the key expired)
            count = 1 if cache.add(key, 1, timeout=period + 1) else cache.incr(key)
        if count > amount:
            wait = max(wait or 0, max(1, math.ceil((window + 1) * period - now)))
    return wait


class TokenAuth(HttpBearer):
    """`Authorization: Bearer wir_<prefix>_<secret>` → the token's person (or None: not us)."""

    def authenticate(self, request, token: str):
        api_token = api_token_authenticate(token)
        if api_token is None:
            return None
        wait = consume(api_token.pk)
        if wait is not None:
            raise ApiRateLimited(wait)
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class CookieAuth(SessionAuth):
    """ninja's session auth (CSRF checked for unsafe methods), but a request without a session
    cookie is simply not signed in (401), not a CSRF failure (ninja checks CSRF first: 403)."""

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


token_auth = TokenAuth()
cookie_auth = CookieAuth()
# the token first: a request carrying a token never falls back to the session's CSRF check
API_AUTH = [token_auth, cookie_auth]
