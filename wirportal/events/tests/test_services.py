import re
from datetime import timedelta

import pytest
from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.events import services
from wirportal.events.models import (
    AttendanceFigure,
    Audience,
    ChoiceStatus,
    Event,
    Registration,
    RegistrationStatus,
    WorkshopMode,
)
from wirportal.events.selectors import registration_by_token
from wirportal.events.tokens import parse_token, registration_token

from .factories import EventFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def register(event, n, **extra):
    return services.registration_create(
        event=event,
        by=None,
        first_name="Vorname",
        last_name=f"Person {n}",
        email=f"person{n}@example.org",
        consent=True,
        **extra,
    )


@pytest.fixture
def event(reference_data):
    return EventFactory(capacity=2)


def test_registrations_are_confirmed_until_full_then_waitlisted_in_order(event):
    results = [register(event, n) for n in range(5)]
    assert [r.status for r in results] == ["confirmed"] * 2 + ["waiting"] * 3
    assert [r.waiting_rank for r in results[2:]] == [1, 2, 3]


def test_the_same_email_cannot_register_twice_but_may_again_after_cancelling(event):
    first = register(event, 1)
    with pytest.raises(DomainError) as error:
        services.registration_create(
            event=event,
            by=None,
            first_name="A",
            last_name="B",
            email="PERSON1@example.org ",
            consent=True,
        )
    assert error.value.field == "email"
    services.registration_cancel(registration=first, by=None)
    assert register(event, 1).status == RegistrationStatus.CONFIRMED


def test_registration_needs_consent_and_an_open_window(event):
    with pytest.raises(DomainError):
        services.registration_create(
            event=event,
            by=None,
            first_name="A",
            last_name="B",
            email="a@example.org",
            consent=False,
        )
    with pytest.raises(DeadlineMissed):
        register(event, 1, now=event.registration_closes_at + timedelta(minutes=1))
    assert not Registration.objects.exists()


def test_invited_events_refuse_other_roles(event):
    event.audience = Audience.INVITED
    event.invited_roles = Event.pack_roles([Role.COORDINATOR])
    event.save()
    with pytest.raises(NotAllowed):
        register(event, 1)
    applicant = UserFactory(role=Role.APPLICANT)
    with pytest.raises(NotAllowed):
        services.registration_create(
            event=event,
            by=applicant,
            first_name="A",
            last_name="B",
            email=applicant.email,
            consent=True,
        )
    coordinator = UserFactory(role=Role.COORDINATOR)
    registration = services.registration_create(
        event=event,
        by=coordinator,
        first_name="K",
        last_name="O",
        email=coordinator.email,
        consent=True,
    )
    assert registration.user == coordinator


def test_cancelling_a_confirmed_place_promotes_the_first_waiting_and_mails_them(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _second, third, fourth = (register(event, n) for n in range(4))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first, by=None)
    assert [p.pk for p in promoted] == [third.pk]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    assert fourth.status == RegistrationStatus.WAITING
    subjects = sorted(m.subject for m in mailoutbox)
    assert any("storniert" in s for s in subjects)
    promoted_mail = next(m for m in mailoutbox if "Platz frei" in m.subject)
    assert promoted_mail.to == [third.email]
    assert promoted_mail.attachments[0][0].endswith(".ics")
    assert "BEGIN:VEVENT" in promoted_mail.attachments[0][1]
    assert AuditEntry.objects.filter(action="event.registration_promoted").count() == 1


def test_confirmation_mail_has_the_self_service_link_and_an_ics(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, 1)
    (mail,) = mailoutbox
    assert "bestätigt" in mail.subject
    links = re.findall(r"/veranstaltungen/anmeldung/([^/\s]+)/", mail.body)
    assert links
    assert {parse_token(link) for link in links} == {(registration.pk, registration.secret)}
    assert mail.attachments[0][2] == "text/calendar"


def test_cancelling_a_waiting_registration_promotes_nobody(event):
    regs = [register(event, n) for n in range(4)]
    assert services.registration_cancel(registration=regs[2], by=None) == []
    regs[3].refresh_from_db()
    assert regs[3].status == RegistrationStatus.WAITING


