"""Print the current TOTP code of a demo account (development only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Zeigt den aktuellen TOTP-Code eines Demo-Kontos (nur in der Entwicklung)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, email, **options):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        from wirportal.accounts.demo import DEMO_USERS

        if not settings.DEBUG:
            raise CommandError("Nur mit DJANGO_DEBUG=1 verfügbar.")
        secrets = {row[0]: row[4] for row in DEMO_USERS}
        if not secrets.get(email):
            raise CommandError("Kein Demo-Konto mit TOTP-Schlüssel.")
        authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
        assert authenticator
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(secrets[email], counter)))
