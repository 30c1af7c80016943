"""The receipt code of a report: shown once, kept only as a slow hash (issue #16).

A code is 24 characters of Crockford's base32 (no I, L, O, U: nothing to confuse), written in
six groups of four: `PPPP-SSSS-SSSS-SSSS-SSSS-SSSS`. The first group is the report's public id
(20 bits, random, not secret: it only finds the row, so checking a code never scans the table);
the other 20 characters are the secret, 100 bits from `secrets` (the issue asks for at least 80).
Only `make_password(secret)` is stored (Django's default hasher, PBKDF2 with many iterations);
`check_password` compares in constant time. Chosen over an HMAC lookup key with SECRET_KEY
because rotating SECRET_KEY must not make every code useless. An unknown public id still costs
one hash check (against a dummy hash), so the answer time does not tell whether the id exists.
"""

import secrets

from django.contrib.auth.hashers import check_password, make_password

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_LENGTH = 4
SECRET_LENGTH = 20  # 20 × 5 bits = 100 bits
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DUMMY_HASH: list[str] = []


def _random(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_public_id() -> str:
    return _random(PUBLIC_LENGTH)


def new_secret() -> str:
    return _random(SECRET_LENGTH)


def hash_secret(secret: str) -> str:
    return make_password(secret)


def format_code(public_id: str, secret: str) -> str:
    raw = public_id + secret
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def split_code(code: str) -> tuple[str, str] | None:
    """The public id and the secret of a typed code (case, spaces, hyphens and O/I/L forgiven);
    None when it cannot be a code at all."""
    raw = "".join(code.upper().split()).replace("-", "").translate(_CONFUSABLE)
    if len(raw) != PUBLIC_LENGTH + SECRET_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return raw[:PUBLIC_LENGTH], raw[PUBLIC_LENGTH:]


def secret_matches(secret: str, code_hash: str | None) -> bool:
    """Constant-time check; with no row, the same work against a dummy hash."""
    if code_hash is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(make_password(new_secret()))
        check_password(secret, _DUMMY_HASH[0])
        return False
    return check_password(secret, code_hash)
