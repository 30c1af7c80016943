"""Signed self-service links for registrations: no login needed, revoked with the registration."""

from django.conf import settings
from django.urls import reverse

from wirportal.core.tokens import parse_row_token, row_token

SALT = "wirportal.events.registration"


def registration_token(registration) -> str:
    return row_token(registration.pk, registration.secret, salt=SALT)


def parse_token(token: str) -> tuple[int, str] | None:
    return parse_row_token(token, salt=SALT)


def site_url() -> str:
    """Absolute base for links in e-mails (setting WIR_SITE_URL; requested as a shared setting)."""
    return getattr(settings, "WIR_SITE_URL", "") or "http://127.0.0.1:8000"


def manage_url(registration) -> str:
    path = reverse("events:registration-manage", kwargs={"token": registration_token(registration)})
    return site_url().rstrip("/") + path
