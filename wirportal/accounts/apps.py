from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "wirportal.accounts"
    label = "accounts"


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's login and second factor (accounts/admin_site.py); named
    in INSTALLED_APPS instead of "django.contrib.admin"."""

    default = False
    default_site = "wirportal.accounts.admin_site.PortalAdminSite"
