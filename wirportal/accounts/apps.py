from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "wirportal.accounts"
    label = "accounts"

    def ready(self) -> None:
        """Flush the cached person and permissions whenever they may change (accounts.cache)."""
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from . import cache
        from .models import User

        for signal in (post_save, post_delete):
            signal.connect(
                cache.on_user_change, sender=User, dispatch_uid=f"accounts.cache.{signal}"
            )
        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(
                cache.on_user_relations_change,
                sender=through,
                dispatch_uid=f"accounts.cache.{through.__name__}",
            )
        m2m_changed.connect(
            cache.on_group_permissions_change,
            sender=Group.permissions.through,
            dispatch_uid="accounts.cache.group_permissions",
        )
        pre_delete.connect(cache.on_group_delete, sender=Group, dispatch_uid="accounts.cache.group")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's login and second factor (accounts/admin_site.py); named
    in INSTALLED_APPS instead of "django.contrib.admin"."""

    default = False
    default_site = "wirportal.accounts.admin_site.PortalAdminSite"
