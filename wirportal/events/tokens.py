"""Signed self-service links for registrations: no login needed, revoked with the registration."""

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "wirportal.events.registration"


def new_secret() -> str:
    return secrets.token_hex(16)


def registration_token(registration) -> str:
    return signing.dumps([registration.pk, registration.secret], salt=SALT, compress=True)


def parse_token(token: str) -> tuple[int, str] | None:
    try:
        pk, secret = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    return pk, secret


def site_url() -> str:
    """Absolute base for links in e-mails (setting WIR_SITE_URL; requested as a shared setting)."""
    return getattr(settings, "WIR_SITE_URL", "") or "http://127.0.0.1:8000"


def manage_url(registration) -> str:
    path = reverse("events:registration-manage", kwargs={"token": registration_token(registration)})
    return site_url().rstrip("/") + path
