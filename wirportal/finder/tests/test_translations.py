"""Translations per language; an outdated one is marked and the German shown beside it."""

from datetime import timedelta

import pytest
from django.utils import translation

from wirportal.finder import selectors, services
from wirportal.finder.models import OfferTranslation

from .factories import offer_data, published_offer, recipient

pytestmark = pytest.mark.django_db


def test_a_translation_older_than_its_german_source_is_outdated(reference_data):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member)
    row = services.offer_translation_save(
        by=member, offer=offer, language="ar", name="دورة اللغة الألمانية", description="..."
    )
    assert not row.outdated
    # a change of the number of free places leaves the texts as they are
    services.offer_update(by=member, offer=offer, data={"places_free": 2})
    assert not OfferTranslation.objects.get(pk=row.pk).outdated
    services.offer_update(by=member, offer=offer, data={"description": "Neuer Text."})
    assert OfferTranslation.objects.select_related("offer").get(pk=row.pk).outdated
    services.offer_translation_save(by=member, offer=offer, language="ar", name="دورة")
    assert not OfferTranslation.objects.select_related("offer").get(pk=row.pk).outdated


def test_pages_show_the_translation_or_the_german_marked_as_german(reference_data, client):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member, name="Sprachcafé")
    services.offer_translation_save(by=member, offer=offer, language="ar", name="مقهى اللغة")
    arabic = client.get(f"/angebote/ar/{offer.pk}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<h1 class="kern-heading-x-large" lang="ar" dir="rtl">مقهى اللغة</h1>' in arabic
    turkish = client.get(f"/angebote/tr/{offer.pk}/").content.decode()
    assert '<html lang="tr" dir="ltr">' in turkish
    # no Turkish translation: the German name, marked as German
    assert '<h1 class="kern-heading-x-large" lang="de" dir="ltr">Sprachcafé</h1>' in turkish
    easy = client.get(f"/angebote/de-ls/{offer.pk}/").content.decode()
    assert '<html lang="de-x-ls" dir="ltr">' in easy


def test_outdated_translation_is_marked_with_the_german_beside_it(reference_data, client):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member, name="Sprachcafé")
    row = services.offer_translation_save(by=member, offer=offer, language="uk", name="Мовне кафе")
    OfferTranslation.objects.filter(pk=row.pk).update(updated_at=row.updated_at - timedelta(days=1))
    services.offer_update(by=member, offer=offer, data={"name": "Sprachcafé am Abend"})
    html = client.get(f"/angebote/uk/{offer.pk}/").content.decode()
    assert "finder-outdated" in html
    assert '<div class="finder-text finder-text--source" lang="de" dir="ltr">' in html
    assert "Sprachcafé am Abend" in html and "Мовне кафе" in html
    with translation.override("uk"):
        result = selectors.offer_for_public(offer.pk)
    assert result.text.outdated and result.text.lang == "uk"


def test_unknown_language_is_not_found(reference_data, client):
    assert client.get("/angebote/xx/").status_code == 404
    assert client.get("/angebote/de/").status_code == 404  # German lives at /angebote/


def test_translation_page_saves_per_language(reference_data, client):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member)
    client.force_login(member)
    url = f"/angebote/verwalten/{offer.pk}/uebersetzen/"
    assert client.get(url + "?sprache=tr").status_code == 200
    response = client.post(url, {"language": "tr", "name": "Almanca kursu"})
    assert response.status_code == 302
    assert offer.translations.get(language="tr").name == "Almanca kursu"
    assert offer_data()  # the factory's German texts stay the source
