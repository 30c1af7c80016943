"""REST API of events: public programme without personal data; registrations for organisers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wirportal.events import services
from wirportal.events.models import EventStatus

from .factories import EventFactory, RegistrationFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

LIST = "/api/veranstaltungen/"


@pytest.fixture
def event(world):
    event = EventFactory(
        host_office=world["office_x"], slug="treffen", capacity=3, title="Treffen Nord"
    )
    workshop = WorkshopFactory(event=event, capacity=2, title="Forum Sprache")
    registration = RegistrationFactory(
        event=event,
        first_name="Ada",
        last_name="Lovelace",
        email="ada@example.org",
        accessibility_needs="Rollstuhl",
    )
    registration.choices.create(workshop=workshop, status="confirmed")
    return event


def test_public_list_shows_places_left_and_no_personal_data(event, client):
    EventFactory(title="Entwurf", status=EventStatus.DRAFT)
    EventFactory(title="Intern", audience="invited", invited_roles=",coordinator,")
    EventFactory(
        title="Vorbei",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=2),
        registration_opens_at=timezone.now() - timedelta(days=9),
        registration_closes_at=timezone.now() - timedelta(days=4),
    )

    response = client.get(LIST)

    assert response.status_code == 200
    (item,) = response.json()
    assert item["title"] == "Treffen Nord"
    assert (item["capacity"], item["remaining"]) == (3, 2)
    assert item["host"] == {"slug": "kassel", "name": event.host_office.name}
    assert item["workshops"] == [
        {"id": event.workshops.get().pk, "title": "Forum Sprache", "capacity": 2, "remaining": 1}
    ]
    assert item["online"] is False and item["registration_open"] is True
    body = response.content.decode()
    assert "Lovelace" not in body and "ada@example.org" not in body and "Rollstuhl" not in body


def test_invited_events_appear_for_invited_roles_only(event, client, login, world):
    EventFactory(title="Intern", audience="invited", invited_roles=",coordinator,")

    anonymous = [e["title"] for e in client.get(LIST).json()]
    coordinator = [e["title"] for e in login(world.users["coordinator_y"]).get(LIST).json()]

    assert anonymous == ["Treffen Nord"]
    assert sorted(coordinator) == ["Intern", "Treffen Nord"]


def test_detail_and_cancelled_events(event, client):
    detail = client.get(f"{LIST}treffen")
    assert detail.status_code == 200 and detail.json()["slug"] == "treffen"
    assert client.get(f"{LIST}gibt-es-nicht").status_code == 404
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(f"{LIST}{draft.slug}").status_code == 404

    services.event_cancel(event=event, by=None, reason="Unwetter")
    cancelled = client.get(f"{LIST}treffen").json()

    assert cancelled["status"] == "cancelled"
    assert cancelled["cancellation_reason"] == "Unwetter"
    assert cancelled["remaining"] == 0 and cancelled["registration_open"] is False


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 401),
        ("applicant_a", 403),
        ("coordinator_y", 403),
        ("reviewer", 403),
        ("coordinator_x", 200),
        ("programme_staff", 200),
        ("admin", 200),
    ],
)
def test_registrations_only_for_organisers_of_the_event(event, login, world, role, status):
    response = login(world.users[role]).get(f"{LIST}treffen/anmeldungen")

    assert response.status_code == status
    if status == 200:
        (row,) = response.json()
        assert (row["first_name"], row["last_name"], row["status"]) == (
            "Ada",
            "Lovelace",
            "confirmed",
        )
        assert row["workshops"][0]["workshop"] == "Forum Sprache"
        assert "email" not in row and "Rollstuhl" not in response.content.decode()


def test_registrations_of_an_invisible_event_do_not_exist(world, login):
    hidden = EventFactory(host_office=world["office_y"], status=EventStatus.DRAFT)

    response = login(world.users["coordinator_x"]).get(f"{LIST}{hidden.slug}/anmeldungen")

    assert response.status_code == 404


def test_list_needs_a_constant_number_of_queries(event, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(LIST)
    for _ in range(3):
        other = EventFactory()
        WorkshopFactory(event=other)
    with django_assert_num_queries(len(first.captured_queries)):
        assert len(client.get(LIST).json()) == 4


def test_api_is_documented_in_openapi(reference_data, client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert {"/api/veranstaltungen/", "/api/veranstaltungen/{slug}"} <= set(paths)
    assert "/api/veranstaltungen/{slug}/anmeldungen" in paths
