"""A coordinator's unit is read with the cached person (accounts.cache.cache_with_person) and
counts at once when it changes: moved to another unit, handed to another person, ended."""

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.offices.models import OfficeMembership

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(world):
    """The list of registrations of an event hosted by unit X (only X's coordinator may see it)."""
    event = EventFactory(host_office=world["office_x"], slug="treffen-x")
    return reverse("events:registration-list", args=[event.slug])


def _membership_reads(queries) -> int:
    table = OfficeMembership._meta.db_table
    return sum(f'FROM "{table}"' in q["sql"] for q in queries)


def test_a_coordinators_unit_comes_with_the_cached_person(login, world, registrations):
    client = login(world.users["coordinator_x"])
    assert client.get(registrations).status_code == 200  # person cached now
    with CaptureQueriesContext(connection) as later:
        assert client.get(registrations).status_code == 200
    assert _membership_reads(later.captured_queries) == 0


def test_a_coordinator_moved_to_another_unit_loses_the_old_units_pages_at_once(
    login, world, registrations
):
    client = login(world.users["coordinator_x"])
    assert client.get(registrations).status_code == 200
    membership = OfficeMembership.objects.get(user=world.users["coordinator_x"])
    membership.office = world["office_y"]
    membership.save()
    assert client.get(registrations).status_code == 403


def test_a_membership_handed_to_another_person_counts_for_both_at_once(login, world, registrations):
    successor = UserFactory(role=Role.COORDINATOR, email="nachfolge@example.org")
    assert login(successor).get(registrations).status_code == 403  # cached without a unit
    client = login(world.users["coordinator_x"])
    assert client.get(registrations).status_code == 200  # cached with unit X
    membership = OfficeMembership.objects.get(user=world.users["coordinator_x"])
    membership.user = successor
    membership.save()
    assert login(world.users["coordinator_x"]).get(registrations).status_code == 403
    assert login(successor).get(registrations).status_code == 200


def test_an_ended_membership_counts_at_once(login, world, registrations):
    client = login(world.users["coordinator_x"])
    assert client.get(registrations).status_code == 200
    OfficeMembership.objects.filter(user=world.users["coordinator_x"]).delete()
    assert client.get(registrations).status_code == 403


def test_negative_control_without_the_flush_the_old_unit_stays(login, world, registrations):
    """The tests above fail for the right reason: with the flush disconnected, the person's cached
    entry keeps unit X after the move."""
    from wirportal.accounts import cache

    client = login(world.users["coordinator_x"])
    assert client.get(registrations).status_code == 200
    assert post_save.disconnect(cache.on_person_relation_change, sender=OfficeMembership)
    try:
        membership = OfficeMembership.objects.get(user=world.users["coordinator_x"])
        membership.office = world["office_y"]
        membership.save()
        assert client.get(registrations).status_code == 200  # stale: the old unit
    finally:
        post_save.connect(cache.on_person_relation_change, sender=OfficeMembership)
    cache.flush_user(world.users["coordinator_x"].pk)
    assert client.get(registrations).status_code == 403
