"""Issue #12: a unit's page lists the events it hosts (events.links), before the official keys."""

import pytest
from django.urls import reverse

from wirportal.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_unit_page_lists_hosted_events_before_the_keys(world, client):
    kassel = world["office_x"]
    event = EventFactory(title="Regionalkonferenz Nordhessen", host_office=kassel)
    EventFactory(title="Treffen anderswo", host_office=world["office_y"])
    body = client.get(reverse("offices:office-detail", args=[kassel.slug])).content.decode()
    assert reverse("events:event-detail", args=[event.slug]) in body
    assert "Treffen anderswo" not in body
    assert body.index("Regionalkonferenz Nordhessen") < body.index("Amtliche Schlüssel")


def test_unit_page_queries_stay_constant_with_more_events(world, client, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    url = reverse("offices:office-detail", args=[world["office_x"].slug])

    def more():
        for _ in range(3):
            EventFactory(host_office=world["office_x"])

    more()
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)
