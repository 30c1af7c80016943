import factory

from wirportal.offices.models import (
    ActorKind,
    Office,
    OfficeFunction,
    OfficeMembership,
    Organisation,
    OrganisationKind,
    OrganisationMembership,
    RegionalActor,
    StaffEntry,
    Topic,
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


class StaffEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffEntry

    office = factory.LazyFunction(lambda: Office.objects.order_by("name").first())
    function = OfficeFunction.COORDINATION
    name = factory.Faker("name", locale="de_DE")
    position_title = "WIR-Koordination"
    email = factory.Sequence(lambda n: f"team{n}@vielfaltszentrum.example.org")
    phone = factory.Sequence(lambda n: f"0561 787-{5000 + n}")
    languages = "Deutsch, Englisch"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")


class RegionalActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalActor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regionaler Akteur {n} e. V.")
    kind = ActorKind.ASSOCIATION
    description = factory.Faker("sentence", locale="de_DE")
    city = factory.Faker("city", locale="de_DE")
    postcode = "34117"
    email = factory.Sequence(lambda n: f"kontakt{n}@akteur.example.org")
    website = factory.Sequence(lambda n: f"https://akteur{n}.example.org")

    owner_office = None  # default: the first of `offices`, as when a unit records the actor

    @factory.post_generation
    def offices(self, create, extracted, **kwargs):
        if not create:
            return
        offices = list(extracted or [self.owner_office or Office.objects.order_by("name").first()])
        self.offices.set(offices)
        if self.owner_office_id is None:
            self.owner_office = offices[0]
            RegionalActor.objects.filter(pk=self.pk).update(owner_office=offices[0])

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
