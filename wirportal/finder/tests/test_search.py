"""Search: distance from the place's coordinates, filters, only published offers."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from wirportal.finder import geodata, selectors, services
from wirportal.finder.models import OfferKind

from .factories import published_offer, recipient

pytestmark = pytest.mark.django_db


def test_geodata_knows_hessian_postcodes_and_places():
    kassel = geodata.locate("34117")
    assert kassel is not None and kassel.label == "34117 Kassel"
    assert 51.2 < kassel.latitude < 51.4 and 9.4 < kassel.longitude < 9.6
    assert geodata.locate("Gießen") == geodata.locate("giessen")
    assert geodata.locate("Marburg") is not None  # "Marburg an der Lahn" in GeoNames
    assert geodata.locate("10115") is None  # Berlin is not in Hessen
    assert geodata.locate("Nirgendwo") is None
    assert geodata.locate("3411") is None


def test_distance_is_the_great_circle_distance():
    frankfurt, kassel = geodata.locate("Frankfurt am Main"), geodata.locate("Kassel")
    km = geodata.distance_km(
        frankfurt.latitude, frankfurt.longitude, kassel.latitude, kassel.longitude
    )
    assert 140 < km < 160  # about 145 km as the crow flies


def test_nearest_first_and_radius(reference_data):
    member, grant = recipient()
    far = published_offer(grant=grant, by=member, name="Darmstadt", postcode="64283")
    near = published_offer(grant=grant, by=member, name="Kassel Mitte", postcode="34117")
    middle = published_offer(grant=grant, by=member, name="Baunatal", postcode="34225")
    where = geodata.locate("34119")
    results, total = selectors.search(selectors.Search(where=where, radius_km=25))
    assert [r.offer for r in results] == [near, middle]
    assert total == 2
    assert results[0].distance_km < results[1].distance_km <= 25
    results, _ = selectors.search(selectors.Search(where=where, radius_km=100))
    assert far not in [r.offer for r in results]  # Darmstadt is ~150 km from Kassel
    results, _ = selectors.search(selectors.Search(where=where, radius_km=100 * 2))
    assert [r.offer for r in results][-1] == far


def test_filters_kind_language_free_places_and_soon(reference_data):
    member, grant = recipient()
    today = timezone.localdate()
    course = published_offer(
        grant=grant,
        by=member,
        name="Kurs",
        languages=["de", "tr"],
        places_free=0,
        starts_on=today + timedelta(days=40),
        ends_on=None,
    )
    counselling = published_offer(
        grant=grant,
        by=member,
        name="Beratung",
        kind=OfferKind.COUNSELLING,
        languages=["ar", "fa"],
        places_free=3,
        starts_on=today + timedelta(days=7),
        ends_on=None,
    )

    def found(**params):
        return [r.offer for r in selectors.search(selectors.Search(**params), today=today)[0]]

    assert found(kind=OfferKind.COUNSELLING) == [counselling]
    assert found(language="tr") == [course]
    assert found(language="fa") == [counselling]
    assert found(language="ru") == []
    assert found(free_places=True) == [counselling]
    assert found(soon=True) == [counselling]
    assert set(found()) == {course, counselling}


def test_unpublished_and_revoked_offers_are_never_shown(reference_data, client):
    member, grant = recipient()
    hidden = published_offer(grant=grant, by=member, name="Noch nicht öffentlich", publish=False)
    shown = published_offer(grant=grant, by=member, name="Öffentlich")
    assert [r.offer for r in selectors.search(selectors.Search())[0]] == [shown]
    assert client.get(f"/angebote/{hidden.pk}/").status_code == 404
    assert client.get(f"/angebote/ar/{hidden.pk}/").status_code == 404
    page = client.get("/angebote/").content.decode()
    assert "Noch nicht öffentlich" not in page and "Öffentlich" in page
    # a revoked grant takes its offers off the finder
    grant.revoke()
    grant.save()
    assert selectors.search(selectors.Search())[0] == []
    assert client.get(f"/angebote/{shown.pk}/").status_code == 404


def test_search_page_filters_in_the_url_and_links_carry_them(reference_data, client):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member, name="Sprachcafé", postcode="34117")
    response = client.get("/angebote/?wo=Kassel&umkreis=10&sprache=ar")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sprachcafé" in html
    assert f'href="/angebote/{offer.pk}/?wo=Kassel&amp;umkreis=10&amp;sprache=ar"' in html
    assert 'href="/angebote/ar/?wo=Kassel&amp;umkreis=10&amp;sprache=ar"' in html
    assert "Sprachcafé" not in client.get("/angebote/?wo=Darmstadt&umkreis=10").content.decode()


def test_unknown_place_is_refused_next_to_the_field_and_kept(reference_data, client):
    response = client.get("/angebote/?wo=Atlantis&art=women")
    html = response.content.decode()
    assert response.status_code == 422
    assert "Diesen Ort oder diese Postleitzahl kennen wir in Hessen nicht" in html
    assert 'value="Atlantis"' in html
    assert '<option value="women" selected>' in html


def test_visitors_get_no_cookie_and_no_form_token(reference_data, client):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member)
    for url in ("/angebote/", "/angebote/ar/?wo=34117", f"/angebote/de-ls/{offer.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_an_offer_outside_hessen_is_refused(reference_data):
    from wirportal.core.exceptions import DomainError

    from .factories import offer_data

    member, grant = recipient()
    with pytest.raises(DomainError) as refusal:
        services.offer_create(by=member, decision=grant, data=offer_data(postcode="10115"))
    assert refusal.value.field == "postcode"


def test_starts_on_filter_uses_the_day(reference_data):
    member, grant = recipient()
    today = date(2027, 3, 1)
    offer = published_offer(grant=grant, by=member, starts_on=today + timedelta(days=28))
    published_offer(grant=grant, by=member, starts_on=today + timedelta(days=29))
    published_offer(grant=grant, by=member, starts_on=today - timedelta(days=1))
    found = selectors.search(selectors.Search(soon=True), today=today)[0]
    assert [r.offer for r in found] == [offer]


def test_results_come_in_pages_whose_links_carry_the_filters(reference_data, client):
    member, grant = recipient()
    for number in range(selectors.PER_PAGE + 2):
        published_offer(grant=grant, by=member, name=f"Kurs {number:02d}", postcode="34117")
    first = client.get("/angebote/?wo=Kassel&umkreis=10").content.decode()
    assert first.count('class="finder-result"') == selectors.PER_PAGE
    assert 'href="?wo=Kassel&amp;umkreis=10&amp;seite=2" rel="next"' in first
    second = client.get("/angebote/?wo=Kassel&umkreis=10&seite=2").content.decode()
    assert second.count('class="finder-result"') == 2
    assert 'rel="prev"' in second and 'rel="next"' not in second
