"""Demo people of every role. Staff get a fixed TOTP secret so a newcomer can log in."""

from django.db import transaction

from .mfa import user_has_totp
from .models import User
from .roles import STAFF_ROLES, Role

DEMO_PASSWORD = "WIR-Demo-2026"

# (email, first, last, role, TOTP secret in base32 or "")
DEMO_USERS = [
    ("admin@wir-demo.de", "Sabine", "Vogt", Role.PROGRAMME_STAFF, "JBSWY3DPEHPK3PXPADMINAAA"),
    (
        "ministerium@wir-demo.de",
        "Anna",
        "Schäfer",
        Role.PROGRAMME_STAFF,
        "JBSWY3DPEHPK3PXPMINISTER",
    ),
    (
        "rp.sachbearbeitung@wir-demo.de",
        "Jonas",
        "Becker",
        Role.CASE_WORKER,
        "JBSWY3DPEHPK3PXPCASEWORK",
    ),
    ("rp.freigabe@wir-demo.de", "Leyla", "Demir", Role.CASE_WORKER, "JBSWY3DPEHPK3PXPFREIGABE"),
    ("gutachten@wir-demo.de", "Markus", "Klein", Role.REVIEWER, "JBSWY3DPEHPK3PXPREVIEWER"),
    (
        "koordination.kassel@wir-demo.de",
        "Fatma",
        "Yilmaz",
        Role.COORDINATOR,
        "JBSWY3DPEHPK3PXPKASSELKO",
    ),
    (
        "koordination.badhomburg@wir-demo.de",
        "Peter",
        "Hofmann",
        Role.COORDINATOR,
        "JBSWY3DPEHPK3PXPHOMBURGK",
    ),
    ("pruefung@wir-demo.de", "Claudia", "Richter", Role.AUDITOR, "JBSWY3DPEHPK3PXPAUDITORR"),
    (
        "antidiskriminierung@wir-demo.de",
        "Deniz",
        "Arslan",
        Role.ANTIDISCRIMINATION,
        "JBSWY3DPEHPK3PXPADSTELLE",
    ),
    ("verein@wir-demo.de", "Ahmad", "Karimi", Role.APPLICANT, ""),
    ("caritas@wir-demo.de", "Maria", "Lange", Role.APPLICANT, ""),
]


@transaction.atomic
def ensure_demo_users() -> dict[str, User]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    users = {}
    for email, first, last, role, secret in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, first_name=first, last_name=last, role=role
            )
            if email.startswith("admin@"):
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if secret and not user_has_totp(user):
            TOTP.activate(user, secret)
        users[email] = user
    return users


def load() -> str:
    users = ensure_demo_users()
    return f"{len(users)} Demo-Konten"


def print_logins(out) -> None:
    out.write("")
    out.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD})")
    out.write(
        "Mitarbeitende geben zusätzlich einen TOTP-Code ein: den Schlüssel in eine Authenticator-App"
    )
    out.write("übernehmen oder den aktuellen Code mit `make totp EMAIL=...` anzeigen lassen.")
    for email, _first, _last, role, secret in DEMO_USERS:
        label = Role(role).label
        extra = f"  TOTP-Schlüssel: {secret}" if role in STAFF_ROLES and secret else ""
        out.write(f"  {label:<40} {email:<38}{extra}")
