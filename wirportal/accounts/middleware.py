"""Staff roles must set up TOTP before they may use the portal (setting WIR_REQUIRE_STAFF_MFA)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty

_ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/healthz",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/i18n/",
    "/konto/zwei-faktor-erforderlich/",
)


def user_has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


# Set once the session's user was seen with TOTP set up: saves a query on every later request.
SESSION_KEY = "wir_mfa_set_up"


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
            settings.WIR_REQUIRE_STAFF_MFA
            and user is not None
            and user.is_authenticated
            and user.is_staff_role
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and request.session.get(SESSION_KEY) != user.pk
        ):
            if not user_has_totp(user):
                return redirect(reverse("accounts:mfa-required"))
            request.session[SESSION_KEY] = user.pk
        return self.get_response(request)
