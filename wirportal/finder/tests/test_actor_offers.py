"""Offers from the regional actors' directory: the coordinators of the unit that keeps an actor's
entry create, publish and withdraw its offers on the same pages as the recipients of grants."""

import pytest

from wirportal.finder.models import Offer
from wirportal.offices.tests.factories import RegionalActorFactory

from .factories import offer_data

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = offer_data(**overrides)
    data["languages"] = ["de", "uk"]
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_the_keeping_unit_creates_and_publishes_an_actors_offer(world, client):
    actor = RegionalActorFactory(
        owner_office=world["office_x"], is_public=True, name="Lotsen e. V."
    )
    hidden = RegionalActorFactory(owner_office=world["office_x"], is_public=False, name="Intern")
    client.force_login(world.users["coordinator_x"])
    manage = client.get("/angebote/verwalten/")
    assert manage.status_code == 200
    page = manage.content.decode()
    assert "Lotsen e. V." in page and f"/angebote/verwalten/akteur/{actor.pk}/neu/" in page
    assert f"/angebote/verwalten/akteur/{hidden.pk}/neu/" not in page  # not public: no offer

    url = f"/angebote/verwalten/akteur/{actor.pk}/neu/"
    assert client.get(url).status_code == 200
    refused = client.post(url, _form(name="Lotsensprechstunde", postcode="99999"))
    assert refused.status_code == 422
    assert 'value="Lotsensprechstunde"' in refused.content.decode()
    assert client.post(url, _form(name="Lotsensprechstunde")).status_code == 302
    offer = Offer.objects.get(actor=actor)
    assert offer.office == world["office_x"] and not offer.is_published
    assert "Lotsensprechstunde" in client.get("/angebote/verwalten/").content.decode()

    done = client.post(f"/angebote/verwalten/{offer.pk}/veroeffentlichen/", {"consent": "on"})
    assert done.status_code == 302
    client.logout()
    assert "Lotsensprechstunde" in client.get("/angebote/").content.decode()


def test_another_unit_and_applicants_cannot_create_offers_for_the_actor(world, client):
    actor = RegionalActorFactory(owner_office=world["office_x"], is_public=True)
    url = f"/angebote/verwalten/akteur/{actor.pk}/neu/"
    for role in ("coordinator_y", "applicant_a", "case_worker"):
        client.force_login(world.users[role])
        assert client.post(url, _form()).status_code in (403, 404), role
    assert not Offer.objects.exists()


def test_a_non_public_actor_gets_no_offer(world, client):
    actor = RegionalActorFactory(owner_office=world["office_x"], is_public=False)
    client.force_login(world.users["coordinator_x"])
    response = client.post(f"/angebote/verwalten/akteur/{actor.pk}/neu/", _form())
    assert response.status_code == 422
    assert "öffentlich" in response.content.decode()
    assert not Offer.objects.exists()
