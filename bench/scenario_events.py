"""Events (issue 4): the public event page and a complete registration, form page → confirmation.

Data: 30 events a year over ten years at scale 10 (3 at scale 1 per year), each with 4 workshops
and about 80 registrations, plus one open conference that the flows register for.
"""

import random
from datetime import timedelta

from django.utils import timezone

from bench.harness import Scenario, Step
from wirportal.core.tokens import new_secret
from wirportal.events.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopMode,
)
from wirportal.offices.models import Office

EVENTS_PER_SCALE = 30
REGISTRATIONS_PER_EVENT = 80
SLUG = "bench-regionalkonferenz"


def generate(scale: int) -> None:
    now = timezone.now()
    offices = list(Office.objects.order_by("pk"))
    kassel = Office.objects.get(slug="kassel")
    if not Event.objects.filter(slug=SLUG).exists():
        conference = Event.objects.create(
            title="Bench-Regionalkonferenz Nord",
            slug=SLUG,
            kind=EventKind.REGIONAL_CONFERENCE,
            region="nord",
            host_office=kassel,
            description="Regionalkonferenz mit Foren und Markt der Möglichkeiten.\n" * 5,
            starts_at=now + timedelta(days=3650),
            ends_at=now + timedelta(days=3650, hours=7),
            venue="Kongress Palais Kassel",
            address="Holger-Börner-Platz 1, 34119 Kassel",
            registration_opens_at=now - timedelta(days=365),
            registration_closes_at=now + timedelta(days=3600),
            capacity=10_000_000,
            workshop_mode=WorkshopMode.FIRST_COME,
            exhibitor_slots=20,
            status=EventStatus.PUBLISHED,
        )
        Workshop.objects.bulk_create(
            Workshop(event=conference, title=f"Forum {i}", capacity=10_000_000) for i in range(1, 7)
        )
    events = []
    existing = Event.objects.exclude(slug=SLUG).count()
    for i in range(existing, EVENTS_PER_SCALE * scale):
        start = now - timedelta(days=random.randint(0, 3650))
        events.append(
            Event(
                title=f"Vernetzungstreffen {i}",
                slug=f"bench-treffen-{i}",
                kind=random.choice([EventKind.NETWORKING, EventKind.TRAINING]),
                host_office=random.choice(offices),
                starts_at=start,
                ends_at=start + timedelta(hours=5),
                venue="Rathaus",
                registration_opens_at=start - timedelta(days=60),
                registration_closes_at=start - timedelta(days=2),
                capacity=60,
                status=EventStatus.PUBLISHED,
            )
        )
    events = Event.objects.bulk_create(events, batch_size=500)
    registrations = []
    for event in events:
        for j in range(REGISTRATIONS_PER_EVENT):
            confirmed = j < event.capacity
            registrations.append(
                Registration(
                    event=event,
                    first_name="Bench",
                    last_name=f"Person {j}",
                    email=f"p{j}.e{event.pk}@bench.invalid",
                    consent_at=event.registration_opens_at,
                    status=RegistrationStatus.CONFIRMED
                    if confirmed
                    else RegistrationStatus.WAITING,
                    waiting_rank=None if confirmed else j - event.capacity + 1,
                    secret=new_secret(),
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=1000)


PAGE = f"/veranstaltungen/{SLUG}/"
REGISTRATION_FORM = {
    "first_name": "Bench",
    "last_name": "Teilnahme {n}",
    "email": "person{n}@bench.invalid",
    "organisation_name": "Bench-Träger",
    "accessibility_needs": "",
    "dietary_needs": "vegetarisch",
    "consent": "on",
}

SCENARIOS = [
    Scenario(
        "event-page",
        path=PAGE,
        target=0.3,
        note="Public event page with agenda, workshops and remaining places, anonymous.",
    ),
    Scenario(
        "event-registration",
        steps=(
            Step("GET", f"{PAGE}anmelden/"),
            Step("POST", f"{PAGE}anmelden/", status=302, data=REGISTRATION_FORM),
            Step("GET", "{location}"),
        ),
        target=0.005,
        note="Form page → POST (locks the event row, mail + .ics queued) → confirmation page.",
    ),
    Scenario(
        "event-list", path="/veranstaltungen/", target=0.3, note="Upcoming events, anonymous."
    ),
    Scenario(
        "event-registrations",
        path=f"{PAGE}anmeldungen/",
        role="coordinator",
        baseline="one-query",
        target=0.2,
        note="Organiser's list of registrations (first 100).",
    ),
]
