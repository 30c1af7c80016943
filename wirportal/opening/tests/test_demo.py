"""The demo data: Kassel's three years with an action plan, through the services."""

import pytest

from wirportal.opening import demo
from wirportal.opening.models import Measure, SelfCheck

pytestmark = pytest.mark.django_db


def test_the_demo_has_kassels_three_years_and_loads_twice(reference_data):
    from wirportal.offices import demo as offices_demo

    offices_demo.load()
    demo.load()
    demo.load()  # idempotent
    kassel = SelfCheck.objects.filter(office__slug="kassel").order_by("year")
    assert [(c.year, c.status) for c in kassel] == [
        (2024, "submitted"),
        (2025, "submitted"),
        (2026, "draft"),
    ]
    assert Measure.objects.filter(self_check__office__slug="kassel").count() == 5
    assert SelfCheck.objects.filter(status="submitted").exclude(office__slug="kassel").exists()
