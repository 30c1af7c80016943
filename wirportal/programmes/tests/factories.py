from datetime import date
from decimal import Decimal

import factory

from wirportal.offices.models import OrganisationKind
from wirportal.programmes.models import (
    BudgetYear,
    Call,
    FinancingType,
    FundingLine,
    LineBudget,
    Programme,
    UnitRate,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Landesprogramm {n}")
    short_name = factory.Sequence(lambda n: f"LP{n}")
    description = factory.Faker("paragraph", locale="de_DE")
    valid_from = date(2021, 1, 1)


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2027
    total = Decimal("10000000")


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"linie-{n}")
    name = factory.Sequence(lambda n: f"Förderlinie {n}")
    eligible_kinds = factory.LazyFunction(
        lambda: [OrganisationKind.ASSOCIATION, OrganisationKind.MIGRANT_ORGANISATION]
    )
    financing_type = FinancingType.GAP
    cap = Decimal("15000")
    required_attachments = factory.LazyFunction(lambda: ["Konzept"])


class UnitRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitRate

    line = factory.SubFactory(FundingLineFactory, financing_type=FinancingType.FIXED)
    code = factory.Sequence(lambda n: f"rate-{n}")
    label = "Unterrichtseinheit"
    unit = "UE"
    amount = Decimal("40")


class LineBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LineBudget

    line = factory.SubFactory(FundingLineFactory)
    year = 2027
    amount = Decimal("100000")


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    line = factory.SubFactory(FundingLineFactory)
    title = factory.Sequence(lambda n: f"Förderaufruf {n}")
    text = factory.Faker("paragraph", locale="de_DE")
    first_year = 2027
    last_year = 2027
    opens_at = date(2026, 9, 1)
    closes_at = date(2026, 12, 31)
