"""Issue #12: the unit directory and each unit page show whom to contact (the office's address
and phone, the coordinators who consented), the events the unit hosts and its regional actors;
the official keys come last."""

import pytest
from django.urls import reverse

from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kassel(world):
    office = world["office_x"]
    office.address = "Obere Königsstraße 8, 34117 Kassel"
    office.phone = "0561 787-0"
    office.save()
    StaffEntryFactory(office=office, name="Ayşe Demir", publish=True)
    StaffEntryFactory(office=office, name="Ohne Zustimmung", publish=False)
    RegionalActorFactory(name="Nachbarschaftshilfe Kassel e. V.", offices=[office], is_public=True)
    return office


def test_directory_shows_contact_and_consenting_coordinators(kassel, client):
    body = client.get(reverse("offices:office-list")).content.decode()
    assert "Obere Königsstraße 8, 34117 Kassel" in body
    assert "0561 787-0" in body
    assert "Ayşe Demir" in body
    assert "Ohne Zustimmung" not in body


def test_directory_queries_stay_constant(kassel, client, django_assert_num_queries):
    from wirportal.core.testing import assert_constant_queries

    def more():
        for _ in range(3):
            StaffEntryFactory(office=kassel, publish=True)

    url = reverse("offices:office-list")
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)


def test_unit_page_puts_contact_first_and_keys_last(kassel, client):
    body = client.get(reverse("offices:office-detail", args=[kassel.slug])).content.decode()
    assert "Nachbarschaftshilfe Kassel e. V." in body
    assert body.index("0561 787-0") < body.index("Einwohnerzahl")
    assert body.index("Ayşe Demir") < body.index("Amtliche Schlüssel")
