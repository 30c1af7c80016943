"""Selectors load everything a page touches: iterating with FETCH_RAISE must not hit a lazy relation."""

import pytest
from django.db import models

from wirportal.offices import selectors
from wirportal.offices.models import Topic
from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

pytestmark = pytest.mark.django_db


def _touch_actor(actor):
    return (
        actor.get_kind_display(),
        [topic.name for topic in actor.topics.all()],
        [office.name for office in actor.offices.all()],
    )


def test_actor_list_rows_need_no_further_queries(world):
    RegionalActorFactory(
        offices=[world["office_x"], world["office_y"]], topics=list(Topic.objects.all()[:3])
    )

    actors = selectors.actor_list(user=world.users["applicant_a"]).fetch_mode(models.FETCH_RAISE)

    assert [_touch_actor(actor)[1] for actor in actors] == [["Sprache", "Arbeit", "Bildung"]]


def test_unit_page_selectors_need_no_further_queries(world, django_assert_num_queries):
    office = world["office_x"]
    RegionalActorFactory(offices=[office], is_public=True, topics=list(Topic.objects.all()[:2]))
    StaffEntryFactory(office=office, user=world.users["coordinator_x"], publish=True)
    actors = selectors.office_public_actors(office=office)
    staff = selectors.office_staff(office=office)

    with django_assert_num_queries(0):
        assert [_touch_actor(actor)[1] for actor in actors] == [["Sprache", "Arbeit"]]
        assert [entry.user.email for entry in staff] == ["x@example.org"]


def test_public_contact_blanks_every_unpublished_field(world):
    entry = StaffEntryFactory(
        office=world["office_x"], publish=True, publish_phone=True, languages="Deutsch, Farsi"
    )

    contact = entry.public_contact()

    assert (contact.email, contact.phone, contact.languages) == ("", entry.phone, "")
