"""Organisers edit and delete agenda items, workshops (Foren) and stands after creating them."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.events import services
from wirportal.events.models import AgendaItem, ChoiceStatus, Exhibitor, Workshop

from .factories import EventFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return EventFactory(host_office=world["office_x"], slug="treffen", exhibitor_slots=2)


def register(event, n, workshops=()):
    return services.registration_create(
        event=event,
        by=None,
        first_name="Vorname",
        last_name=f"Person {n}",
        email=f"person{n}@example.org",
        consent=True,
        workshops=workshops,
    )


def test_agenda_item_is_changed_and_deleted_with_audit(event):
    item = services.agenda_item_add(
        event=event, by=None, title="Begrüßung", starts_at=event.starts_at
    )

    services.agenda_item_update(
        item=item,
        by=None,
        title="Grußwort",
        starts_at=event.starts_at + timedelta(minutes=15),
        speaker="Staatssekretärin",
    )
    item.refresh_from_db()
    assert (item.title, item.speaker) == ("Grußwort", "Staatssekretärin")
    services.agenda_item_delete(item=item, by=None)

    assert not AgendaItem.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("pk"))
    assert actions[-2:] == ["event.agenda_item_changed", "event.agenda_item_removed"]


def test_agenda_item_end_before_start_is_refused(event):
    item = services.agenda_item_add(
        event=event, by=None, title="Begrüßung", starts_at=event.starts_at
    )
    with pytest.raises(ValidationError, match="Ende"):
        services.agenda_item_update(
            item=item,
            by=None,
            title="Begrüßung",
            starts_at=event.starts_at,
            ends_at=event.starts_at - timedelta(hours=1),
        )


def test_workshop_with_registrations_cannot_be_deleted(event):
    workshop = WorkshopFactory(event=event)
    register(event, 1, workshops=[workshop])

    with pytest.raises(DomainError, match="kann nicht gelöscht werden: 1 Anmeldungen"):
        services.workshop_delete(workshop=workshop, by=None)
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_workshop_chosen_only_by_cancelled_registrations_can_be_deleted(event):
    workshop = WorkshopFactory(event=event)
    registration = register(event, 1, workshops=[workshop])
    services.registration_cancel(registration=registration, by=None)

    services.workshop_delete(workshop=workshop, by=None)

    assert not Workshop.objects.filter(pk=workshop.pk).exists()
    assert AuditEntry.objects.filter(action="event.workshop_removed").exists()


def test_workshop_capacity_cannot_drop_below_taken_seats_and_more_seats_promote(event):
    workshop = WorkshopFactory(event=event, capacity=1)
    register(event, 1, workshops=[workshop])
    second = register(event, 2, workshops=[workshop])
    assert second.choices.get().status == ChoiceStatus.WAITING

    with pytest.raises(DomainError) as error:
        services.workshop_update(workshop=workshop, by=None, title="Forum", capacity=0)
    assert error.value.field == "capacity"
    services.workshop_update(workshop=workshop, by=None, title="Forum neu", capacity=2)

    assert second.choices.get().status == ChoiceStatus.CONFIRMED
    workshop.refresh_from_db()
    assert (workshop.title, workshop.capacity) == ("Forum neu", 2)


def test_stand_moves_to_a_free_slot_only(event, world):
    first = services.exhibitor_add(
        event=event, by=None, organisation=world["org_a"], project_title="Sprachcafé"
    )
    second = services.exhibitor_add(
        event=event, by=None, organisation=world["org_b"], project_title="Lernwerkstatt"
    )
    for slot in (second.slot_number, 3, 0):
        with pytest.raises(DomainError) as error:
            services.exhibitor_update(
                exhibitor=first,
                by=None,
                organisation=world["org_a"],
                project_title="Sprachcafé",
                slot_number=slot,
            )
        assert error.value.field == "slot_number"

    services.exhibitor_delete(exhibitor=second, by=None)
    services.exhibitor_update(
        exhibitor=first, by=None, organisation=world["org_b"], project_title="Café", slot_number=2
    )
    first.refresh_from_db()
    assert (first.slot_number, first.organisation, first.project_title) == (
        2,
        world["org_b"],
        "Café",
    )
    assert list(Exhibitor.objects.all()) == [first]


def test_organiser_edits_and_deletes_on_pages(event, login, world):
    client = login(world.users["coordinator_x"])
    item = services.agenda_item_add(
        event=event, by=None, title="Begrüßung", starts_at=event.starts_at
    )
    detail = client.get(reverse("events:event-detail", args=[event.slug])).content.decode()
    edit_url = reverse("events:agenda-item-update", args=[event.slug, item.pk])
    assert edit_url in detail

    page = client.get(edit_url).content.decode()
    assert 'value="Begrüßung"' in page
    bad = client.post(edit_url, {"title": "", "starts_at": "2027-03-01T10:00"})
    assert bad.status_code == 422 and 'value="2027-03-01T10:00"' in bad.content.decode()
    assert (
        client.post(edit_url, {"title": "Grußwort", "starts_at": "2027-03-01T10:00"}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.title == "Grußwort"

    delete_url = reverse("events:agenda-item-delete", args=[event.slug, item.pk])
    assert "Wirklich löschen: „Grußwort“?" in client.get(delete_url).content.decode()
    assert client.post(delete_url).status_code == 302
    assert not AgendaItem.objects.exists()


def test_refused_workshop_deletion_shows_a_german_message(event, login, world):
    workshop = WorkshopFactory(event=event)
    register(event, 1, workshops=[workshop])
    client = login(world.users["coordinator_x"])

    response = client.post(
        reverse("events:workshop-delete", args=[event.slug, workshop.pk]), follow=True
    )

    assert "Dieses Forum kann nicht gelöscht werden" in response.content.decode()
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_foreign_coordinator_cannot_edit_or_delete(event, login, world):
    workshop = WorkshopFactory(event=event)
    client = login(world.users["coordinator_y"])

    assert (
        client.post(reverse("events:workshop-delete", args=[event.slug, workshop.pk])).status_code
        == 403
    )
    other = EventFactory(host_office=world["office_x"])
    assert (
        login(world.users["coordinator_x"])
        .get(reverse("events:workshop-update", args=[other.slug, workshop.pk]))
        .status_code
        == 404
    )
    assert Workshop.objects.filter(pk=workshop.pk).exists()
