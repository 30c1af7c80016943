"""Who keeps a regional actor: the unit that recorded it, not every unit that links it (issue 9)."""

import pytest
from django.urls import reverse

from wirportal.core.exceptions import DomainError
from wirportal.offices import services
from wirportal.offices.models import ActorKind, RegionalActor
from wirportal.offices.tests.factories import RegionalActorFactory

pytestmark = pytest.mark.django_db

ORIGINAL = "Beratung für Neuzugewanderte in Kassel."


@pytest.fixture
def actor_of_x(world):
    """Recorded by coordinator X through the form, so the unit X keeps it."""
    services.actor_create(
        by=world.users["coordinator_x"],
        offices=[world["office_x"]],
        name="Beratungsstelle Nord e. V.",
        kind=ActorKind.ASSOCIATION,
        description=ORIGINAL,
        is_public=True,
    )
    return RegionalActor.objects.get(name="Beratungsstelle Nord e. V.")


def _edit(client, actor, description):
    return client.post(
        reverse("offices:actor-update", args=[actor.pk]),
        {"name": actor.name, "kind": actor.kind, "description": description, "is_public": "on"},
    )


def test_linking_another_units_actor_gives_no_right_to_edit_it(world, login, actor_of_x):
    client = login(world.users["coordinator_y"])
    linked = client.post(
        reverse("offices:actor-link", args=[world["office_y"].slug, actor_of_x.pk])
    )
    assert linked.status_code == 302
    assert actor_of_x.offices.filter(pk=world["office_y"].pk).exists()

    assert client.get(reverse("offices:actor-update", args=[actor_of_x.pk])).status_code == 403
    assert _edit(client, actor_of_x, "Übernommen von Y").status_code == 403

    actor_of_x.refresh_from_db()
    assert actor_of_x.description == ORIGINAL
    # the detail page offers no edit button to the linking unit and says who keeps the actor
    html = client.get(reverse("offices:actor-detail", args=[actor_of_x.pk])).content.decode()
    assert reverse("offices:actor-update", args=[actor_of_x.pk]) not in html
    assert "Gepflegt von" in html and "Korrekturen bitte an" in html
    page = login(None).get(reverse("offices:office-detail", args=[world["office_x"].slug]))
    assert ORIGINAL in page.content.decode()
    assert "Übernommen von Y" not in page.content.decode()


def test_the_owning_unit_edits_and_history_names_the_unit(world, login, actor_of_x):
    services.actor_link_office(
        actor=actor_of_x, office=world["office_y"], by=world.users["coordinator_y"]
    )
    client = login(world.users["coordinator_x"])
    assert _edit(client, actor_of_x, "Neue Beschreibung").status_code == 302
    actor_of_x.refresh_from_db()
    assert actor_of_x.description == "Neue Beschreibung"

    records = list(actor_of_x.history.order_by("history_date", "history_id"))
    units = [record.changed_by_unit for record in records]
    assert units[0] == world["office_x"]  # created by X
    assert world["office_y"] in units  # linked by Y
    assert units[-1] == world["office_x"]  # edited by X
    html = client.get(reverse("offices:actor-detail", args=[actor_of_x.pk])).content.decode()
    assert "WIR-Einheit" in html and world["office_y"].name in html


def test_the_owning_unit_cannot_be_unlinked(world, actor_of_x):
    services.actor_link_office(
        actor=actor_of_x, office=world["office_y"], by=world.users["coordinator_y"]
    )
    with pytest.raises(DomainError):
        services.actor_unlink_office(
            actor=actor_of_x, office=world["office_x"], by=world.users["coordinator_x"]
        )
    # the linking unit can take the actor off its own page again
    services.actor_unlink_office(
        actor=actor_of_x, office=world["office_y"], by=world.users["coordinator_y"]
    )
    assert list(actor_of_x.offices.all()) == [world["office_x"]]


def test_programme_staff_hand_an_actor_over_to_another_unit(world, login, actor_of_x):
    client = login(world.users["programme_staff"])
    response = client.post(
        reverse("offices:actor-update", args=[actor_of_x.pk]),
        {
            "name": actor_of_x.name,
            "kind": actor_of_x.kind,
            "offices": [world["office_x"].pk, world["office_y"].pk],
            "owner_office": world["office_y"].pk,
        },
    )
    assert response.status_code == 302
    actor_of_x.refresh_from_db()
    assert actor_of_x.owner_office == world["office_y"]
    assert _edit(login(world.users["coordinator_y"]), actor_of_x, "Von Y").status_code == 302
    assert _edit(login(world.users["coordinator_x"]), actor_of_x, "Von X").status_code == 403


def test_the_keeping_unit_must_be_one_of_the_actors_units(world, login, actor_of_x):
    client = login(world.users["programme_staff"])
    response = client.post(
        reverse("offices:actor-update", args=[actor_of_x.pk]),
        {
            "name": actor_of_x.name,
            "kind": actor_of_x.kind,
            "offices": [world["office_x"].pk],
            "owner_office": world["office_y"].pk,
        },
    )
    assert response.status_code == 422
    assert "muss eine der WIR-Einheiten" in response.content.decode()
    actor_of_x.refresh_from_db()
    assert actor_of_x.owner_office == world["office_x"]


def test_factory_actor_is_kept_by_its_first_unit(world):
    actor = RegionalActorFactory(offices=[world["office_y"], world["office_x"]])
    assert actor.owner_office == world["office_y"]
