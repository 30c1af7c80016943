"""T2 of the reliability brief: 200 concurrent registrations for 50 places, never overbooked.

Threads call the registration service, each with its own database connection. The negative
control switches the lock off and sleeps between the count and the write: then the event is
overbooked, which shows that this harness can see the race at all (pretix's pattern).
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
from django.db import connection, connections

from wirportal.core.exceptions import DomainError
from wirportal.events import services
from wirportal.events.models import Registration, RegistrationStatus
from wirportal.events.services import common as locks

from .factories import EventFactory, WorkshopFactory

pytestmark = [
    pytest.mark.postgres,
    # one worker runs the thread-heavy race tests one after another: two at once (50 + 20
    # threads) exceed PostgreSQL's max_connections of 100
    pytest.mark.xdist_group("postgres-races"),
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
    monkeypatch.setattr(locks, "SKIP_LOCKING", True)
    monkeypatch.setattr(locks, "SLEEP_AFTER_CHECK", 0.05)
    _run(_register(event))
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    assert confirmed > PLACES, (
        "the harness could not reproduce the race; the tests below prove nothing"
    )


def test_200_registrations_for_50_places_end_with_exactly_50_confirmed(event, monkeypatch):
    monkeypatch.setattr(locks, "SLEEP_AFTER_CHECK", 0.005)  # widen the window; the lock must hold
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


# --- double opt-in: a late click against the job that releases expired holds (issue #9) --------

HELD = 20


def _held_places_and_waiting_list():
    """20 pending registrations each holding a place (capacity 20) and 20 confirmed on the
    waiting list; returns the event, the holders and the moment their holds end."""
    event = EventFactory(capacity=HELD, email_confirmation=True)
    for i in range(HELD):
        _register(event)(i)
    holders = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.PENDING).order_by("pk")
    )
    assert all(r.hold_until is not None for r in holders)
    for i in range(HELD, 2 * HELD):
        _register(event)(i)
    for late in Registration.objects.filter(event=event, hold_until__isnull=True):
        services.registration_confirm_email(registration=late, by=None)
    assert (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).count() == HELD
    )
    return event, holders, holders[0].hold_until


def _click_or_release(holders, hold_until):
    just_in_time = hold_until - timedelta(seconds=1)
    too_late = hold_until + timedelta(seconds=1)

    def call(i):
        if i < len(holders):
            services.registration_confirm_email(registration=holders[i], by=None, now=just_in_time)
        else:
            services.release_expired_holds(now=too_late)

    return call


def test_race_between_confirmation_and_release_happens_without_the_lock(
    reference_data, monkeypatch
):
    """Negative control: without the lock a click and the release both keep the place."""
    event, holders, hold_until = _held_places_and_waiting_list()
    monkeypatch.setattr(locks, "SKIP_LOCKING", True)
    monkeypatch.setattr(locks, "SLEEP_AFTER_CHECK", 0.2)
    _run(_click_or_release(holders, hold_until), count=HELD + 1, threads=HELD + 1)
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED
    ).count()
    assert confirmed > HELD, (
        "the harness could not reproduce the race; the test below proves nothing"
    )


def test_confirmation_and_release_of_held_places_never_overbook(reference_data, monkeypatch):
    event, holders, hold_until = _held_places_and_waiting_list()
    monkeypatch.setattr(locks, "SLEEP_AFTER_CHECK", 0.01)
    outcomes = _run(_click_or_release(holders, hold_until), count=HELD + 1, threads=HELD + 1)
    assert outcomes == ["ok"] * (HELD + 1), [o for o in outcomes if o != "ok"][:5]
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == HELD
    assert not registrations.filter(status=RegistrationStatus.PENDING).exists()
    waiting = registrations.filter(status=RegistrationStatus.WAITING)
    assert waiting.count() == HELD
    # whoever clicked after the release is on the waiting list behind the first 20 ranks
    late = waiting.filter(pk__in=[r.pk for r in holders])
    assert all(rank > HELD for rank in late.values_list("waiting_rank", flat=True))
