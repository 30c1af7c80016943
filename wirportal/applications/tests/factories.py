from datetime import date
from decimal import Decimal

import factory

from wirportal.applications.models import (
    Application,
    CostCategory,
    CostItem,
    FundingSource,
    FundingSourceKind,
)
from wirportal.offices.tests.factories import OrganisationFactory
from wirportal.programmes.tests.factories import CallFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete draft (everything filled in except the required attachments)."""

    class Meta:
        model = Application

    organisation = factory.SubFactory(OrganisationFactory)
    call = factory.SubFactory(CallFactory)
    line = factory.SelfAttribute("call.line")
    created_by = factory.SubFactory("wirportal.accounts.tests.factories.UserFactory")
    reference = factory.Sequence(lambda n: f"WIR-2027-{n + 900000:06d}")
    title = factory.Faker("sentence", nb_words=5, locale="de_DE")
    summary = factory.Faker("paragraph", locale="de_DE")
    target_groups = factory.LazyFunction(lambda: ["gefluechtete", "frauen"])
    period_start = date(2027, 2, 1)
    period_end = date(2027, 11, 30)
    participants_planned = 25
    not_started_declared = True
    other_funding_declaration = "keine"


class CostItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostItem

    application = factory.SubFactory(ApplicationFactory)
    category = CostCategory.FEES
    description = "Honorar Kursleitung"
    amount = Decimal("19000")


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    application = factory.SubFactory(ApplicationFactory)
    kind = FundingSourceKind.OWN
    name = "Eigenmittel des Trägers"
    amount = Decimal("4000")
