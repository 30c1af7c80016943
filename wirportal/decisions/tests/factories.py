import factory

from wirportal.decisions.models import GrantDecision, Outcome


class GrantDecisionFactory(factory.django.DjangoModelFactory):
    """A proposal to approve the requested amount (2027 only)."""

    class Meta:
        model = GrantDecision

    outcome = Outcome.APPROVE
    amount = factory.LazyAttribute(lambda o: o.application.requested_amount)
    requested_amount = factory.LazyAttribute(lambda o: o.application.requested_amount)
    year_amounts = factory.LazyAttribute(lambda o: {"2027": str(o.application.requested_amount)})
    proposed_by = factory.SubFactory(
        "wirportal.accounts.tests.factories.UserFactory", role="case_worker"
    )
