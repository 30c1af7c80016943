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


def has_rule(user, perm: str, obj=None) -> bool:
    """Like `user.has_perm`, but the rule decides for superusers too: Django grants an active
    superuser every permission without asking the rules. For what even the technical
    administration must not see or do: an application before it is submitted, an applicant's
    own declarations (ADR 0005)."""
    import rules

    return bool(user.is_authenticated and user.is_active and rules.has_perm(perm, user, obj))


def check_rule(user, perm: str, obj=None) -> None:
    """`check_perm` with `has_rule`."""
    if not has_rule(user, perm, obj):
        raise PermissionDenied
