"""Open data: published contacts and public actors of a unit; nothing else leaks."""

import pytest

from wirportal.offices.models import Topic
from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world):
    kassel = world["office_x"]
    StaffEntryFactory(
        office=kassel,
        name="Öffentliche Person",
        email="oeffentlich@kassel.example.org",
        phone="0561 1",
        publish=True,
        publish_email=True,
    )
    StaffEntryFactory(office=kassel, name="Private Person", publish=False)
    sprache = Topic.objects.get(slug="sprache")
    RegionalActorFactory(
        name="Öffentlicher Verein",
        offices=[kassel],
        is_public=True,
        topics=[sprache],
        contact_person="Erika Privat",
    )
    RegionalActorFactory(
        name="Interner Verein", offices=[kassel], is_public=False, topics=[sprache]
    )
    RegionalActorFactory(name="Verein in Süd", offices=[world["office_y"]], is_public=True)


def test_network_of_a_unit_shows_only_published_data(network, client):
    response = client.get("/api/einheiten/kassel/netzwerk")

    assert response.status_code == 200
    body = response.json()
    assert body["office"] == "kassel"
    assert body["staff"] == [
        {
            "name": "Öffentliche Person",
            "function": "coordination",
            "position_title": "WIR-Koordination",
            "email": "oeffentlich@kassel.example.org",
            "phone": "",
            "languages": "",
        }
    ]
    assert [actor["name"] for actor in body["actors"]] == ["Öffentlicher Verein"]
    assert "Erika Privat" not in response.content.decode()


def test_network_of_unknown_unit_is_404(reference_data, client):
    assert client.get("/api/einheiten/gibt-es-nicht/netzwerk").status_code == 404


def test_public_actor_list_filters(network, client):
    everything = client.get("/api/einheiten/akteure").json()
    by_topic = client.get("/api/einheiten/akteure", {"topic": "sprache"}).json()
    south = client.get("/api/einheiten/akteure", {"region": "sued"}).json()

    assert sorted(a["name"] for a in everything) == ["Verein in Süd", "Öffentlicher Verein"]
    assert [a["name"] for a in by_topic] == ["Öffentlicher Verein"]
    assert by_topic[0]["topics"] == ["sprache"]
    assert [a["name"] for a in south] == ["Verein in Süd"]


def test_api_is_documented_in_openapi(reference_data, client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert "/api/einheiten/akteure" in paths
    assert "/api/einheiten/{slug}/netzwerk" in paths
