"""Issue #12: an event page names the participating units and actors where the organiser
publishes them; a participating unit's page lists the event beside the ones it hosts."""

import pytest
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.core.testing import assert_constant_queries
from wirportal.events import services
from wirportal.events.tests.factories import EventFactory
from wirportal.offices.models import Office
from wirportal.offices.tests.factories import RegionalActorFactory

pytestmark = pytest.mark.django_db


def _url(event, name="events:event-detail"):
    return reverse(name, args=[event.slug])


@pytest.fixture
def event(world):
    return EventFactory(title="Regionalkonferenz Nordhessen", host_office=world["office_x"])


def _publish(event, by, offices=(), actors=(), published=True):
    return services.event_set_participants(
        event=event, by=by, offices=list(offices), actors=list(actors), published=published
    )


def test_the_host_coordinator_names_units_and_actors_and_the_page_shows_them(world, event, login):
    public = RegionalActorFactory(name="Sprachbrücke e. V.", is_public=True)
    private = RegionalActorFactory(name="Stille Runde e. V.", is_public=False)
    client = login(world.users["coordinator_x"])
    response = client.post(
        _url(event, "events:event-participants"),
        {"offices": [world["office_y"].pk], "actors": [public.pk, private.pk], "published": "on"},
    )
    assert response.status_code == 302
    assert set(event.participating_offices.all()) == {world["office_y"]}
    assert AuditEntry.objects.filter(action="event.participants_set").count() == 1

    client.logout()
    body = client.get(_url(event)).content.decode()
    assert "Beteiligte" in body
    assert reverse("offices:office-detail", args=[world["office_y"].slug]) in body
    assert "Sprachbrücke e. V." in body
    assert "Stille Runde e. V." not in body  # an actor whose entry is not public is not named


def test_unpublished_participants_are_seen_by_organisers_only(world, event, login):
    _publish(event, world.users["coordinator_x"], offices=[world["office_y"]], published=False)
    anonymous = login(None).get(_url(event)).content.decode()
    assert world["office_y"].name not in anonymous
    organiser = login(world.users["coordinator_x"]).get(_url(event)).content.decode()
    assert world["office_y"].name in organiser
    assert "Noch nicht veröffentlicht" in organiser


def test_another_units_coordinator_may_not_set_them(world, event, login):
    response = login(world.users["coordinator_y"]).post(
        _url(event, "events:event-participants"), {"offices": [world["office_y"].pk]}
    )
    assert response.status_code == 403
    assert not event.participating_offices.exists()


def test_the_host_unit_is_refused_next_to_the_units_and_the_choice_is_kept(world, event, login):
    actor = RegionalActorFactory(is_public=True)
    with pytest.raises(DomainError) as refused:
        _publish(event, world.users["coordinator_x"], offices=[world["office_x"]])
    assert refused.value.field == "offices"
    # the form does not even offer the host; a forged choice is refused next to the field
    response = login(world.users["coordinator_x"]).post(
        _url(event, "events:event-participants"),
        {"offices": [world["office_x"].pk], "actors": [actor.pk], "published": "on"},
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "offices" in form.errors
    assert [str(pk) for pk in form["actors"].value()] == [str(actor.pk)]
    assert form["published"].value() is True


def test_a_participating_unit_lists_the_event_beside_its_hosted_ones(world, event, client):
    y = world["office_y"]
    hosted = EventFactory(title="Treffen in Bad Homburg", host_office=y)
    unit_page = reverse("offices:office-detail", args=[y.slug])
    _publish(event, None, offices=[y], published=False)
    body = client.get(unit_page).content.decode()
    assert hosted.title in body and event.title not in body  # not published yet
    _publish(event, None, offices=[y], published=True)
    body = client.get(unit_page).content.decode()
    assert hosted.title in body and event.title in body
    assert "beteiligt" in body


def test_event_page_queries_stay_constant_with_more_participants(
    world, event, client, django_assert_num_queries
):
    offices = list(Office.objects.exclude(pk=event.host_office_id).order_by("pk"))
    _publish(event, None, offices=offices[:1], actors=[RegionalActorFactory(is_public=True)])

    def more():
        actors = [RegionalActorFactory(is_public=True) for _ in range(3)]
        _publish(
            event, None, offices=offices[:4], actors=[*event.participating_actors.all(), *actors]
        )

    assert_constant_queries(django_assert_num_queries, lambda: client.get(_url(event)), more)


def test_event_page_queries_stay_constant_for_the_organiser(
    world, event, login, django_assert_num_queries
):
    client = login(world.users["coordinator_x"])
    offices = list(Office.objects.exclude(pk=event.host_office_id).order_by("pk"))
    _publish(event, None, offices=offices[:1], published=False)

    def more():
        _publish(event, None, offices=offices[:5], actors=[RegionalActorFactory(is_public=True)])

    assert_constant_queries(django_assert_num_queries, lambda: client.get(_url(event)), more)


def test_unit_page_queries_stay_constant_with_more_participations(
    world, client, django_assert_num_queries
):
    y = world["office_y"]

    def more():
        for _ in range(3):
            _publish(EventFactory(host_office=world["office_x"]), None, offices=[y])

    more()
    url = reverse("offices:office-detail", args=[y.slug])
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)
