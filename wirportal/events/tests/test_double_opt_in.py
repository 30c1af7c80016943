"""Issue #9: an organiser may ask for e-mail confirmation (double opt-in) before a place is held.

A pending registration holds its place for WIR_EVENT_CONFIRMATION_HOURS (at most until the
registration deadline); the scheduled job releases expired holds and the waiting list moves on.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.core.exceptions import DeadlineMissed, DomainError
from wirportal.events import services
from wirportal.events.models import RegistrationStatus
from wirportal.events.tokens import parse_token

from .factories import EventFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def register(event, n, by=None, now=None, **extra):
    return services.registration_create(
        event=event,
        by=by,
        first_name="Vorname",
        last_name=f"Person {n}",
        email=f"person{n}@example.org",
        consent=True,
        now=now,
        **extra,
    )


@pytest.fixture
def event(reference_data):
    return EventFactory(capacity=1, email_confirmation=True)


def test_a_pending_registration_holds_the_place_until_it_is_confirmed(
    event, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.WIR_EVENT_CONFIRMATION_HOURS = 24
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, 1, now=now)
    assert first.status == RegistrationStatus.PENDING
    assert first.hold_until == now + timedelta(hours=24)
    (mail,) = mailoutbox
    assert "Bitte bestätigen" in mail.subject
    link = next(line for line in mail.body.splitlines() if "/veranstaltungen/anmeldung/" in line)
    assert parse_token(link.strip().rstrip("/").rsplit("/", 1)[-1]) == (first.pk, first.secret)
    assert not mail.attachments  # no calendar entry before the address is confirmed

    # the held place counts: the next person holds nothing
    second = register(event, 2, now=now)
    assert second.status == RegistrationStatus.PENDING
    assert second.hold_until is None

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.registration_confirm_email(registration=first, by=None)
    assert first.status == RegistrationStatus.CONFIRMED
    assert first.hold_until is None and first.confirmed_at is not None
    (mail,) = mailoutbox
    assert "bestätigt" in mail.subject and mail.attachments[0][2] == "text/calendar"

    # confirming without a held place on a full event: the waiting list
    second = services.registration_confirm_email(registration=second, by=None)
    assert second.status == RegistrationStatus.WAITING
    assert second.waiting_rank == 1
    # a second click changes nothing
    again = services.registration_confirm_email(registration=second, by=None)
    assert again.status == RegistrationStatus.WAITING and again.waiting_rank == 1


def test_the_hold_ends_at_the_registration_deadline_if_that_comes_first(reference_data):
    now = timezone.now()
    event = EventFactory(
        capacity=5, email_confirmation=True, registration_closes_at=now + timedelta(hours=2)
    )
    registration = register(event, 1, now=now)
    assert registration.hold_until == event.registration_closes_at


def test_expired_holds_are_released_and_the_waiting_list_moves_on(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    first = register(event, 1, now=now)
    second = services.registration_confirm_email(registration=register(event, 2, now=now), by=None)
    assert second.status == RegistrationStatus.WAITING
    later = first.hold_until + timedelta(minutes=1)

    assert services.release_expired_holds(now=first.hold_until - timedelta(minutes=1)) == 0
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.release_expired_holds(now=later) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.PENDING and first.hold_until is None
    assert second.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mailoutbox] == [[second.email]]
    assert services.release_expired_holds(now=later) == 0  # idempotent

    # the late click: the place is gone, so the waiting list
    first = services.registration_confirm_email(registration=first, by=None, now=later)
    assert first.status == RegistrationStatus.WAITING


def test_a_late_click_before_the_job_ran_still_gets_a_free_place(reference_data):
    now = timezone.now()
    event = EventFactory(capacity=1, email_confirmation=True)
    registration = register(event, 1, now=now)
    later = registration.hold_until + timedelta(minutes=5)
    registration = services.registration_confirm_email(
        registration=registration, by=None, now=later
    )
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_late_click_after_the_deadline_is_refused(reference_data):
    now = timezone.now()
    event = EventFactory(
        capacity=1, email_confirmation=True, registration_closes_at=now + timedelta(hours=1)
    )
    registration = register(event, 1, now=now)
    with pytest.raises(DeadlineMissed):
        services.registration_confirm_email(
            registration=registration, by=None, now=now + timedelta(hours=2)
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_cancelling_a_held_place_frees_it_for_the_waiting_list(event):
    first = register(event, 1)
    second = services.registration_confirm_email(registration=register(event, 2), by=None)
    assert second.status == RegistrationStatus.WAITING
    promoted = services.registration_cancel(registration=first, by=None)
    assert [r.pk for r in promoted] == [second.pk]


def test_a_new_attempt_replaces_an_expired_pending_registration_but_not_a_live_one(event):
    now = timezone.now()
    first = register(event, 1, now=now)
    with pytest.raises(DomainError) as error:
        register(event, 1, now=now + timedelta(hours=1))
    assert error.value.field == "email"
    again = register(event, 1, now=first.hold_until + timedelta(minutes=1))
    assert again.status == RegistrationStatus.PENDING and again.hold_until is not None
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED


def test_workshop_seats_are_booked_only_on_confirmation(reference_data):
    event = EventFactory(capacity=5, email_confirmation=True)
    workshop = WorkshopFactory(event=event, capacity=1)
    registration = register(event, 1, workshops=[workshop])
    assert registration.choices.get().status == "requested"
    services.registration_confirm_email(registration=registration, by=None)
    assert registration.choices.get().status == "confirmed"


def test_a_logged_in_person_with_their_own_verified_address_needs_no_confirmation(event):
    user = UserFactory(role=Role.APPLICANT, email="person1@example.org")
    assert register(event, 1, by=user).status == RegistrationStatus.CONFIRMED


def test_without_the_option_the_place_is_confirmed_at_once(reference_data):
    event = EventFactory(capacity=1)
    assert register(event, 1).status == RegistrationStatus.CONFIRMED


def test_places_left_count_the_held_places(event, client):
    register(event, 1)
    page = client.get(reverse("events:event-detail", args=[event.slug])).content.decode()
    assert "Alle Plätze sind vergeben" in page


# --- pages ---------------------------------------------------------------------------------------


def test_registration_by_form_asks_to_confirm_and_the_mail_link_confirms(
    event, client, login, world, mailoutbox, django_capture_on_commit_callbacks
):
    event.host_office = world["office_x"]
    event.save()
    url = reverse("events:event-register", args=[event.slug])
    data = {
        "first_name": "Ada",
        "last_name": "Muster",
        "email": "ada@example.org",
        "organisation_name": "Caritas",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    # the browser does not get the self-service link: only the mailbox does
    assert response["Location"] == reverse("events:registration-pending", args=[event.slug])
    page = client.get(response["Location"]).content.decode()
    assert "Bitte bestätigen Sie Ihre Anmeldung" in page
    assert "ada@example.org" not in page

    (mail,) = mailoutbox
    link = next(line for line in mail.body.splitlines() if "/veranstaltungen/anmeldung/" in line)
    manage = client.get(link.strip().removeprefix("http://127.0.0.1:8000"))
    assert manage.status_code == 200
    text = manage.content.decode()
    assert "Anmeldung bestätigen" in text
    token = link.strip().rstrip("/").rsplit("/", 1)[-1]
    response = client.post(reverse("events:registration-confirm", args=[token]))
    assert response.status_code == 302
    assert "Ihr Platz ist bestätigt." in client.get(response["Location"]).content.decode()

    # organisers see the state in the list
    register(event, 7)
    organiser = login(world.users["coordinator_x"])
    listing = organiser.get(reverse("events:registration-list", args=[event.slug]))
    assert "E-Mail-Bestätigung ausstehend" in listing.content.decode()


def test_the_event_form_has_the_option(world, login):
    organiser = login(world.users["coordinator_x"])
    page = organiser.get(reverse("events:event-create")).content.decode()
    assert 'name="email_confirmation"' in page
