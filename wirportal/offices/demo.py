"""Demo organisations and the coordinators' bindings to their units. Idempotent."""

from django.db import transaction

from wirportal.accounts.demo import ensure_demo_users

from . import services
from .models import Office, OfficeFunction, OfficeMembership, Organisation, OrganisationKind

DEMO_ORGANISATIONS = [
    # (member email or "", name, kind, public benefit, street, postcode, city, office slug, IBAN)
    (
        "verein@wir-demo.de",
        "Interkultureller Verein Nordhessen e. V.",
        OrganisationKind.MIGRANT_ORGANISATION,
        True,
        "Friedrich-Ebert-Straße 12",
        "34117",
        "Kassel",
        "kassel",
        "DE89370400440532013000",
    ),
    (
        "caritas@wir-demo.de",
        "Caritasverband Offenbach/Main e. V.",
        OrganisationKind.WELFARE,
        True,
        "Platz der Deutschen Einheit 7",
        "63065",
        "Offenbach am Main",
        "offenbach",
        "DE02500105170137075030",
    ),
    (
        "",
        "Stadt Bad Homburg vor der Höhe",
        OrganisationKind.MUNICIPALITY,
        False,
        "Rathausplatz 1",
        "61348",
        "Bad Homburg vor der Höhe",
        "bad-homburg",
        "DE02120300000000202051",
    ),
    (
        "",
        "Sprachbrücke Rhein-Main e. V.",
        OrganisationKind.ASSOCIATION,
        True,
        "Kaiserstraße 40",
        "60329",
        "Frankfurt am Main",
        "frankfurt",
        "DE02100100100006820101",
    ),
]

COORDINATORS = [
    ("koordination.kassel@wir-demo.de", "kassel"),
    ("koordination.badhomburg@wir-demo.de", "bad-homburg"),
]


@transaction.atomic
def load() -> str:
    users = ensure_demo_users()
    for email, slug in COORDINATORS:
        OfficeMembership.objects.get_or_create(
            user=users[email],
            defaults={
                "office": Office.objects.get(slug=slug),
                "function": OfficeFunction.COORDINATION,
            },
        )
    created = 0
    for email, name, kind, benefit, street, postcode, city, slug, iban in DEMO_ORGANISATIONS:
        if Organisation.objects.filter(name=name).exists():
            continue
        member = users.get(email) or users["verein@wir-demo.de"]
        organisation = services.organisation_create(
            by=member,
            name=name,
            kind=kind,
            public_benefit=benefit,
            street=street,
            postcode=postcode,
            city=city,
            office=Office.objects.get(slug=slug),
            email=f"info@{slug}.wir-demo.de",
            account_holder=name,
            iban=iban,
        )
        if not email:
            # organisations without a demo member keep none (the registering person leaves again)
            organisation.memberships.all().delete()
        created += 1
    return f"{created} Träger neu, {len(COORDINATORS)} Koordinationen"
