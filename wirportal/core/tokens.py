"""Signed links that stand for one row without a login: the row's key and a random secret kept on
the row, signed with SECRET_KEY under a salt per purpose. Renewing or deleting the secret (or the
row) revokes every link made before; a forged or garbled token is simply no row."""

import secrets
from datetime import datetime, timedelta
from typing import Self

from django.core import signing
from django.urls import reverse
from django.utils import timezone


def new_secret() -> str:
    return secrets.token_hex(16)


def row_token(pk: int, secret: str, *, salt: str) -> str:
    return signing.dumps([pk, secret], salt=salt, compress=True)


def parse_row_token(token: str, *, salt: str) -> tuple[int, str] | None:
    """(pk, secret) of a token made by `row_token` with this salt; None for anything else."""
    try:
        pk, secret = signing.loads(token, salt=salt)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    return pk, secret


class InvitationLink:
    """The link of an invitation row, for a model with the fields `secret`, `sent_at` and
    `accepted_at` (a plain mixin: it adds no fields, each model keeps its own labels).

    A subclass names `TOKEN_SALT` (its purpose), `ACCEPT_URL` (the view taking `token`),
    `VALID_DAYS` and the relations `from_token` loads with the row (`TOKEN_RELATED`). The link
    works until `valid_until` and only once: an accepted invitation is not open any more, and
    sending it again renews the secret so that older links stop working.
    """

    TOKEN_SALT: str
    ACCEPT_URL: str
    VALID_DAYS = 14
    TOKEN_RELATED: tuple[str, ...] = ()

    pk: int
    secret: str
    sent_at: datetime
    accepted_at: datetime | None

    @property
    def valid_until(self) -> datetime:
        return self.sent_at + timedelta(days=self.VALID_DAYS)

    def is_open(self) -> bool:
        return self.accepted_at is None and timezone.now() <= self.valid_until

    def token(self) -> str:
        return row_token(self.pk, self.secret, salt=self.TOKEN_SALT)

    def accept_path(self) -> str:
        return reverse(self.ACCEPT_URL, kwargs={"token": self.token()})

    @classmethod
    def from_token(cls, token: str) -> Self | None:
        parsed = parse_row_token(token, salt=cls.TOKEN_SALT)
        if parsed is None:
            return None
        pk, secret = parsed
        rows = cls.objects.select_related(*cls.TOKEN_RELATED)  # type: ignore[attr-defined]
        return rows.filter(pk=pk, secret=secret).first()
