"""Rechnerische Prüfung: the declared other funding for the same project (Doppelförderung) is
listed, and applied-for or granted funding not covered by the plan's third-party funds is a
difference (§ 23 LHO; ANBest-P Nr. 1.2 and 5.1)."""

from datetime import date
from decimal import Decimal as D

import pytest

from wirportal.applications.models import OtherFunding, OtherFundingStatus
from wirportal.applications.selectors import application_detail
from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.reviews import services
from wirportal.reviews.models import StepResult
from wirportal.reviews.selectors import arithmetic_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    application = ApplicationFactory(
        organisation=world["org_a"], created_by=world.users["applicant_a"]
    )
    CostItemFactory(application=application, amount=D("19000"))
    FundingSourceFactory(application=application, amount=D("4000"))
    return application


def test_other_funding_not_in_the_plan_is_flagged_as_double_funding(draft, world):
    """Worked example: 3.000 € applied for at a foundation, 2.000 € granted by the district,
    1.000 € refused; the plan holds 2.000 € third-party funds → 5.000 € open, 3.000 € not
    covered: flagged (§ 23 LHO, ANBest-P Nr. 1.2, 5.1)."""
    draft.other_funding_declaration = "angegeben"
    draft.save()
    for funder, amount, status in (
        ("Stiftung", "3000", OtherFundingStatus.APPLIED),
        ("Landkreis", "2000", OtherFundingStatus.GRANTED),
        ("Bund", "1000", OtherFundingStatus.REFUSED),
    ):
        OtherFunding.objects.create(
            application=draft, funder=funder, amount=D(amount), status=status, on=date(2026, 9, 1)
        )
    FundingSourceFactory(application=draft, kind="drittmittel", name="Landkreis", amount=D("2000"))
    result = arithmetic_check(draft)
    assert result.other_funding is not None and len(result.other_funding.rows) == 3
    assert result.other_funding.open_amount == D("5000")
    flagged = [d for d in result.differences if "Doppelförderung" in d]
    assert len(flagged) == 1 and "3.000,00" in flagged[0]
    FundingSourceFactory(application=draft, kind="drittmittel", name="Stiftung", amount=D("3000"))
    result = arithmetic_check(application_detail(pk=draft.pk))
    assert not [d for d in result.differences if "Doppelförderung" in d]


def test_no_declaration_is_a_difference_and_keine_is_not(draft, world):
    assert not [d for d in arithmetic_check(draft).differences if "Förderungen" in d]
    draft.other_funding_declaration = ""
    draft.save()
    assert [d for d in arithmetic_check(draft).differences if "anderen Förderungen" in d]


def test_recorded_arithmetic_step_keeps_the_double_funding_difference(world):
    from .factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    application.other_funding_declaration = "angegeben"
    application.save()
    OtherFunding.objects.create(
        application=application,
        funder="Stiftung",
        amount=D("500"),
        status=OtherFundingStatus.APPLIED,
        on=date(2026, 9, 1),
    )
    step = services.arithmetic_check_record(application=application, by=world.users["case_worker"])
    assert step.result == StepResult.DIFFERENCES
    assert any("Doppelförderung" in d for d in step.data["differences"])
