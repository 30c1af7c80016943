from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings

from . import encryption
from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Self-registration is for applicant organisations only; staff accounts are created by admins.
        return bool(settings.ACCOUNT_ALLOW_REGISTRATION)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.role = Role.APPLICANT
        if commit:
            user.save()
        return user


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets are encrypted at rest; staff may not switch off their mandatory second factor."""

    def encrypt(self, text: str) -> str:
        return encryption.encrypt(text, purpose="mfa")

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text, purpose="mfa")

    def can_delete_authenticator(self, authenticator) -> bool:
        if authenticator.type == authenticator.Type.TOTP and authenticator.user.is_staff_role:
            return not settings.WIR_REQUIRE_STAFF_MFA
        return True
