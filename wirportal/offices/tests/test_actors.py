"""Regional actors: coordinators keep those of their own unit; search and filter for everyone."""

import pytest
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.core.testing import assert_constant_queries
from wirportal.offices import selectors, services
from wirportal.offices.models import ActorKind, Office, RegionalActor, Topic
from wirportal.offices.tests.factories import RegionalActorFactory

pytestmark = pytest.mark.django_db


def _topic(slug):
    return Topic.objects.get(slug=slug)


def test_topics_are_reference_data(reference_data):
    assert Topic.objects.count() == 10
    assert _topic("interkulturelle-oeffnung").name == "Interkulturelle Öffnung"


def test_coordinator_creates_actor_for_own_unit_only(world, login):
    """Mass assignment: a coordinator posting another unit still gets only their own."""
    client = login(world.users["coordinator_x"])

    response = client.post(
        reverse("offices:actor-create"),
        {
            "name": "Sprachcafé Nordstadt",
            "kind": ActorKind.ASSOCIATION,
            "topics": [_topic("sprache").pk],
            "offices": [world["office_y"].pk],
            "is_public": "on",
        },
    )

    actor = RegionalActor.objects.get(name="Sprachcafé Nordstadt")
    assert response.status_code == 302
    assert list(actor.offices.all()) == [world["office_x"]]
    assert list(actor.topics.all()) == [_topic("sprache")]
    audit = AuditEntry.objects.get(action="regional_actor.created")
    assert audit.data == {"offices": ["kassel"], "owner_office": "kassel"}


def test_coordinator_update_cannot_move_actor_to_another_unit(world, login):
    actor = RegionalActorFactory(offices=[world["office_x"]])

    login(world.users["coordinator_x"]).post(
        reverse("offices:actor-update", args=[actor.pk]),
        {"name": "Neuer Name", "kind": ActorKind.WELFARE, "offices": [world["office_y"].pk]},
    )

    actor.refresh_from_db()
    assert actor.name == "Neuer Name"
    assert list(actor.offices.all()) == [world["office_x"]]


def test_foreign_coordinator_cannot_edit(world, login):
    actor = RegionalActorFactory(offices=[world["office_x"]], name="Unverändert")

    response = login(world.users["coordinator_y"]).post(
        reverse("offices:actor-update", args=[actor.pk]),
        {"name": "Übernommen", "kind": ActorKind.WELFARE},
    )

    assert response.status_code == 403
    actor.refresh_from_db()
    assert actor.name == "Unverändert"


