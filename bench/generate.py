"""Builds the bench database: schema, the 33 units, one bench person per role, then every
scenario module's generate(scale). Runs inside a Django process set up by bench/run.py."""

from __future__ import annotations

import random

from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, transaction

from bench.harness import ROLES, bench_email

BENCH_ORGANISATION = "Bench-Träger Kassel e. V."


def build_base() -> None:
    """Schema and base data; copied for every scale (SQLite file copy, PostgreSQL template)."""
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    base_data()


def build_scale(scale: int, modules) -> dict[str, str]:
    """Every module's generate(scale), each in its own transaction; returns the failures."""
    failures = {}
    for module in modules:
        generate = getattr(module, "generate", None)
        if generate is None:
            continue
        random.seed(f"{module.__name__}:{scale}")  # same data on every run
        try:
            with transaction.atomic():
                generate(scale)
        except Exception as error:  # one broken module must not stop the others
            failures[module.__name__] = f"{type(error).__name__}: {error}"
    return failures


@transaction.atomic
def base_data() -> None:
    """Reference data and the bench people. Goes through the services where they exist."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model

    from wirportal.accounts.roles import STAFF_ROLES
    from wirportal.offices import services as office_services
    from wirportal.offices.models import Office, OfficeMembership, Organisation

    office_services.reference_data_load()
    user_model = get_user_model()
    users = {}
    for role in ROLES:
        email = bench_email(role)
        user = user_model.objects.filter(email=email).first()
        if user is None:
            user = user_model.objects.create_user(
                email, None, first_name="Bench", last_name=role.replace("_", " ").title(), role=role
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        # Staff must have TOTP (RequireStaffMFAMiddleware); the bench sessions skip the login.
        if (
            role in STAFF_ROLES
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, generate_totp_secret())
        users[role] = user
    kassel = Office.objects.get(slug="kassel")
    OfficeMembership.objects.get_or_create(user=users["coordinator"], defaults={"office": kassel})
    if not Organisation.objects.filter(name=BENCH_ORGANISATION).exists():
        office_services.organisation_create(
            by=users["applicant"],
            name=BENCH_ORGANISATION,
            kind="association",
            public_benefit=True,
            street="Königsplatz 1",
            postcode="34117",
            city="Kassel",
            office=kassel,
            email="info@bench-traeger.invalid",
        )


def row_counts() -> dict[str, int]:
    """Rows per model of our apps (history tables left out), largest first."""
    counts = {}
    for model in apps.get_models():
        if not model.__module__.startswith("wirportal.") or model.__name__.startswith("Historical"):
            continue
        try:
            count = model._default_manager.count()
        except DatabaseError:  # a model whose migration is not written yet
            continue
        if count:
            counts[f"{model._meta.app_label}.{model.__name__}"] = count
    return dict(sorted(counts.items(), key=lambda item: -item[1]))
