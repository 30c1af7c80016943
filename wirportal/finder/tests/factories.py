"""Offers for tests: made through the services, as a recipient would."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.offices.models import Office
from wirportal.offices.tests.factories import OrganisationFactory, OrganisationMembershipFactory
from wirportal.payments.tests.factories import accepted_grant

from .. import services
from ..models import Offer, OfferKind

_counter = iter(range(1, 10_000))


def offer_data(**overrides) -> dict:
    data = {
        "name": "Deutsch 4U am Nachmittag",
        "description": "Deutschkurs für Eltern, 300 Unterrichtseinheiten.",
        "kind": OfferKind.LANGUAGE_COURSE,
        "venue": "Stadtteilzentrum, Raum 2",
        "accessibility": "",
        "postcode": "34117",
        "starts_on": date(2027, 3, 1),
        "ends_on": date(2027, 9, 30),
        "places_total": 15,
        "places_free": 4,
        "languages": ["de", "ar"],
        "childcare": True,
        "step_free": True,
        "contact_name": "Kursbüro",
        "contact_email": "kurs@example.org",
        "contact_phone": "0561 123456",
        "website": "",
    }
    data.update(overrides)
    return data


def recipient(office_slug: str = "kassel"):
    """An organisation with one member (admin) and an accepted grant."""
    n = next(_counter)
    member = UserFactory(role=Role.APPLICANT, email=f"traeger{n}@example.org")
    case_worker = UserFactory(role=Role.CASE_WORKER, email=f"sb{n}@example.org")
    organisation = OrganisationFactory(
        name=f"Träger {n} e. V.", office=Office.objects.get(slug=office_slug)
    )
    OrganisationMembershipFactory(organisation=organisation, user=member, is_admin=True)
    grant = accepted_grant(organisation=organisation, applicant=member, case_worker=case_worker)
    return member, grant


def published_offer(*, grant, by, publish: bool = True, **overrides) -> Offer:
    offer = services.offer_create(by=by, decision=grant, data=offer_data(**overrides))
    if publish:
        offer = services.offer_publish(by=by, offer=offer, consent=True)
    return offer


def now():
    return timezone.now()
