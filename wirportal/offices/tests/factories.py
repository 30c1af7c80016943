import factory

from wirportal.offices.models import (
    Office,
    OfficeMembership,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Integrationsverein {n} e. V.")
    kind = OrganisationKind.ASSOCIATION
    public_benefit = True
    street = factory.Faker("street_address", locale="de_DE")
    postcode = "34117"
    city = "Kassel"
    account_holder = factory.SelfAttribute("name")
    iban = "DE89370400440532013000"
    bic = "COBADEFFXXX"

    @factory.lazy_attribute
    def office(self):
        return Office.objects.order_by("name").first()


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory("wirportal.accounts.tests.factories.UserFactory")
    is_admin = True


class OfficeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficeMembership

    user = factory.SubFactory("wirportal.accounts.tests.factories.UserFactory", role="coordinator")
    office = factory.LazyFunction(lambda: Office.objects.order_by("name").first())
