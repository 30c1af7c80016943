from allauth.account.adapter import DefaultAccountAdapter
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