def test_programme_staff_must_choose_a_unit_and_keeps_input(world, login):
    response = login(world.users["programme_staff"]).post(
        reverse("offices:actor-create"),
        {
            "name": "Landesweites Netzwerk",
            "kind": ActorKind.ASSOCIATION,
            "postcode": "123",
            "description": "Beschreibung bleibt erhalten",
        },
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Bitte wählen Sie mindestens eine WIR-Einheit." in html
    assert "Bitte geben Sie eine fünfstellige Postleitzahl an." in html
    assert 'value="Landesweites Netzwerk"' in html
    assert "Beschreibung bleibt erhalten" in html
    assert not RegionalActor.objects.exists()


def test_programme_staff_sets_units_and_history_keeps_them(world):
    actor = services.actor_create(
        by=world.users["programme_staff"],
        offices=[world["office_x"]],
        name="Verband",
        kind=ActorKind.WELFARE,
    )

    services.actor_update(
        actor=actor,
        by=world.users["programme_staff"],
        offices=[world["office_x"], world["office_y"]],
        topics=[_topic("arbeit")],
    )

    assert set(actor.offices.values_list("slug", flat=True)) == {"kassel", "bad-homburg"}
    audit = AuditEntry.objects.filter(action="regional_actor.updated").get()
    assert audit.data == {"fields": ["topics", "offices"]}
    latest = actor.history.latest()
    assert {row.office_id for row in latest.offices.all()} == {
        world["office_x"].pk,
        world["office_y"].pk,
    }


def test_link_and_unlink_a_unit(world):
    actor = RegionalActorFactory(offices=[world["office_y"]])
    by = world.users["coordinator_x"]

    services.actor_link_office(actor=actor, office=world["office_x"], by=by)
    with pytest.raises(DomainError):
        services.actor_link_office(actor=actor, office=world["office_x"], by=by)
    services.actor_unlink_office(actor=actor, office=world["office_x"], by=by)

    assert list(actor.offices.all()) == [world["office_y"]]
    assert AuditEntry.objects.filter(action__startswith="regional_actor.office_").count() == 2


def test_the_last_unit_cannot_be_unlinked(world):
    actor = RegionalActorFactory(offices=[world["office_x"]])

    with pytest.raises(DomainError, match="nur in dieser WIR-Einheit"):
        services.actor_unlink_office(
            actor=actor, office=world["office_x"], by=world.users["coordinator_x"]
        )


def test_coordinator_links_actor_of_another_unit_to_own(world, login):
    actor = RegionalActorFactory(offices=[world["office_y"]])

    response = login(world.users["coordinator_x"]).post(
        reverse("offices:actor-link", args=["kassel", actor.pk])
    )

    assert response.status_code == 302
    assert set(actor.offices.all()) == {world["office_x"], world["office_y"]}


def test_coordinator_deletes_only_actors_of_own_unit_alone(world, login):
    only_x = RegionalActorFactory(offices=[world["office_x"]])
    shared = RegionalActorFactory(offices=[world["office_x"], world["office_y"]])
    client = login(world.users["coordinator_x"])

    assert client.post(reverse("offices:actor-delete", args=[only_x.pk])).status_code == 302
    assert client.post(reverse("offices:actor-delete", args=[shared.pk])).status_code == 403
    assert list(RegionalActor.objects.all()) == [shared]
    assert AuditEntry.objects.filter(action="regional_actor.deleted").count() == 1


def test_detail_shows_link_button_to_other_coordinators(world, login):
    actor = RegionalActorFactory(offices=[world["office_y"]])

    html = login(world.users["coordinator_x"]).get(reverse("offices:actor-detail", args=[actor.pk]))

    content = html.content.decode()
    assert reverse("offices:actor-link", args=["kassel", actor.pk]) in content
    assert reverse("offices:actor-update", args=[actor.pk]) not in content


# --- search and filter ----------------------------------------------------------------------------


@pytest.fixture
def directory(world):
    kassel, homburg = world["office_x"], world["office_y"]  # Nord, Süd
    fulda = Office.objects.get(slug="fulda")
    return {
        "vhs": RegionalActorFactory(
            name="Volkshochschule Kassel",
            kind=ActorKind.LANGUAGE_COURSE_PROVIDER,
            offices=[kassel],
            topics=[_topic("sprache"), _topic("bildung")],
        ),
        "awo": RegionalActorFactory(
            name="AWO Hochtaunus",
            kind=ActorKind.WELFARE,
            offices=[homburg],
            topics=[_topic("arbeit"), _topic("frauen")],
            description="Migrationsberatung und Sprachcafé",
        ),
        "jmd": RegionalActorFactory(
            name="Jugendmigrationsdienst",
            kind=ActorKind.WELFARE,
            offices=[fulda, kassel],
            topics=[_topic("kinder-und-jugend"), _topic("sprache")],
        ),
    }


def _names(user, **filters):
    return [actor.name for actor in selectors.actor_list(user=user, **filters)]


def test_filter_by_topic(world, directory):
    user = world.users["applicant_a"]
    assert _names(user, topic="sprache") == ["Jugendmigrationsdienst", "Volkshochschule Kassel"]


def test_filter_by_kind_and_unit(world, directory):
    user = world.users["applicant_a"]
    assert _names(user, kind=ActorKind.WELFARE, office="kassel") == ["Jugendmigrationsdienst"]


def test_filter_by_region_lists_each_actor_once(world, directory):
    user = world.users["applicant_a"]
    # the Jugendmigrationsdienst works in two northern units and still appears once
    assert _names(user, region="nord") == ["Jugendmigrationsdienst", "Volkshochschule Kassel"]
    assert _names(user, region="sued") == ["AWO Hochtaunus"]


def test_search_covers_name_and_description(world, directory):
    user = world.users["applicant_a"]
    assert _names(user, query="sprachcafé") == ["AWO Hochtaunus"]
    assert _names(user, query="volkshoch") == ["Volkshochschule Kassel"]


def test_anonymous_sees_no_directory(world, directory):
    from django.contrib.auth.models import AnonymousUser

    assert _names(AnonymousUser()) == []


def test_list_page_filters_via_htmx_partial(world, directory, login):
    response = login(world.users["applicant_a"]).get(
        reverse("offices:actor-list"), {"topic": "frauen"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<h1" not in html
    assert "AWO Hochtaunus" in html
    assert "Volkshochschule Kassel" not in html


def test_pagination_keeps_the_filters(world, login):
    for n in range(30):
        RegionalActorFactory(name=f"Sprachverein {n:02d}", topics=[_topic("sprache")])

    html = login(world.users["applicant_a"]).get(
        reverse("offices:actor-list"), {"topic": "sprache", "q": "verein"}
    )

    content = html.content.decode()
    assert "30 Akteure gefunden" in content
    assert "?topic=sprache&amp;q=verein&amp;page=2" in content


def test_unknown_filter_value_is_reported_next_to_the_field(world, directory, login):
    response = login(world.users["applicant_a"]).get(
        reverse("offices:actor-list"), {"topic": "gibt-es-nicht"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_topic_error"' in html
    assert "3 Akteure gefunden" in html


@pytest.mark.parametrize("htmx", [False, True])
def test_actor_list_has_constant_queries(world, login, django_assert_num_queries, htmx):
    client = login(world.users["coordinator_x"])
    headers = {"HX-Request": "true"} if htmx else {}
    RegionalActorFactory(offices=[world["office_x"]], topics=[_topic("sprache")])

    def add_rows():
        for _ in range(10):
            RegionalActorFactory(
                offices=[world["office_x"], world["office_y"]],
                topics=[_topic("sprache"), _topic("arbeit")],
            )

    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("offices:actor-list"), {"region": "nord"}, headers=headers),
        add_rows,
    )


def test_actor_detail_has_constant_queries(world, login, django_assert_num_queries):
    client = login(world.users["coordinator_x"])
    actor = RegionalActorFactory(offices=[world["office_x"]], topics=[_topic("sprache")])

    def add_rows():
        actor.topics.add(_topic("arbeit"), _topic("wohnen"))
        actor.offices.add(world["office_y"], Office.objects.get(slug="fulda"))

    assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(reverse("offices:actor-detail", args=[actor.pk])),
        add_rows,
    )
