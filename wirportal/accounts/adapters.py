import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings

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

    def _fernet(self) -> Fernet:
        digest = hashlib.sha256(f"wirportal-mfa:{settings.SECRET_KEY}".encode()).digest()
        return Fernet(base64.urlsafe_b64encode(digest))

    def encrypt(self, text: str) -> str:
        return "fernet:" + self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if encrypted_text.startswith("fernet:"):
            return self._fernet().decrypt(encrypted_text.removeprefix("fernet:").encode()).decode()
        return encrypted_text

    def can_delete_authenticator(self, authenticator) -> bool:
        if authenticator.type == authenticator.Type.TOTP and authenticator.user.is_staff_role:
            return not settings.WIR_REQUIRE_STAFF_MFA
        return True
