"""The public finder (#17): the result page of a search by place with filters, in Arabic.

Scale 10 = 1,500 published offers of 1,500 public regional actors over Hessen's postcodes, each
with an Arabic translation; scale 1 = a tenth.
"""

import random
from datetime import timedelta

from django.utils import timezone

from bench.harness import Context, Scenario
from wirportal.finder import geodata
from wirportal.finder.models import Offer, OfferKind, OfferTranslation, SpokenLanguage
from wirportal.offices.models import ActorKind, Office, RegionalActor

OFFERS_PER_SCALE = 150


def generate(scale: int) -> None:
    ctx = Context(scale)
    person = ctx.user("coordinator")
    existing = Offer.objects.filter(name__startswith="Bench-Angebot ").count()
    wanted = OFFERS_PER_SCALE * scale
    if existing >= wanted:
        return
    rng = random.Random(17)
    offices = list(Office.objects.order_by("pk"))
    postcodes = sorted(geodata.postcodes().items())
    now = timezone.now()
    today = timezone.localdate()
    actors = RegionalActor.objects.bulk_create(
        [
            RegionalActor(
                name=f"Bench-Akteur {i:05d}",
                kind=rng.choice(ActorKind.values),
                owner_office=rng.choice(offices),
                is_public=True,
            )
            for i in range(existing, wanted)
        ],
        batch_size=500,
    )
    offers = []
    for i, actor in enumerate(actors, start=existing):
        code, point = rng.choice(postcodes)
        languages = rng.sample(SpokenLanguage.values, 3)
        offers.append(
            Offer(
                actor=actor,
                office=actor.owner_office,
                name=f"Bench-Angebot {i:05d}",
                description="Deutschkurs mit Kinderbetreuung, 300 Unterrichtseinheiten.",
                kind=rng.choice(OfferKind.values),
                venue="Stadtteilzentrum",
                text_changed_at=now,
                postcode=code,
                place=point.label.split(" ", 1)[1],
                latitude=point.latitude,
                longitude=point.longitude,
                starts_on=today + timedelta(days=rng.randint(-30, 90)),
                places_total=20,
                places_free=rng.randint(0, 5),
                languages="|" + "|".join(sorted(languages)) + "|",
                childcare=rng.random() < 0.5,
                is_published=True,
                consent_by=person,
                consent_at=now,
            )
        )
    offers = Offer.objects.bulk_create(offers, batch_size=500)
    OfferTranslation.objects.bulk_create(
        [
            OfferTranslation(offer=offer, language="ar", name=f"عرض {offer.pk}", updated_at=now)
            for offer in offers
        ],
        batch_size=500,
    )


SCENARIOS = [
    Scenario(
        "finder-results",
        path="/angebote/ar/?wo=Kassel&umkreis=50&frei=on",
        role=None,
        baseline="hello",
        target=0.3,
        note="the public finder's result page in Arabic: offers within 50 km of Kassel with free "
        "places, list and map (#17)",
    ),
    Scenario(
        "finder-results-signed-in",
        path="/angebote/?wo=Frankfurt&umkreis=25",
        role="applicant",
        baseline="one-query",
        target=None,
        note="the same kind of page for a signed-in person: not from the page cache, the form "
        "and the results from their cached fragments (#17); figure only",
    ),
]
