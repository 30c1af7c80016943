"""Django's admin (/verwaltung/) without a way in of its own.

Its login form would take a password alone: no TOTP, no throttling. Here the admin's login sends
to the portal's login (allauth: throttled, with the second factor) and comes back to the admin
page asked for; the admin lets in only a session that passed the second factor (accounts/mfa.py).
Installed as the default admin site by `PortalAdminConfig` (accounts/apps.py).
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .mfa import needs_second_factor, passed_second_factor, second_factor_step, user_has_totp


class PortalAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        user = request.user
        return super().has_permission(request) and (
            not needs_second_factor(user) or passed_second_factor(request, user)
        )

    def login(self, request, extra_context=None):
        """GET or POST alike: no credentials are read here, the portal's login does that."""
        target = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(target, reverse("account_login"))
        if self.has_permission(request):
            return redirect(target)
        if user.is_active and user.is_staff:  # only the second factor is missing
            return redirect(second_factor_step(has_totp=user_has_totp(user), next_url=target))
        raise PermissionDenied
