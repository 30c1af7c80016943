"""Constant queries on the finder's pages, whatever the number of offers and translations."""

import pytest

from wirportal.core.testing import assert_constant_queries
from wirportal.finder import services

from .factories import published_offer, recipient

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/angebote/", "/angebote/ar/?wo=Kassel&umkreis=50", "/angebote/de-ls/?sprache=ar"]
)
def test_search_page_constant_queries(reference_data, client, django_assert_num_queries, url):
    member, grant = recipient()
    published_offer(grant=grant, by=member)

    def more():
        for postcode in ("34119", "34121", "34123"):
            offer = published_offer(grant=grant, by=member, postcode=postcode)
            services.offer_translation_save(by=member, offer=offer, language="ar", name="دورة")

    count = assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)
    assert count <= 4


def test_detail_page_constant_queries(reference_data, client, django_assert_num_queries):
    member, grant = recipient()
    offer = published_offer(grant=grant, by=member)

    def more():
        for language in ("ar", "tr", "uk"):
            services.offer_translation_save(by=member, offer=offer, language=language, name="x")

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(f"/angebote/ar/{offer.pk}/"), more
    )


def test_manage_page_constant_queries(reference_data, client, django_assert_num_queries):
    member, grant = recipient()
    published_offer(grant=grant, by=member)
    client.force_login(member)

    def more():
        for _ in range(3):
            published_offer(grant=grant, by=member, publish=False)

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get("/angebote/verwalten/"), more
    )
