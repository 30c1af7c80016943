"""Pages that exist today: start page, unit directory and page, organisations, open-data API.

Also the example of a write flow (an applicant edits the organisation profile: form, save,
redirect to the detail page) and of a deadline-day mix (case workers' list while applicants save).
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from bench.harness import Context, Mix, Scenario, Step
from wirportal.accounts.roles import Role
from wirportal.offices.models import Office, Organisation, OrganisationKind, OrganisationMembership

ORGANISATIONS_PER_SCALE = 300  # scale 10: 3,000 Träger with one member each
EMAIL = "bench.traeger.{:05d}@bench.invalid"

_WORDS = ["Interkultureller", "Internationaler", "Offener", "Gemeinsamer", "Bunter", "Hessischer"]
_THINGS = ["Verein", "Treffpunkt", "Frauenverein", "Elternverein", "Kulturverein", "Sportverein"]
_STREETS = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Kirchweg", "Am Markt"]


def generate(scale: int) -> None:
    """Organisations spread over the 33 units, each with one applicant member (bulk, with history)."""
    wanted = ORGANISATIONS_PER_SCALE * scale
    user_model = get_user_model()
    existing = user_model.objects.filter(email__startswith="bench.traeger.").count()
    offices = list(Office.objects.order_by("pk"))
    password = make_password(None)
    users = [
        user_model(
            email=EMAIL.format(i),
            first_name="Bench",
            last_name=f"Träger {i}",
            role=Role.APPLICANT,
            password=password,
        )
        for i in range(existing, wanted)
    ]
    users = user_model.objects.bulk_create(users, batch_size=500)
    organisations = []
    for i, _user in enumerate(users, start=existing):
        office = random.choice(offices)
        organisations.append(
            Organisation(
                name=f"{random.choice(_WORDS)} {random.choice(_THINGS)} {office.name} {i:05d} e. V.",
                kind=random.choice(OrganisationKind.values),
                public_benefit=random.random() < 0.8,
                register_number=f"VR {1000 + i}",
                office=office,
                street=f"{random.choice(_STREETS)} {random.randint(1, 120)}",
                postcode=f"{random.randint(34000, 65999):05d}",
                city=office.name,
                email=f"info{i}@traeger.invalid",
            )
        )
    organisations = bulk_create_with_history(organisations, Organisation, batch_size=500)
    OrganisationMembership.objects.bulk_create(
        [
            OrganisationMembership(organisation=org, user=user, is_admin=True)
            for org, user in zip(organisations, users, strict=True)
        ],
        batch_size=500,
    )


def organisation_editors(ctx: Context) -> list[dict]:
    """Distinct applicants, each editing their own organisation."""
    memberships = (
        OrganisationMembership.objects.filter(user__email__startswith="bench.traeger.")
        .select_related("user", "organisation")
        .order_by("pk")[:32]
    )
    return [
        {
            "user": m.user,
            "org": m.organisation.pk,
            "name": m.organisation.name,
            "kind": m.organisation.kind,
            "office": m.organisation.office_id,
            "street": m.organisation.street,
            "postcode": m.organisation.postcode,
            "city": m.organisation.city,
            "account_holder": m.organisation.account_holder,
            "iban": m.organisation.iban,
        }
        for m in memberships
    ]


ORGANISATION_FORM = {
    "name": "{name}",
    "kind": "{kind}",
    "public_benefit": "on",
    "register_number": "VR {n}",  # {n}: every save really changes something
    "office": "{office}",
    "street": "{street}",
    "postcode": "{postcode}",
    "city": "{city}",
    "email": "kontakt@traeger.invalid",
    "phone": "0561 {n}",
    "website": "",
    # the form comes back with the bank account filled in; a save must not clear it (the
    # payment-run job reads these IBANs: an empty one failed the run after this scenario)
    "account_holder": "{account_holder}",
    "iban": "{iban}",
}

# Targets follow the issue figures for comparable pages: public pages like the public event
# page (>= 0.3 of hello), staff lists like the inbox (>= 0.5 of one-query), a complete form
# flow like a registration (>= 0.005 of hello).
SCENARIOS = [
    Scenario("home", path="/", target=0.3, note="Start page, anonymous."),
    Scenario("office-list", path="/einheiten/", target=0.3, note="All 33 units, anonymous."),
    Scenario("office-detail", path="/einheiten/kassel/", target=0.3),
    Scenario(
        "organisation-list",
        path="/traeger/",
        role="case_worker",
        baseline="one-query",
        target=0.5,
        note="Case worker (TOTP set up) sees all organisations, 50 per page.",
    ),
    Scenario(
        "organisation-list-coordinator",
        path="/traeger/",
        role="coordinator",
        baseline="one-query",
        target=0.5,
        note="Coordinator of Kassel: only the organisations of the own unit.",
    ),
    Scenario("api-offices", path="/api/einheiten/", target=0.3, note="Open data JSON, 33 units."),
    Scenario(
        "signed-in-one-query",
        path="/bench/one-query",
        role="case_worker",
        baseline="one-query",
        note="Reference without a target: the one-query view with a case worker's session, i.e. "
        "what loading the session and the user costs before any page does its own work.",
    ),
    Scenario(
        "organisation-save",
        steps=(Step("POST", "/traeger/{org}/bearbeiten/", status=302, data=ORGANISATION_FORM),),
        actors=organisation_editors,
        baseline="one-query",
        target=0.05,
        note="One applicant per connection saves the own organisation (service, audit, history).",
    ),
    Scenario(
        "organisation-edit-flow",
        steps=(
            Step("GET", "/traeger/{org}/bearbeiten/"),
            Step("POST", "/traeger/{org}/bearbeiten/", status=302, data=ORGANISATION_FORM),
            Step("GET", "{location}"),
        ),
        actors=organisation_editors,
        target=0.005,
        note="Form page → save → confirmation (detail page with message): a complete flow.",
    ),
]

MIXES = [
    Mix(
        "deadline-day-demo",
        foreground="organisation-list",
        background=(("organisation-save", 10.0),),
        target=0.7,
        note="Stand-in until the applications app exists: applicants save 10 times a second "
        "while case workers page through organisations.",
    ),
]
