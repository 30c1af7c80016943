"""Database sessions (Django's `db` backend) whose lookup is a prepared query.

Every signed-in request loads its session first; `core.prepared` saves the ORM's compile time of
that lookup. Expiry is compared in Python (a prepared query takes no `now()`): a session past its
`expire_date` is treated as missing, exactly like Django's `expire_date__gt=now()` filter.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from wirportal.core.prepared import PreparedQuery

_SESSION = PreparedQuery(lambda key: Session.objects.filter(session_key=key), key=str)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        session = _SESSION.first(key=self.session_key) if self.session_key else None
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None
            return None
        return session
