"""Test data for the partnership view: grants, posts, events, actors and IKÖ checks in units X
(Kassel) and Y (Bad Homburg) and Hanau, with a negative control for every rule."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wirportal.applications.models import CostCategory, CostItem
from wirportal.decisions.models import DecisionCostLine, GrantDecision, Outcome
from wirportal.events.models import Audience, EventStatus
from wirportal.events.tests.factories import EventFactory
from wirportal.offices.models import Office, OrganisationKind
from wirportal.offices.tests.factories import OrganisationFactory, RegionalActorFactory
from wirportal.opening.tests.factories import self_check
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.payments.tests.factories import accepted_grant, pay
from wirportal.programmes.models import CapLevel, UnitRate


def at(year: int, month: int = 6, day: int = 1) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 10, 0))


def event(**fields):
    """An event starting at `starts_at` (also in the past), registration open a year before."""
    start = fields["starts_at"]
    return EventFactory(
        ends_at=start + timedelta(hours=4),
        registration_opens_at=start - timedelta(days=365),
        registration_closes_at=start - timedelta(days=2),
        **fields,
    )


@dataclass
class Data:
    decisions: list = field(default_factory=list)
    events: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    vza_rows: list = field(default_factory=list)  # (decision, units, count, cap level, refused)


def grant(world, organisation, years: dict[str, str], *, title: str = "Projekt"):
    decision = accepted_grant(
        organisation=organisation,
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
        amount=str(sum(Decimal(v) for v in years.values())),
        costs="200000.00",
        year_amounts=years,
    )
    decision.application.title = title
    decision.application.save()
    return decision


def vza_row(decision, units: str, count: int, cap_level: str, *, refused: bool = False):
    line = decision.application.line
    rate, _created = UnitRate.objects.get_or_create(
        line=line,
        code=f"vza-{cap_level}",
        defaults={
            "label": "Koordinationskraft",
            "unit": "VZÄ",
            "amount": Decimal("60000"),
            "cap_level": cap_level,
        },
    )
    item = CostItem.objects.create(
        application=decision.application,
        category=CostCategory.UNIT_RATE,
        unit_rate=rate,
        units=Decimal(units),
        count=count,
        position=9,
    )
    DecisionCostLine.objects.create(
        decision=decision,
        cost_item=item,
        label="Koordinationskraft",
        requested=Decimal("60000"),
        eligible=Decimal("0") if refused else Decimal("60000"),
    )
    return item


def build(world, data: Data | None = None) -> Data:
    """Unit X (Kassel): two funded grants to org A, one to a municipality, posts, events,
    actors, a named IKÖ check. Negative controls: a Träger "Sonstige", a decision issued but
    not accepted, a rejection, a refused VZÄ row, a draft event, an invited-only event, an
    unpublished participation, a non-public actor, an unnamed IKÖ check of unit Y."""
    data = data or Data()
    kassel, homburg = world["office_x"], world["office_y"]
    a = grant(world, world["org_a"], {"2026": "4000.00", "2027": "2500.00"}, title="Sprachcafé")
    pay(a, "1000.00", date(2026, 5, 4))
    pay(a, "1500.50", date(2026, 9, 1))
    pay(a, "2000.00", date(2027, 3, 1))
    PaymentRequest.objects.create(  # called down, not paid: not counted as paid
        decision=a,
        number=99,
        token=uuid.uuid4(),
        amount=Decimal("300.00"),
        needed_on=date(2027, 6, 1),
        budget_year=2027,
        status=RequestStatus.REQUESTED,
        requested_by=world.users["applicant_a"],
    )
    data.vza_rows.append((a, Decimal("1.5"), 1, CapLevel.PERSON, False))
    vza_row(a, "1.5", 1, CapLevel.PERSON)
    data.vza_rows.append((a, Decimal("0.5"), 3, CapLevel.YEAR, False))
    vza_row(a, "0.5", 3, CapLevel.YEAR)
    data.vza_rows.append((a, Decimal("1"), 2, CapLevel.PERSON, True))
    vza_row(a, "1", 2, CapLevel.PERSON, refused=True)
    city = OrganisationFactory(
        name="Stadt Kassel", kind=OrganisationKind.MUNICIPALITY, office=kassel
    )
    c = grant(world, city, {"2026": "50000.00"}, title="WIR-Koordination")
    data.vza_rows.append((c, Decimal("1"), 2, CapLevel.PERSON, False))
    vza_row(c, "1", 2, CapLevel.PERSON)
    pay(c, "25000.00", date(2026, 3, 1))
    hanau = OrganisationFactory(
        name="Magistrat der Stadt Hanau",
        kind=OrganisationKind.MUNICIPALITY,
        office=Office.objects.get(slug="hanau"),
    )
    h = grant(world, hanau, {"2025": "10000.00", "2026": "12000.00"}, title="Vielfalt")
    pay(h, "10000.00", date(2025, 7, 1))
    data.decisions += [a, c, h]

    # negative controls
    person = OrganisationFactory(
        name="Max Mustermann Sprachschule", kind=OrganisationKind.OTHER, office=kassel
    )
    p = grant(world, person, {"2026": "3000.00"}, title="Kurse")
    pay(p, "3000.00", date(2026, 4, 1))
    data.vza_rows.append((p, Decimal("1"), 1, CapLevel.PERSON, False))
    vza_row(p, "1", 1, CapLevel.PERSON)
    issued = grant(world, city, {"2026": "5000.00"}, title="Noch nicht angenommen")
    GrantDecision.objects.filter(pk=issued.pk).update(status="issued", accepted_at=None)
    rejected = grant(world, city, {"2026": "8000.00"}, title="Abgelehnt")
    GrantDecision.objects.filter(pk=rejected.pk).update(outcome=Outcome.REJECT)
    # read again: the factories' objects still hold the states before the updates
    data.decisions += list(GrantDecision.objects.filter(pk__in=[p.pk, issued.pk, rejected.pk]))

    # events
    data.events += [
        event(host_office=kassel, starts_at=at(2026, 6, 1)),
        event(host_office=kassel, starts_at=at(2027, 2, 1)),
        event(host_office=kassel, starts_at=at(2026), status=EventStatus.DRAFT),
        event(
            host_office=kassel,
            starts_at=at(2026),
            audience=Audience.INVITED,
            invited_roles=",coordinator,",
        ),
    ]
    attended = event(host_office=homburg, starts_at=at(2026, 9), participants_published=True)
    attended.participating_offices.add(kassel)
    unpublished = event(host_office=homburg, starts_at=at(2026, 10))
    unpublished.participating_offices.add(kassel)
    data.events += [attended, unpublished]

    # actors
    data.actors += [
        RegionalActorFactory(owner_office=kassel, offices=[kassel], is_public=True),
        RegionalActorFactory(owner_office=kassel, offices=[kassel], is_public=False),
        RegionalActorFactory(owner_office=homburg, offices=[homburg, kassel], is_public=True),
    ]

    # IKÖ
    data.checks += [
        self_check(kassel, 2026, submitted=True, rating=3, named=True),
        self_check(homburg, 2026, submitted=True, rating=2, named=False),
    ]
    return data
