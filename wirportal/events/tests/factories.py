from datetime import timedelta

import factory
from django.utils import timezone

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


class EventFactory(factory.django.DjangoModelFactory):
    """A published public networking meeting in 30 days, registration open now."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Vernetzungstreffen {n}")
    slug = factory.Sequence(lambda n: f"vernetzungstreffen-{n}")
    kind = EventKind.NETWORKING
    host_office = factory.LazyFunction(lambda: Office.objects.get(slug="kassel"))
    description = factory.Faker("paragraph", locale="de_DE")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    venue = "Rathaus, Festsaal"
    address = factory.Faker("address", locale="de_DE")
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    registration_closes_at = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=2))
    capacity = 50
    workshop_mode = WorkshopMode.FIRST_COME
    status = EventStatus.PUBLISHED


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Forum {n}: Interkulturelle Öffnung")
    capacity = 20


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration written directly (tests that need no service)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.Sequence(lambda n: f"teilnahme{n}@example.org")
    organisation_name = factory.Faker("company", locale="de_DE")
    consent_at = factory.LazyFunction(timezone.now)
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    secret = factory.LazyFunction(new_secret)
