"""Authentication backends: Django's and allauth's, with the user and permission lookups of
every signed-in request read through the shared cache (accounts.cache).

Only public backend methods are overridden: `get_user` (the session's user) and
`get_user_permissions` / `get_group_permissions` (ModelBackend's two permission queries);
Django keeps caching the result on the user object for the rest of the request; the shared
cache's entry is read once per request for both (a coordinator's page that asks a permission the
rules deny fell through to both methods: two reads of the same entry), and where it is cached
together with the person (`cached_user`: one read for both).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from asgiref.sync import sync_to_async
from django.contrib.auth import backends

from .cache import cached_permissions, cached_user


class CachedLookups:
    def get_user(self, user_id):
        user = cached_user(int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)

    def _applies(self, user_obj, obj) -> bool:
        return user_obj.is_active and not user_obj.is_anonymous and obj is None

    def get_user_permissions(self, user_obj, obj=None):
        if not self._applies(user_obj, obj) or user_obj.is_superuser:
            return super().get_user_permissions(user_obj, obj)  # type: ignore[misc]
        return set(cached_permissions(user_obj)[0])

    def get_group_permissions(self, user_obj, obj=None):
        if not self._applies(user_obj, obj) or user_obj.is_superuser:
            return super().get_group_permissions(user_obj, obj)  # type: ignore[misc]
        return set(cached_permissions(user_obj)[1])


class ModelBackend(CachedLookups, backends.ModelBackend):
    pass


class AuthenticationBackend(CachedLookups, AllauthBackend):
    pass
