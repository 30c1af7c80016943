"""Authentication backends: Django's and allauth's, with the per-request user lookup prepared.

`django.contrib.auth.get_user` asks the session's backend for the user on every signed-in request;
`core.prepared` saves the ORM's compile time of that lookup. Everything else (password checks,
`user_can_authenticate`, permissions) is the parent class's.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import backends

from wirportal.core.prepared import PreparedQuery

from .models import User

_USER = PreparedQuery(lambda pk: User.objects.filter(pk=pk), pk=int)


class PreparedUserLookup:
    def get_user(self, user_id):
        user = _USER.first(pk=int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(PreparedUserLookup, backends.ModelBackend):
    pass


class AuthenticationBackend(PreparedUserLookup, AllauthBackend):
    pass
