"""Issue #12: unit costs show whole teaching units without decimals, and numbers follow the
reader's language (no "350.00 × 40,00 €" mix)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wirportal.applications.tests.factories import ApplicationFactory, CostItemFactory
from wirportal.programmes.tests.factories import UnitRateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(world):
    rate = UnitRateFactory(amount=Decimal("40"))
    application = ApplicationFactory(
        organisation=world["org_a"], call__line=rate.line, created_by=world.users["applicant_a"]
    )
    CostItemFactory(application=application, unit_rate=rate, units=Decimal("350.00"), amount=None)
    CostItemFactory(application=application, unit_rate=rate, units=Decimal("1234.50"), amount=None)
    return reverse("applications:application-detail", args=[application.pk])


def test_german_page_shows_whole_units_without_decimals(world, page, login):
    body = login(world.users["applicant_a"]).get(page).content.decode()
    assert "350 × 40,00 €" in body
    assert "1.234,50 × 40,00 €" in body
    assert "350.00" not in body


def test_english_page_prints_numbers_in_english(world, page, login):
    client = login(world.users["applicant_a"])
    client.get(reverse("core:language", args=["en"]), {"next": "/"})
    body = client.get(page).content.decode()
    assert "350 × " in body
    assert "1,234.50 × " in body
    assert "350,00" not in body and "40,00 €" not in body
