"""T2 of the reliability brief: 200 concurrent registrations for 50 places, never overbooked.

Threads call the registration service, each with its own database connection. The negative
control switches the lock off and sleeps between the count and the write: then the event is
overbooked, which shows that this harness can see the race at all (pretix's pattern).
"""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from wirportal.core.exceptions import DomainError
from wirportal.events import services
from wirportal.events.models import Registration, RegistrationStatus

from .factories import EventFactory, WorkshopFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="race tests need PostgreSQL"),
]

PEOPLE = 200
PLACES = 50
THREADS = 20


def _run(calls, count=PEOPLE, threads=THREADS):
    barrier = Barrier(min(threads, count))

    def call(i):
        try:
            if i < min(threads, count):
                barrier.wait()
            calls(i)
            return "ok"
        except DomainError as error:
            return f"refused: {error.message}"
        except Exception as error:
            return f"error: {error!r}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(call, range(count)))


def _register(event, workshops=()):
    def register(i):
        services.registration_create(
            event=event,
            by=None,
            first_name="Race",
            last_name=f"Nr. {i}",
            email=f"race{i}@example.org",
            consent=True,
            workshops=workshops,
        )

    return register


@pytest.fixture
def event(reference_data):
    return EventFactory(capacity=PLACES)


def test_race_happens_if_the_lock_is_disabled(event, monkeypatch):
    """Negative control: without the lock, 200 people overbook 50 places."""
    monkeypatch.setattr(services, "SKIP_LOCKING", True)
    monkeypatch.setattr(services, "SLEEP_AFTER_CHECK", 0.05)
    _run(_register(event))
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    assert confirmed > PLACES, (
        "the harness could not reproduce the race; the tests below prove nothing"
    )


def test_200_registrations_for_50_places_end_with_exactly_50_confirmed(event, monkeypatch):
    monkeypatch.setattr(
        services, "SLEEP_AFTER_CHECK", 0.005
    )  # widen the window; the lock must hold
    outcomes = _run(_register(event))
    assert outcomes == ["ok"] * PEOPLE, [o for o in outcomes if o != "ok"][:5]
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == PLACES
    waiting = list(registrations.filter(status=RegistrationStatus.WAITING).order_by("waiting_rank"))
    assert len(waiting) == PEOPLE - PLACES
    assert [r.waiting_rank for r in waiting] == list(range(1, PEOPLE - PLACES + 1))
    # ranks follow the order in which the lock was granted (= insertion order)
    assert [r.pk for r in waiting] == sorted(r.pk for r in waiting)
    assert registrations.values("email").distinct().count() == PEOPLE

    # then 10 confirmed people cancel at the same time: exactly ranks 1..10 move up
    cancelling = list(registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk")[:10])

    def cancel(i):
        services.registration_cancel(registration=cancelling[i], by=None)

    assert _run(cancel, count=10) == ["ok"] * 10
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == PLACES
    promoted = registrations.filter(status=RegistrationStatus.CONFIRMED, waiting_rank__isnull=False)
    assert sorted(promoted.values_list("waiting_rank", flat=True)) == list(range(1, 11))
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == PEOPLE - PLACES - 10


def test_workshop_seats_are_never_overbooked_either(reference_data):
    event = EventFactory(capacity=PEOPLE)
    workshop = WorkshopFactory(event=event, capacity=30)
    outcomes = _run(_register(event, workshops=[workshop]))
    assert outcomes == ["ok"] * PEOPLE
    confirmed = workshop.choices.filter(status="confirmed").count()
    waiting = list(workshop.choices.filter(status="waiting").order_by("waiting_rank"))
    assert confirmed == 30
    assert [c.waiting_rank for c in waiting] == list(range(1, PEOPLE - 30 + 1))
