"""Staff roles must set up TOTP before they may use the portal (setting WIR_REQUIRE_STAFF_MFA)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

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


class RequireStaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.WIR_REQUIRE_STAFF_MFA
            and user is not None
            and user.is_authenticated
            and user.is_staff_role
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not user_has_totp(user)
        ):
            return redirect(reverse("accounts:mfa-required"))
        return self.get_response(request)
