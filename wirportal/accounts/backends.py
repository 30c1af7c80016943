"""Authentication backends: Django's and allauth's, with their per-request lookups prepared.

`django.contrib.auth.get_user` asks the session's backend for the user on every signed-in request,
and every `has_perm()` that the rules backend answers with "no" falls through to the model
backend, which reads the person's user and group permissions (two queries, once per request).
`core.prepared` saves the ORM's compile time of these lookups; what they return and how it is
cached on the user object is Django's (`ModelBackend._get_permissions`).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends
from django.contrib.auth.models import Permission

from wirportal.core.prepared import PreparedQuery

from .models import User

_USER = PreparedQuery(lambda pk: User.objects.filter(pk=pk), pk=int)


def _permissions_query(relation: str) -> PreparedQuery:
    """(app label, codename) of the permissions reached through `relation` from a user's pk."""
    return PreparedQuery(
        lambda pk: (
            Permission.objects.filter(**{relation: pk})
            .values_list("content_type__app_label", "codename")
            .order_by()
        ),
        pk=int,
    )


_PERMISSIONS = {"user": _permissions_query("user"), "group": _permissions_query("group__user")}


class PreparedLookups:
    def get_user(self, user_id):
        user = _USER.first(pk=int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]

    def _get_permissions(self, user_obj, obj, from_name):
        if (
            user_obj.is_superuser
            or not user_obj.is_active
            or user_obj.is_anonymous
            or obj is not None
        ):
            return super()._get_permissions(user_obj, obj, from_name)  # type: ignore[misc]
        cache = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache):
            rows = _PERMISSIONS[from_name].fetch(pk=user_obj.pk)
            setattr(user_obj, cache, {f"{app}.{codename}" for app, codename in rows})
        return getattr(user_obj, cache)


class ModelBackend(PreparedLookups, backends.ModelBackend):
    pass


class AuthenticationBackend(PreparedLookups, AllauthBackend):
    pass
