"""In Chromium: a Festbetrag plan with unit rates per client, and the shortfall of an unfinanced
plan shown next to the plan (grant-law-examples.md A4, A7); the page passes axe."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.applications.models import CostCategory
from wirportal.applications.tests.factories import ApplicationFactory, CostItemFactory
from wirportal.programmes.models import FinancingType as F
from wirportal.programmes.tests.factories import CallFactory, FundingLineFactory, UnitRateFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_unit_rate_plan_with_count_and_shortfall(world, live_server, browser):
    line = FundingLineFactory(financing_type=F.FIXED, cap=None)
    rate = UnitRateFactory(
        line=line,
        label="Dolmetscheinsatz",
        unit="Einsatz",
        amount=D("20"),
        max_units=D("5"),
        cap_level="klient",
    )
    application = ApplicationFactory(
        organisation=world["org_a"],
        created_by=world.users["applicant_a"],
        call=CallFactory(line=line),
        line=line,
    )
    CostItemFactory(
        application=application,
        category=CostCategory.UNIT_RATE,
        description="Einsätze",
        unit_rate=rate,
        units=D("7"),
        count=30,
        amount=D("4200"),
    )
    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    csp_problems = watch_csp(page)
    failures: list[str] = []
    page.goto(live_server.url + reverse("applications:application-edit", args=[application.pk]))
    # A7: 30 clients × at most 5 assignments × 20 € = 3,000 €; 1,200 € of real costs unfinanced
    assert "Beantragte Zuwendung: 3.000,00 €" in page.content()
    shortfall = page.locator("#financing")
    assert "Es fehlen 1.200,00 €" in shortfall.inner_text()
    check_page(page, failures, "unit-rate plan", screenshot="grant-plan")
    assert not csp_problems, csp_problems
    context.close()
    assert not failures, "\n".join(failures)
