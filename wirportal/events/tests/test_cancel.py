"""Calling off a whole event: mails with the reason, closed registration, "Abgesagt" everywhere."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DeadlineMissed, DomainError
from wirportal.events import services
from wirportal.events.models import EventStatus, RegistrationStatus
from wirportal.events.tokens import registration_token

from .factories import EventFactory

pytestmark = pytest.mark.django_db

REASON = "Der Tagungsort ist wegen eines Wasserschadens gesperrt."


def register(event, n):
    return services.registration_create(
        event=event,
        by=None,
        first_name="Vorname",
        last_name=f"Person {n}",
        email=f"person{n}@example.org",
        consent=True,
    )


@pytest.fixture
def event(world):
    return EventFactory(capacity=1, host_office=world["office_x"], slug="treffen")


@pytest.fixture
def full_event(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, 1)
        register(event, 2)
    return event


def test_cancel_mails_everyone_registered_with_the_reason_and_cancels_their_registrations(
    full_event, world, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=full_event, by=world.users["coordinator_x"], reason=REASON)

    full_event.refresh_from_db()
    assert full_event.status == EventStatus.CANCELLED
    assert full_event.cancellation_reason == REASON
    assert full_event.cancelled_at is not None
    assert not full_event.registration_open()
    assert set(full_event.registrations.values_list("status", flat=True)) == {
        RegistrationStatus.CANCELLED
    }
    assert sorted(m.to[0] for m in mailoutbox) == ["person1@example.org", "person2@example.org"]
    assert all(m.subject.endswith(f"Abgesagt: {full_event.title}") for m in mailoutbox)
    assert all(REASON in m.body and "findet nicht statt" in m.body for m in mailoutbox)
    waiting_mail = next(m for m in mailoutbox if m.to == ["person2@example.org"])
    assert "Warteliste" in waiting_mail.body
    assert b"STATUS:CANCELLED" in waiting_mail.attachments[0][1].encode()
    entry = AuditEntry.objects.get(action="event.cancelled")
    assert entry.data == {"reason": REASON, "confirmed": 1, "waiting": 1}


def test_cancel_is_idempotent(full_event, world, mailoutbox, django_capture_on_commit_callbacks):
    services.event_cancel(event=full_event, by=None, reason=REASON)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = services.event_cancel(event=full_event, by=None, reason="Ein anderer Grund")

    assert again.cancellation_reason == REASON
    assert callbacks == [] and mailoutbox == []
    assert AuditEntry.objects.filter(action="event.cancelled").count() == 1


def test_cancel_needs_a_reason(event):
    with pytest.raises(DomainError) as error:
        services.event_cancel(event=event, by=None, reason="   ")

    assert error.value.field == "reason"
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_drafts_and_past_events_cannot_be_cancelled(world):
    draft = EventFactory(status=EventStatus.DRAFT)
    with pytest.raises(DomainError):
        services.event_cancel(event=draft, by=None, reason=REASON)
    past = EventFactory(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=1),
        registration_opens_at=timezone.now() - timedelta(days=9),
        registration_closes_at=timezone.now() - timedelta(days=3),
    )
    with pytest.raises(DeadlineMissed):
        services.event_cancel(event=past, by=None, reason=REASON)


def test_after_cancelling_nobody_registers_or_moves_up(full_event, mailoutbox):
    services.event_cancel(event=full_event, by=None, reason=REASON)

    with pytest.raises(DomainError):
        register(full_event, 3)
    services.event_update(event=full_event, by=None, capacity=10)
    assert not full_event.registrations.filter(status=RegistrationStatus.CONFIRMED).exists()
    with pytest.raises(DomainError):
        services.assignment_run(event=full_event, by=None, seed=1)


def test_organiser_cancels_on_a_confirmation_page(
    full_event, login, world, client, django_capture_on_commit_callbacks, mailoutbox
):
    organiser = login(world.users["coordinator_x"])
    url = reverse("events:event-cancel", args=[full_event.slug])
    page = organiser.get(url).content.decode()
    assert "1 bestätigte Personen und 1 Personen auf der Warteliste" in page

    empty = organiser.post(url, {"reason": ""})
    assert empty.status_code == 422
    assert "Bitte nennen Sie den Grund der Absage." in empty.content.decode()

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = organiser.post(url, {"reason": REASON})
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    assert organiser.get(url)["Location"] == reverse("events:event-detail", args=["treffen"])


def test_public_pages_and_calendar_show_the_cancellation(full_event, client):
    token = registration_token(full_event.registrations.first())
    services.event_cancel(event=full_event, by=None, reason=REASON)

    detail = client.get(reverse("events:event-detail", args=[full_event.slug])).content.decode()
    assert "Abgesagt: Diese Veranstaltung findet nicht statt." in detail
    assert REASON in detail and "Jetzt anmelden" not in detail
    listing = client.get(reverse("events:event-list")).content.decode()
    assert full_event.title in listing and "Abgesagt" in listing
    register_page = client.get(
        reverse("events:event-register", args=[full_event.slug]), follow=True
    )
    assert register_page.redirect_chain[0][0] == reverse("events:event-detail", args=["treffen"])
    assert "Die Veranstaltung ist abgesagt." in register_page.content.decode()
    manage = client.get(reverse("events:registration-manage", args=[token])).content.decode()
    assert REASON in manage
    calendar = Calendar.from_ical(client.get(reverse("events:ical-feed")).content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["status"]) == "CANCELLED"


def test_only_organisers_of_the_host_unit_may_cancel(event, login, world):
    url = reverse("events:event-cancel", args=[event.slug])
    assert login(world.users["coordinator_y"]).post(url, {"reason": REASON}).status_code == 403
    assert login(world.users["applicant_a"]).get(url).status_code == 403
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
