"""Writes on people's accounts."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.prepared import PreparedQuery

from .models import ApiToken, User


@transaction.atomic
def user_update_profile(*, user: User, by: User, first_name: str, last_name: str) -> User:
    """Change a person's name; nothing else of the account can be changed here."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    audit_record(action="account.profile_changed", target=user, by=by)
    return user


# --- Personal API tokens (issue #14, ADR 0016) -------------------------------------------------

TOKEN_LIMIT = 20  # active tokens per person
TOKEN_PREFIX = "wir"
# how often `last_used_at` is written at most (a client polling every second must not make every
# request a write)
LAST_USED_PRECISION = timedelta(minutes=1)


def _token_hash(token: str) -> str:
    """The token carries 256 bits of randomness: a plain SHA-256 is enough (no password hash)."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str, by: User) -> tuple[ApiToken, str]:
    """Make a token for `user`; return it with its text, which is never shown or stored again."""
    name = name.strip()
    if not name:
        raise DomainError(_("Bitte geben Sie dem Token einen Namen."), field="name")
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= TOKEN_LIMIT:
        raise NotAllowed(
            _("Sie haben schon %(count)s aktive Tokens. Bitte widerrufen Sie zuerst eines.")
            % {"count": TOKEN_LIMIT},
            field="name",
        )
    prefix = secrets.token_hex(5)
    text = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, secret_hash=_token_hash(text), role=user.role
    )
    audit_record(
        action="api_token.created", target=token, by=by, data={"name": name, "prefix": prefix}
    )
    return token, text


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """End a token at once; revoking a revoked token changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action="api_token.revoked", target=token, by=by, data={"prefix": token.prefix})
    return token


# Asked by every API request with a token (the prefix is unique: at most one row): prepared
# (core.prepared), since with the cached list bodies (core.api_caching) its compilation was half
# of a request's time in `bench/inprocess.py api-applications`.
_LIVE_TOKEN = PreparedQuery(
    lambda prefix: ApiToken.objects.select_related("user").filter(
        prefix=prefix, revoked_at__isnull=True
    ),
    prefix=str,
)


def api_token_authenticate(text: str) -> ApiToken | None:
    """The live token for `text` with its person, or None (unknown, wrong secret, revoked, the
    person deactivated or no longer in the role the token was made with). One query; writes
    `last_used_at` at most once a minute."""
    parts = text.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or len(parts[1]) > 16:
        return None
    token = _LIVE_TOKEN.first(prefix=parts[1])
    if token is None or not hmac.compare_digest(token.secret_hash, _token_hash(text)):
        return None
    user = token.user
    if not user.is_active or user.role != token.role:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
