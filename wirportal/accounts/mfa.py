"""The second factor (ASVS 5.0 V6.3): staff and administrators pass TOTP in *this* session.

allauth records every step of a login in the session (`get_authentication_records`): a password,
then "mfa" once a TOTP or recovery code was accepted, at login or later through allauth's
"mfa_reauthenticate" step. Having a TOTP device is not enough: a session that began with the
password alone (before the device was set up, or by any other way in) must pass the code first.
"""

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse


def user_has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_second_factor(user) -> bool:
    """Staff roles and everyone with access to Django's admin (setting WIR_REQUIRE_STAFF_MFA)."""
    return bool(
        settings.WIR_REQUIRE_STAFF_MFA
        and user.is_authenticated
        and (user.is_staff_role or user.is_staff or user.is_superuser)
    )


def passed_second_factor(request, user) -> bool:
    """Whether this session accepted a TOTP or recovery code of `user` (no query: session only)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def second_factor_step(*, has_totp: bool, next_url: str) -> str:
    """Where a session without the second factor goes: the code (and then back to `next_url`), or
    the request to set TOTP up."""
    if not has_totp:
        return reverse("accounts:mfa-required")
    query = QueryDict(mutable=True)
    query["next"] = next_url
    return f"{reverse('mfa_reauthenticate')}?{query.urlencode(safe='/')}"
