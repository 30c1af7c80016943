from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def published(world):
    """Grants in every state that matters for publication, with call-downs in several years.

    Published: A (association in Kassel, 2026 + 2027, paid in both years, one call-down not
    paid yet) and H (the city of Hanau, whose key changed on 1.1.2026; 2025 + 2026).
    Not published: a Träger of kind "Sonstige" (may be a natural person), a decision issued but
    not accepted, a revoked one and a rejection."""
    import uuid

    from wirportal.decisions.models import GrantDecision, Outcome
    from wirportal.offices.models import Office, OrganisationKind
    from wirportal.offices.tests.factories import OrganisationFactory
    from wirportal.payments.models import PaymentRequest, RequestStatus
    from wirportal.payments.tests.factories import accepted_grant, pay

    users = world.users
    org_a = world["org_a"]

    def grant(organisation, years: dict[str, str], title: str, summary: str = ""):
        decision = accepted_grant(
            organisation=organisation,
            applicant=users["applicant_a"],
            case_worker=users["case_worker"],
            amount=str(sum(Decimal(v) for v in years.values())),
            costs="90000.00",
            year_amounts=years,
        )
        application = decision.application
        application.title = title
        application.summary = summary or "Sprachkurse und Beratung."
        application.save()
        return decision

    a = grant(
        org_a,
        {"2026": "4000.00", "2027": "2500.00"},
        "Sprachcafé Nordstadt",
        "Kursleitung: Erika Musterfrau, Telefon 0561 123456",
    )
    pay(a, "1000.00", date(2026, 5, 4))
    pay(a, "1500.50", date(2026, 9, 1))
    pay(a, "2000.00", date(2027, 3, 1))
    PaymentRequest.objects.create(  # called down, not paid: not in the data
        decision=a,
        number=99,
        token=uuid.uuid4(),
        amount=Decimal("300.00"),
        needed_on=date(2027, 6, 1),
        budget_year=2027,
        status=RequestStatus.REQUESTED,
        requested_by=users["applicant_a"],
    )
    hanau = OrganisationFactory(
        name="Magistrat der Stadt Hanau",
        kind=OrganisationKind.MUNICIPALITY,
        office=Office.objects.get(slug="hanau"),
        city="Hanau",
        postcode="63450",
        street="Am Markt 14",
        email="integration@hanau.example",
    )
    h = grant(hanau, {"2025": "10000.00", "2026": "12000.00"}, '=HYPERLINK("x") Vielfalt')
    pay(h, "10000.00", date(2025, 7, 1))

    person = OrganisationFactory(
        name="Max Mustermann Sprachschule",
        kind=OrganisationKind.OTHER,
        street="Mustergasse 7",
        email="max@mustermann.example",
    )
    p = grant(person, {"2026": "3000.00"}, "Kurse bei Max Mustermann")
    pay(p, "3000.00", date(2026, 4, 1))

    issued = grant(world["org_b"], {"2026": "5000.00"}, "Noch nicht angenommen")
    GrantDecision.objects.filter(pk=issued.pk).update(status="issued", accepted_at=None)
    revoked = grant(world["org_b"], {"2026": "7000.00"}, "Widerrufenes Projekt")
    GrantDecision.objects.filter(pk=revoked.pk).update(status="revoked")
    rejected = grant(world["org_b"], {"2026": "8000.00"}, "Abgelehntes Projekt")
    GrantDecision.objects.filter(pk=rejected.pk).update(outcome=Outcome.REJECT)
    return {"a": a, "h": h, "person": p, "issued": issued, "revoked": revoked}
