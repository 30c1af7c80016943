"""One helper for object permission checks in views (rules-based)."""

from django.core.exceptions import PermissionDenied


def check_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def check_perm_api(user, perm: str, obj=None) -> None:
    """The same check for the REST API: a JSON 403 instead of the HTML error page."""
    from ninja.errors import HttpError

    if not user.has_perm(perm, obj):
        raise HttpError(403, "Keine Berechtigung.")
