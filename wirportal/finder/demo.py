"""Demo offers: the accepted grants' recipients publish courses, counselling and meeting places
at several venues in several units, with translations (one of them outdated); public regional
actors offer counselling. Through the services; idempotent (nothing if offers exist)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.offices.models import RegionalActor

from . import services
from .models import Offer, OfferKind, OfferTranslation

GRANT_OFFERS: list[dict[str, Any]] = [
    {
        "name": "Deutsch 4U – Kurs für Eltern mit Kinderbetreuung",
        "description": "Deutschkurs mit 300 Unterrichtseinheiten am Vormittag. Während des "
        "Kurses werden Ihre Kinder betreut.",
        "kind": OfferKind.LANGUAGE_COURSE,
        "venue": "Familienzentrum, Raum 1",
        "postcode": "63065",
        "days": 10,
        "places_total": 16,
        "places_free": 5,
        "languages": ["de", "ar", "tr"],
        "childcare": True,
        "step_free": True,
        "translations": {
            "ar": (
                "دورة Deutsch 4U للآباء والأمهات مع رعاية الأطفال",
                "دورة لغة ألمانية من 300 "
                "وحدة تعليمية في الصباح. يتم الاعتناء بأطفالكم أثناء الدورة.",
            ),
            "tr": (
                "Deutsch 4U – çocuk bakımlı ebeveyn kursu",
                "Sabahları 300 ders saatlik Almanca kursu. Kurs süresince çocuklarınıza bakılır.",
            ),
            "en": (
                "Deutsch 4U – German course for parents with childcare",
                "German course of "
                "300 lessons in the morning. Your children are looked after during the course.",
            ),
            "de-ls": (
                "Deutsch·kurs für Eltern",
                "Sie lernen Deutsch. Am Vormittag. Ihre Kinder werden in der Zeit betreut.",
            ),
        },
    },
    {
        "name": "Frauencafé International",
        "description": "Treffpunkt für Frauen und Mädchen jeden Mittwoch: Austausch, "
        "Beratung zu Alltag, Schule und Arbeit.",
        "kind": OfferKind.WOMEN,
        "venue": "Stadtteilbüro Nordstadt",
        "postcode": "34117",
        "days": 3,
        "places_total": None,
        "places_free": None,
        "languages": ["de", "ar", "fa", "uk"],
        "childcare": True,
        "step_free": False,
        "translations": {
            "fa": ("کافه بین‌المللی زنان", "محل دیدار زنان و دختران هر چهارشنبه."),
            "uk": ("Міжнародне жіноче кафе", "Місце зустрічі для жінок і дівчат щосереди."),
            "ar": ("مقهى النساء الدولي", "ملتقى للنساء والفتيات كل يوم أربعاء."),
        },
        "outdated": "ar",
    },
    {
        "name": "Laiendolmetscherpool Mittelhessen",
        "description": "Ehrenamtliche Sprachmittlerinnen und Sprachmittler begleiten zu "
        "Terminen bei Behörden, Schulen und Ärzten.",
        "kind": OfferKind.INTERPRETING,
        "venue": "",
        "postcode": "35390",
        "days": None,
        "places_total": None,
        "places_free": None,
        "languages": ["ar", "fa", "ps", "ti", "tr", "uk", "ru"],
        "childcare": False,
        "step_free": True,
        "translations": {
            "en": (
                "Lay interpreters' pool Central Hesse",
                "Volunteer interpreters accompany you "
                "to appointments with authorities, schools and doctors.",
            ),
        },
    },
    {
        "name": "Integrationslotsen – Begleitung im Alltag",
        "description": "Geschulte Ehrenamtliche helfen beim Ankommen: Wege, Formulare, Termine.",
        "kind": OfferKind.GUIDES,
        "venue": "Rathaus, Bürgerbüro",
        "postcode": "64283",
        "days": 20,
        "places_total": 30,
        "places_free": 0,
        "languages": ["de", "en", "ar"],
        "childcare": False,
        "step_free": True,
        "translations": {},
    },
    {
        "name": "Deutsch 4U – Abendkurs",
        "description": "Deutschkurs am Abend für Berufstätige, 300 Unterrichtseinheiten.",
        "kind": OfferKind.LANGUAGE_COURSE,
        "venue": "Volkshochschule, Haus B",
        "postcode": "65183",
        "days": 45,
        "places_total": 18,
        "places_free": 2,
        "languages": ["de"],
        "childcare": False,
        "step_free": True,
        "translations": {
            "uk": ("Deutsch 4U – вечірній курс", "Вечірній курс німецької мови для працюючих."),
        },
    },
]

ACTOR_OFFER = {
    "name": "Migrationsberatung",
    "description": "Beratung zu Aufenthalt, Sprache, Arbeit und Familie. Ohne Termin am Dienstag.",
    "kind": OfferKind.COUNSELLING,
    "languages": ["de", "ar", "tr", "ru"],
}


def load() -> str:
    if Offer.objects.exists():
        return ""
    grants = list(
        GrantDecision.objects.filter(status=DecisionStatus.ACCEPTED)
        .select_related("application__organisation__office", "application__created_by")
        .order_by("pk")
    )
    actors = list(
        RegionalActor.objects.filter(is_public=True)
        .filter(~Q(postcode=""))
        .select_related("owner_office")
        .order_by("pk")[:4]
    )
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        for index, item in enumerate(GRANT_OFFERS if grants else ()):
            grant = grants[index % len(grants)]
            member = grant.accepted_by or grant.application.created_by
            data = {k: v for k, v in item.items() if k not in ("days", "translations", "outdated")}
            days = item["days"]
            data["starts_on"] = today + timedelta(days=days) if days is not None else None
            data["ends_on"] = today + timedelta(days=days + 180) if days is not None else None
            data["contact_name"] = grant.application.organisation.name
            data["contact_email"] = grant.application.organisation.email
            offer = services.offer_create(by=member, decision=grant, data=data)
            services.offer_publish(by=member, offer=offer, consent=True)
            for language, (name, description) in item["translations"].items():
                services.offer_translation_save(
                    by=member, offer=offer, language=language, name=name, description=description
                )
            if item.get("outdated"):
                # the German text changed after this translation: shown as "veraltet"
                OfferTranslation.objects.filter(offer=offer, language=item["outdated"]).update(
                    updated_at=timezone.now() - timedelta(days=30)
                )
            made += 1
        for actor in actors:
            if actor.owner_office is None:
                continue
            keeper = actor.owner_office.memberships.select_related("user").first()
            person = keeper.user if keeper is not None else None
            if person is None:
                continue
            data = {**ACTOR_OFFER, "postcode": actor.postcode, "contact_name": actor.name}
            data["contact_email"] = actor.email
            try:
                offer = services.offer_create(by=person, actor=actor, data=data)
            except services.DomainError:  # a postcode outside the shipped list
                continue
            services.offer_publish(by=person, offer=offer, consent=True)
            made += 1
    return f"{made} Angebote veröffentlicht" if made else ""
