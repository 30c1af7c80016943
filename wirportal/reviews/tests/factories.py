from decimal import Decimal

import factory

from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.programmes.tests.factories import LineBudgetFactory
from wirportal.reviews.models import ReviewCase, ReviewCriterion, ReviewStep, StepKind, StepResult


class ReviewCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCriterion

    label = factory.Faker("sentence", nb_words=3, locale="de_DE")
    weight = 2
    max_points = 5


def application_in_review(*, organisation, applicant, budget: Decimal | None = Decimal("100000")):
    """A balanced application (20,000 costs, 5,000 own, 15,000 grant) moved to 'in_review'."""
    application = ApplicationFactory(organisation=organisation, created_by=applicant)
    CostItemFactory(application=application, amount=Decimal("20000"))
    FundingSourceFactory(application=application, amount=Decimal("5000"))
    application.requested_amount = Decimal("15000.00")
    application.submit()
    application.start_review()
    application.save()
    if budget is not None:
        LineBudgetFactory(line=application.line, year=2027, amount=budget)
    ReviewCase.objects.create(application=application)
    return application


def record_all_steps(application, *, by) -> None:
    for kind in StepKind.values:
        ReviewStep.objects.create(
            application=application, kind=kind, result=StepResult.PASSED, by=by
        )
