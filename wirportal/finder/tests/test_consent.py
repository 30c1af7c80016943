"""Consent and publication: nothing public without it, withdrawal unpublishes at once."""

import pytest

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DomainError
from wirportal.finder import selectors, services
from wirportal.finder.models import Offer

from .factories import offer_data, published_offer, recipient

pytestmark = pytest.mark.django_db


def test_publication_needs_explicit_consent_and_records_who_and_when(reference_data):
    member, grant = recipient()
    offer = services.offer_create(by=member, decision=grant, data=offer_data())
    assert not offer.is_published
    with pytest.raises(DomainError):
        services.offer_publish(by=member, offer=offer, consent=False)
    offer.refresh_from_db()
    assert not offer.is_published and offer.consent_at is None
    offer = services.offer_publish(by=member, offer=offer, consent=True)
    assert offer.is_published and offer.consent_by == member and offer.consent_at is not None
    assert AuditEntry.objects.filter(action="offer.published", actor=member).exists()


def test_the_database_refuses_publication_without_consent(reference_data):
    from django.db import IntegrityError, transaction

    member, grant = recipient()
    offer = services.offer_create(by=member, decision=grant, data=offer_data())
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(is_published=True)


def test_withdrawal_unpublishes_at_once(reference_data, client):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member, name="Frauencafé")
    assert client.get(f"/angebote/{offer.pk}/").status_code == 200
    services.offer_withdraw(by=member, offer=offer)
    assert client.get(f"/angebote/{offer.pk}/").status_code == 404
    assert "Frauencafé" not in client.get("/angebote/").content.decode()
    offer.refresh_from_db()
    assert offer.withdrawn_by == member and offer.withdrawn_at is not None


def test_withdrawal_through_the_page_also_with_the_page_cache_on(
    reference_data, client, page_cache
):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member, name="Frauencafé")
    assert "Frauencafé" in client.get("/angebote/").content.decode()  # now cached
    client.force_login(member)
    response = client.post(f"/angebote/verwalten/{offer.pk}/zurueckziehen/")
    assert response.status_code == 302
    client.logout()
    assert "Frauencafé" not in client.get("/angebote/").content.decode()


def test_members_publish_through_the_page_with_the_consent_box(reference_data, client):
    member, grant = recipient()
    offer = services.offer_create(by=member, decision=grant, data=offer_data())
    client.force_login(member)
    refused = client.post(f"/angebote/verwalten/{offer.pk}/veroeffentlichen/", {})
    assert refused.status_code == 422
    assert "Ohne Ihre Einwilligung" in refused.content.decode()
    assert not Offer.objects.get(pk=offer.pk).is_published
    done = client.post(f"/angebote/verwalten/{offer.pk}/veroeffentlichen/", {"consent": "on"})
    assert done.status_code == 302
    assert Offer.objects.get(pk=offer.pk).is_published


def test_members_create_an_offer_through_the_page(reference_data, client):
    member, grant = recipient()
    client.force_login(member)
    data = offer_data(postcode="99999")
    data["languages"] = ["ar", "tr"]
    data = {k: ("" if v is None else v) for k, v in data.items()}
    refused = client.post(f"/angebote/verwalten/neu/{grant.pk}/", data)
    assert refused.status_code == 422
    assert "liegt nicht in Hessen" in refused.content.decode()
    assert 'value="Deutsch 4U am Nachmittag"' in refused.content.decode()
    data["postcode"] = "34117"
    assert client.post(f"/angebote/verwalten/neu/{grant.pk}/", data).status_code == 302
    offer = Offer.objects.get()
    assert offer.language_codes == ["ar", "tr"] and offer.place == "Kassel"
    assert not offer.is_published


def test_offers_only_for_accepted_grants(reference_data):
    member, grant = recipient()
    grant.revoke()
    grant.save()
    with pytest.raises(DomainError):
        services.offer_create(by=member, decision=grant, data=offer_data())


def test_actor_offers_only_while_the_actor_is_public(reference_data):
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.offices.models import Office
    from wirportal.offices.tests.factories import RegionalActorFactory

    coordinator = UserFactory(role=Role.COORDINATOR, email="k@example.org")
    actor = RegionalActorFactory(owner_office=Office.objects.get(slug="kassel"), is_public=True)
    offer = services.offer_create(by=coordinator, actor=actor, data=offer_data(name="Beratung"))
    services.offer_publish(by=coordinator, offer=offer, consent=True)
    assert [r.offer for r in selectors.search(selectors.Search())[0]] == [offer]
    actor.is_public = False
    actor.save()
    assert selectors.search(selectors.Search())[0] == []