def test_more_capacity_promotes_the_waiting_list(event):
    regs = [register(event, n) for n in range(5)]
    services.event_update(event=event, by=None, capacity=4)
    statuses = list(
        Registration.objects.filter(pk__in=[r.pk for r in regs])
        .order_by("pk")
        .values_list("status", flat=True)
    )
    assert statuses == ["confirmed"] * 4 + ["waiting"]


def test_capacity_cannot_drop_below_confirmed_places(event):
    register(event, 1)
    register(event, 2)
    with pytest.raises(DomainError) as error:
        services.event_update(event=event, by=None, capacity=1)
    assert error.value.field == "capacity"


def test_first_come_workshops_have_their_own_capacity_and_waiting_list(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    event.capacity = 10
    event.save()
    workshop = WorkshopFactory(event=event, capacity=1)
    first = register(event, 1, workshops=[workshop])
    second = register(event, 2, workshops=[workshop])
    assert first.choices.get().status == ChoiceStatus.CONFIRMED
    waiting = second.choices.get()
    assert (waiting.status, waiting.waiting_rank) == (ChoiceStatus.WAITING, 1)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first, by=None)
    waiting.refresh_from_db()
    assert waiting.status == ChoiceStatus.CONFIRMED
    assert any(m.to == [second.email] and "Forum" in m.subject for m in mailoutbox)


def test_waiting_registrations_get_workshop_seats_only_when_promoted(event):
    workshop = WorkshopFactory(event=event, capacity=5)
    regs = [register(event, n, workshops=[workshop]) for n in range(3)]
    assert regs[2].choices.get().status == ChoiceStatus.REQUESTED
    services.registration_cancel(registration=regs[0], by=None)
    assert regs[2].choices.get().status == ChoiceStatus.CONFIRMED


def test_workshops_of_another_event_are_refused(event):
    other = WorkshopFactory()
    with pytest.raises(DomainError):
        register(event, 1, workshops=[other])


def test_self_service_change_of_workshops_frees_the_seat(event):
    event.capacity = 10
    event.save()
    a, b = WorkshopFactory(event=event, capacity=1), WorkshopFactory(event=event, capacity=1)
    first = register(event, 1, workshops=[a])
    second = register(event, 2, workshops=[a])
    services.registration_update(
        registration=first,
        by=None,
        accessibility_needs="Rollstuhl",
        dietary_needs="",
        workshops=[b],
    )
    assert first.choices.get().workshop == b
    assert second.choices.get().status == ChoiceStatus.CONFIRMED
    first.refresh_from_db()
    assert first.accessibility_needs == "Rollstuhl"


def test_only_confirmed_people_check_in(event):
    confirmed = register(event, 0)
    register(event, 1)
    waiting = register(event, 3)
    services.registration_check_in(registration=confirmed, by=None)
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is not None
    with pytest.raises(DomainError):
        services.registration_check_in(registration=waiting, by=None)
    services.registration_check_in(registration=confirmed, by=None, undo=True)
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is None


def test_coordinators_plan_events_only_for_their_own_unit(world):
    coordinator = world.users["coordinator_x"]
    fields = {
        "title": "Treffen",
        "slug": "treffen",
        "kind": "networking",
        "starts_at": timezone.now() + timedelta(days=10),
        "ends_at": timezone.now() + timedelta(days=10, hours=3),
        "venue": "Rathaus",
        "registration_opens_at": timezone.now(),
        "registration_closes_at": timezone.now() + timedelta(days=9),
        "capacity": 30,
    }
    with pytest.raises(NotAllowed):
        services.event_create(by=coordinator, host_office=world["office_y"], **fields)
    event = services.event_create(by=coordinator, host_office=world["office_x"], **fields)
    assert event.status == "draft"
    services.event_publish(event=event, by=coordinator)
    event.refresh_from_db()
    assert event.status == "published"


