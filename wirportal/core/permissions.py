"""One helper for object permission checks in views (rules-based)."""

from django.core.exceptions import PermissionDenied


def check_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied
