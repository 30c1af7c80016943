"""Every write of the finder: offers of grants and of regional actors, consent, translations."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.offices.models import RegionalActor

from . import geodata
from .languages import TRANSLATED
from .models import Offer, OfferTranslation

# the German texts: a change makes every translation outdated
SOURCE_TEXTS = ("name", "description", "venue", "accessibility")
FIELDS = (
    *SOURCE_TEXTS,
    "kind",
    "postcode",
    "starts_on",
    "ends_on",
    "places_total",
    "places_free",
    "languages",
    "childcare",
    "step_free",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
)


def _apply(offer: Offer, data: dict[str, Any]) -> None:
    for field in FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "languages":
            codes = sorted(set(value or ()))
            value = f"|{'|'.join(codes)}|" if codes else ""
        elif value is None and field not in ("starts_on", "ends_on", "places_total", "places_free"):
            value = ""
        setattr(offer, field, value)
    point = geodata.postcodes().get(offer.postcode)
    if point is None:
        raise DomainError(
            _("Die Postleitzahl %(postcode)s liegt nicht in Hessen oder ist uns nicht bekannt.")
            % {"postcode": offer.postcode},
            field="postcode",
        )
    offer.place = point.label.split(" ", 1)[1]
    offer.latitude, offer.longitude = point.latitude, point.longitude
    if offer.starts_on and offer.ends_on and offer.ends_on < offer.starts_on:
        raise DomainError(_("Das Ende liegt vor dem Beginn."), field="ends_on")
    if (
        offer.places_total is not None
        and offer.places_free is not None
        and offer.places_free > offer.places_total
    ):
        raise DomainError(
            _("Es können nicht mehr Plätze frei sein, als es gibt."), field="places_free"
        )


@transaction.atomic
def offer_create(
    *,
    by,
    data: dict[str, Any],
    decision: GrantDecision | None = None,
    actor: RegionalActor | None = None,
) -> Offer:
    """A new offer, not yet published. From a grant only once its decision is accepted
    (Bestandskraft of the Zuwendungsbescheid is not needed: the recipient accepted it)."""
    if (decision is None) == (actor is None):
        raise DomainError(_("Ein Angebot gehört zu einer Förderung oder zu einem Akteur."))
    if decision is not None and decision.status != DecisionStatus.ACCEPTED:
        raise DomainError(_("Angebote gibt es nur zu angenommenen Bescheiden."))
    if actor is not None and not actor.is_public:
        # the actor's consent to publication is its public directory entry (offices)
        raise DomainError(
            _(
                "Angebote gibt es nur zu Akteuren, deren Eintrag im Verzeichnis öffentlich ist. "
                "Veröffentlichen Sie zuerst den Eintrag des Akteurs."
            )
        )
    office = (
        decision.application.organisation.office if decision is not None else actor.owner_office  # type: ignore[union-attr]
    )
    offer = Offer(decision=decision, actor=actor, office=office, text_changed_at=timezone.now())
    _apply(offer, data)
    offer.save()
    audit_record(action="offer.created", by=by, target=offer)
    return offer


@transaction.atomic
def offer_update(*, by, offer: Offer, data: dict[str, Any]) -> Offer:
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    before = {field: getattr(offer, field) for field in SOURCE_TEXTS}
    _apply(offer, data)
    if any(getattr(offer, field) != before[field] for field in SOURCE_TEXTS):
        offer.text_changed_at = timezone.now()
    offer.save()
    audit_record(action="offer.changed", by=by, target=offer)
    return offer


@transaction.atomic
def offer_publish(*, by, offer: Offer, consent: bool) -> Offer:
    """Publication needs the explicit consent of the person acting for the recipient
    (Art. 6 Abs. 1 lit. a, Art. 7 Abs. 1 DSGVO: who consented and when is recorded)."""
    if not consent:
        raise DomainError(
            _("Ohne Ihre Einwilligung wird das Angebot nicht veröffentlicht."), field="consent"
        )
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.decision_id is not None and offer.decision.status != DecisionStatus.ACCEPTED:  # type: ignore[union-attr]
        raise DomainError(_("Angebote gibt es nur zu angenommenen Bescheiden."))
    if offer.actor_id is not None and not offer.actor.is_public:  # type: ignore[union-attr]
        raise DomainError(
            _("Der Eintrag des Akteurs ist nicht öffentlich; sein Angebot bleibt es auch.")
        )
    now = timezone.now()
    offer.is_published = True
    offer.consent_by, offer.consent_at = by, now
    offer.withdrawn_by, offer.withdrawn_at = None, None
    offer.save()
    audit_record(action="offer.published", by=by, target=offer)
    return offer


@transaction.atomic
def offer_withdraw(*, by, offer: Offer) -> Offer:
    """Withdrawing the consent unpublishes at once (Art. 7 Abs. 3 DSGVO)."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    offer.is_published = False
    offer.withdrawn_by, offer.withdrawn_at = by, timezone.now()
    offer.save()
    audit_record(action="offer.withdrawn", by=by, target=offer)
    return offer


@transaction.atomic
def offer_translation_save(
    *,
    by,
    offer: Offer,
    language: str,
    name: str,
    description: str = "",
    venue: str = "",
    accessibility: str = "",
) -> OfferTranslation:
    if language not in TRANSLATED:
        raise DomainError(_("Für diese Sprache gibt es keine Übersetzung."), field="language")
    translation, _created = OfferTranslation.objects.update_or_create(
        offer=offer,
        language=language,
        defaults={
            "name": name,
            "description": description,
            "venue": venue,
            "accessibility": accessibility,
            "updated_at": timezone.now(),
        },
    )
    audit_record(action="offer.translated", by=by, target=offer, data={"language": language})
    return translation