def test_ranked_assignment_runs_after_the_deadline_and_reports_choices(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    event.workshop_mode = WorkshopMode.RANKED
    event.capacity = 10
    event.save()
    a, b = WorkshopFactory(event=event, capacity=2), WorkshopFactory(event=event, capacity=2)
    for n in range(3):
        register(event, n, workshops=[a, b])
    register(event, 3, workshops=[b, a])
    with pytest.raises(DeadlineMissed):
        services.assignment_run(event=event, by=None, seed=7)
    after = event.registration_closes_at + timedelta(minutes=1)
    run = services.assignment_run(event=event, by=None, seed=7, now=after)
    assert run.by_preference == {"1": 3, "2": 1}
    again = services.assignment_run(event=event, by=None, seed=7, now=after)
    assert again.by_preference == run.by_preference
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignment_publish(event=event, by=None) == 4
    assert len(mailoutbox) == 4
    with pytest.raises(DomainError):
        services.assignment_run(event=event, by=None, seed=1, now=after)


def test_tampered_or_revoked_tokens_find_nothing(event):
    registration = register(event, 1)
    token = registration_token(registration)
    assert registration_by_token(token) == registration
    assert registration_by_token(token[:-2] + "xx") is None
    registration.secret = "other"
    registration.save()
    assert registration_by_token(token) is None


def test_purge_deletes_personal_data_after_the_retention_period_and_keeps_figures(event):
    workshop = WorkshopFactory(event=event, capacity=5)
    regs = [register(event, n, workshops=[workshop]) for n in range(3)]
    services.registration_check_in(registration=regs[0], by=None)
    services.registration_cancel(registration=regs[1], by=None)
    due = event.ends_at + timedelta(days=event.retention_days)
    assert services.purge_personal_data(now=due - timedelta(hours=1)) == []
    assert Registration.objects.count() == 3
    assert services.purge_personal_data(now=due + timedelta(days=1)) == [event.pk]
    assert not Registration.objects.exists()
    total = AttendanceFigure.objects.get(event=event, workshop=None)
    assert (total.registered, total.confirmed, total.waiting, total.cancelled, total.attended) == (
        3,
        2,
        0,
        1,
        1,
    )
    per_workshop = AttendanceFigure.objects.get(event=event, workshop=workshop)
    assert (per_workshop.confirmed, per_workshop.attended) == (2, 1)
    # idempotent: a second run changes nothing
    assert services.purge_personal_data(now=due + timedelta(days=2)) == []
    assert AttendanceFigure.objects.count() == 2
    assert AuditEntry.objects.filter(action="event.personal_data_purged").count() == 1
    # audit entries never carried the names
    assert not AuditEntry.objects.filter(target_repr__icontains="Person").exists()


def test_purge_command_runs_idempotently(event):
    from io import StringIO

    from django.core.management import call_command

    register(event, 1)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(days=200),
        ends_at=timezone.now() - timedelta(days=199),
        registration_opens_at=timezone.now() - timedelta(days=300),
        registration_closes_at=timezone.now() - timedelta(days=201),
    )
    out = StringIO()
    call_command("purge_event_personal_data", stdout=out)
    call_command("purge_event_personal_data", stdout=out)
    assert out.getvalue().splitlines() == [
        "Veranstaltungen bereinigt: 1",
        "Veranstaltungen bereinigt: 0",
    ]
    assert not Registration.objects.exists()


def test_exhibitor_slots_are_numbered_and_limited(world):
    event = EventFactory(exhibitor_slots=2)
    first = services.exhibitor_add(
        event=event, by=None, organisation=world["org_a"], project_title="A"
    )
    second = services.exhibitor_add(
        event=event, by=None, organisation=world["org_b"], project_title="B"
    )
    assert (first.slot_number, second.slot_number) == (1, 2)
    with pytest.raises(DomainError):
        services.exhibitor_add(event=event, by=None, organisation=world["org_a"], project_title="C")


def test_agenda_item_must_end_after_it_starts(event, client, login, world):
    from django.urls import reverse

    organiser = login(world.users["programme_staff"])
    url = reverse("events:agenda-item-add", args=[event.slug])
    bad = organiser.post(
        url, {"title": "Impuls", "starts_at": "2027-03-18T10:00", "ends_at": "2027-03-18T09:00"}
    )
    assert bad.status_code == 422
    good = organiser.post(
        url, {"title": "Impuls", "starts_at": "2027-03-18T10:00", "ends_at": "2027-03-18T11:00"}
    )
    assert good.status_code == 302
    assert event.agenda_items.get().title == "Impuls"
