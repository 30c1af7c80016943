"""Signed links that stand for one row without a login: the row's key and a random secret kept on
the row, signed with SECRET_KEY under a salt per purpose. Renewing or deleting the secret (or the
row) revokes every link made before; a forged or garbled token is simply no row."""

import secrets

from django.core import signing


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
