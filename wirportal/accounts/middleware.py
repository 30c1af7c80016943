"""Staff and administrators use the portal only in a session that passed TOTP (setting
WIR_REQUIRE_STAFF_MFA; see accounts/mfa.py). Without a TOTP device they are sent to set it up;
with one, to allauth's code step, and back to the page they asked for."""

import functools

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

from .mfa import needs_second_factor, passed_second_factor, second_factor_step, user_has_totp

# Public pages and the way out stay reachable without the second factor.
_OPEN = (
    "/static/",
    "/healthz",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/i18n/",
    "/sprache/",
    "/accounts/logout/",
)


@functools.cache
def _allowed(has_totp: bool) -> tuple[str, ...]:
    if has_totp:  # only the code step: no recovery codes, password or e-mail change before it
        return (*_OPEN, reverse("mfa_reauthenticate"))
    # setting TOTP up (allauth may ask for the password again first)
    return (*_OPEN, "/accounts/", reverse("accounts:mfa-required"))


class RequireStaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            # AuthenticationMiddleware's lazy proxy routes every attribute read (dozens per page
            # in permission rules and templates) through itself: the rest of the request gets
            # the loaded user (or AnonymousUser) itself.
            if user._wrapped is empty:  # type: ignore[attr-defined]
                user._setup()  # type: ignore[attr-defined]
            user = request.user = user._wrapped  # type: ignore[attr-defined]
        if (
            user is not None
            and needs_second_factor(user)
            and not request.path.startswith(_OPEN)
            and not passed_second_factor(request, user)
        ):
            has_totp = user_has_totp(user)
            if not request.path.startswith(_allowed(has_totp)):
                return redirect(
                    second_factor_step(has_totp=has_totp, next_url=request.get_full_path())
                )
        return self.get_response(request)
