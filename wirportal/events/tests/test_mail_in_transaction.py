"""Issue #9, task 5: every registration mail is queued inside the write's transaction, so that the
outbox (notifications.notify) commits or rolls back together with the registration."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.db import connection

from wirportal.events import services
from wirportal.notifications import services as notifications

from .factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)  # no test transaction around the services


@pytest.fixture
def in_transaction(monkeypatch):
    seen: list[tuple[str, bool]] = []
    real = notifications.notify

    def spy(**kwargs):
        seen.append((kwargs["template"], connection.in_atomic_block))
        return real(**kwargs)

    # every sub-module of the services package that sends mail holds its own `notify`
    for name in ("events", "places", "registrations", "workshop_assignment"):
        monkeypatch.setattr(import_module(f"wirportal.events.services.{name}"), "notify", spy)
    return seen


def _register(event, n):
    return services.registration_create(
        event=event,
        by=None,
        first_name="Ada",
        last_name=f"Muster {n}",
        email=f"ada{n}@example.org",
        consent=True,
    )


def test_every_registration_mail_is_queued_inside_the_transaction(reference_data, in_transaction):
    event = EventFactory(capacity=1, email_confirmation=True)
    first = _register(event, 1)
    second = services.registration_confirm_email(registration=_register(event, 2), by=None)
    services.release_expired_holds(now=first.hold_until + timedelta(minutes=1))
    services.registration_confirm_email(
        registration=first, by=None, now=first.hold_until + timedelta(minutes=2)
    )
    services.registration_cancel(registration=second, by=None)
    services.event_cancel(event=event, by=None, reason="Der Saal ist nicht nutzbar.")
    templates = [template.rsplit("/", 1)[-1] for template, _ in in_transaction]
    assert templates == [
        "registration_pending",
        "registration_pending",
        "registration_waiting",
        "registration_promoted",
        "registration_waiting",
        "registration_cancelled",
        "registration_promoted",
        "event_cancelled",
    ]
    assert all(inside for _, inside in in_transaction), in_transaction
