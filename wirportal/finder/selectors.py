"""Reads of the finder: two queries per page (offers, their translations in the page's language)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from wirportal.decisions.models import DecisionStatus

from . import geodata
from .models import Offer, OfferTranslation

SOON_DAYS = 28  # "beginnt bald": starts within four weeks
PER_PAGE = 20


def published_offers() -> QuerySet[Offer]:
    """What the public may see: published with consent, and still backed by an accepted grant
    (a revoked decision ends it) or by an actor whose directory entry is public."""
    return Offer.objects.filter(is_published=True).filter(
        Q(decision__status=DecisionStatus.ACCEPTED) | Q(actor__is_public=True)
    )


@dataclass(frozen=True)
class Search:
    where: geodata.Point | None = None
    radius_km: int = 25
    kind: str = ""
    language: str = ""
    free_places: bool = False
    soon: bool = False


@dataclass(frozen=True)
class Text:
    """The texts of an offer as a page shows them: in the page's language where translated."""

    name: str
    description: str
    venue: str
    accessibility: str
    lang: str  # Django language code of these texts
    outdated: bool = False  # a translation older than its German source


@dataclass(frozen=True)
class Result:
    offer: Offer
    text: Text
    german: Text  # shown beside an outdated translation
    distance_km: float | None
    x: float
    y: float


def _german(offer: Offer) -> Text:
    return Text(offer.name, offer.description, offer.venue, offer.accessibility, "de")


def text_of(offer: Offer, language: str) -> Text:
    rows = getattr(offer, "page_translations", None)
    if rows is None:
        rows = [t for t in offer.translations.all() if t.language == language]
    german = _german(offer)
    if language == "de" or not rows:
        return german
    row = rows[0]
    row.offer = offer  # no query for the outdated check
    return Text(
        row.name,
        row.description or german.description,
        row.venue or german.venue,
        row.accessibility or german.accessibility,
        language,
        outdated=row.outdated,
    )


def _with_translation(queryset: QuerySet[Offer], language: str) -> QuerySet[Offer]:
    return queryset.prefetch_related(
        Prefetch(
            "translations",
            queryset=OfferTranslation.objects.filter(language=language),
            to_attr="page_translations",
        )
    )


def _result(
    offer: Offer, language: str, where: geodata.Point | None, distance: float | None = None
) -> Result:
    x, y = geodata.map_xy(offer.latitude, offer.longitude)
    return Result(offer, text_of(offer, language), _german(offer), distance, x, y)


def search(params: Search, *, page: int = 1, today: date | None = None) -> tuple[list[Result], int]:
    """One page (PER_PAGE) of the offers that match, nearest first when a place is given (else
    by start), and how many matched in all. Two queries: the offers (a bounding box in SQL, the
    exact distance here), the translations of the page's offers in the page's language."""
    today = today or timezone.localdate()
    language = get_language() or "de"
    queryset = published_offers()
    if params.kind:
        queryset = queryset.filter(kind=params.kind)
    if params.language:
        queryset = queryset.filter(languages__contains=f"|{params.language}|")
    if params.free_places:
        queryset = queryset.filter(places_free__gt=0)
    if params.soon:
        queryset = queryset.filter(
            starts_on__gte=today, starts_on__lte=today + timedelta(days=SOON_DAYS)
        )
    where = params.where
    if where is not None:
        south, north, west, east = geodata.bounding_box(
            where.latitude, where.longitude, params.radius_km
        )
        queryset = queryset.filter(latitude__range=(south, north), longitude__range=(west, east))
    offers = list(queryset.order_by("starts_on", "name", "pk"))
    distances: dict[int, float] = {}
    if where is not None:
        for offer in offers:
            distances[offer.pk] = geodata.distance_km(
                where.latitude, where.longitude, offer.latitude, offer.longitude
            )
        offers = [o for o in offers if distances[o.pk] <= params.radius_km]
        offers.sort(key=lambda o: (distances[o.pk], o.name))
    total = len(offers)
    chosen = offers[(page - 1) * PER_PAGE : page * PER_PAGE]
    if chosen:
        rows: dict[int, list[OfferTranslation]] = {offer.pk: [] for offer in chosen}
        if language != "de":
            for row in OfferTranslation.objects.filter(offer__in=chosen, language=language):
                rows[row.offer_id].append(row)
        for offer in chosen:
            offer.page_translations = rows[offer.pk]  # type: ignore[attr-defined]
    return [_result(offer, language, where, distances.get(offer.pk)) for offer in chosen], total


def offer_for_public(pk: int) -> Result | None:
    language = get_language() or "de"
    offer = (
        _with_translation(published_offers().filter(pk=pk), language)
        .select_related("office")
        .first()
    )
    return _result(offer, language, None) if offer is not None else None


def offers_of_organisations(user) -> QuerySet[Offer]:
    """The offers of the grants of the person's organisations (for their members)."""
    return (
        Offer.objects.filter(decision__application__organisation__memberships__user=user)
        .select_related("decision__application")
        .order_by("name")
    )


def grants_for_offers(user):
    from wirportal.decisions.models import GrantDecision

    return (
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED,
            application__organisation__memberships__user=user,
        )
        .select_related("application__organisation")
        .order_by("-accepted_at")
    )


def offers_of_actors(user) -> QuerySet[Offer]:
    """The offers of the regional actors whose entries the coordinator's unit keeps."""
    return (
        Offer.objects.filter(actor__owner_office__memberships__user=user)
        .select_related("actor")
        .order_by("name")
    )


def actors_for_offers(user):
    """The public entries of actors the coordinator's unit keeps (offers need a public entry)."""
    from wirportal.offices.models import RegionalActor

    return RegionalActor.objects.filter(
        owner_office__memberships__user=user, is_public=True
    ).order_by("name")
