"""Reads for units and organisations; each page gets its rows from here with a constant query count."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from wirportal.accounts.roles import LAND_ROLES, Role
from wirportal.core.prepared import PreparedQuery

from .models import (
    Office,
    OfficeKey,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    PublicStaffContact,
    RegionalActor,
    StaffEntry,
    Topic,
)

_MEMBERSHIP = PreparedQuery(
    lambda organisation, user: OrganisationMembership.objects.filter(
        organisation_id=organisation, user_id=user
    ).values_list("pk")[:1],
    organisation=int,
    user=int,
)


def is_member(*, user_id: int, organisation_id: int) -> bool:
    """Whether the person belongs to the organisation: one prepared lookup (every autosave asks)."""
    return bool(_MEMBERSHIP.fetch(organisation=organisation_id, user=user_id))


def _today() -> date:
    return timezone.localdate()


def _current_keys(day: date) -> Prefetch:
    return Prefetch(
        "keys",
        queryset=OfficeKey.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        ),
        to_attr="current_keys",
    )


def office_list(*, region: str = "", kind: str = "", query: str = "") -> QuerySet[Office]:
    offices = Office.objects.select_related("district", "parent").prefetch_related(
        _current_keys(_today())
    )
    if region:
        offices = offices.filter(conference_region=region)
    if kind:
        offices = offices.filter(kind=kind)
    if query:
        offices = offices.filter(
            Q(name__icontains=query) | Q(keys__key__startswith=query)
        ).distinct()
    return offices.order_by("name")


def office_detail(*, slug: str) -> Office:
    return (
        Office.objects.select_related("district", "parent")
        .prefetch_related(
            _current_keys(_today()),
            Prefetch("keys", queryset=OfficeKey.objects.order_by("valid_from"), to_attr="all_keys"),
            "special_status_cities",
        )
        .get(slug=slug)
    )


def office_of(user) -> Office | None:
    membership = getattr(user, "office_membership", None) if user.is_authenticated else None
    return membership.office if membership is not None else None


def organisations_visible_to(user) -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if not user.is_authenticated:
        return organisations.none()
    if user.is_superuser or user.role in LAND_ROLES:
        return organisations
    if user.role == Role.COORDINATOR:
        office = office_of(user)
        return organisations.filter(office=office) if office else organisations.none()
    return organisations.filter(memberships__user=user)


def organisation_list_scope(user) -> str:
    """For cache keys (core.caching): Land staff share one list; everyone else has their own."""
    return "land" if user.is_superuser or user.role in LAND_ROLES else f"user:{user.pk}"


def organisation_list(
    *, user, query: str = "", kind: str = "", office: str = ""
) -> QuerySet[Organisation]:
    organisations = organisations_visible_to(user).select_related("office")
    if query:
        organisations = organisations.filter(Q(name__icontains=query) | Q(city__icontains=query))
    if kind:
        organisations = organisations.filter(kind=kind)
    if office:
        organisations = organisations.filter(office__slug=office)
    return organisations.order_by("name")


def organisation_detail(*, pk: int) -> Organisation:
    return (
        Organisation.objects.select_related("office")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=OrganisationMembership.objects.select_related("user").order_by(
                    "user__last_name"
                ),
            )
        )
        .get(pk=pk)
    )


def open_invitations(*, organisation: Organisation) -> list[OrganisationInvitation]:
    """Invitations not yet accepted, newest first (expired ones say so on the page)."""
    return list(organisation.invitations.filter(accepted_at__isnull=True).order_by("-sent_at"))


def organisations_of_user(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def history_of(obj, limit: int = 30):
    """The simple-history records of an object, newest first, with the person who changed it."""
    return obj.history.select_related("history_user").order_by("-history_date")[:limit]


# --- network: office staff and regional actors ----------------------------------------------------


def office_staff(*, office: Office) -> list[StaffEntry]:
    """Every staff entry of a unit with all fields, for staff roles."""
    return list(
        StaffEntry.objects.filter(office=office)
        .select_related("user")
        .order_by("sort_order", "name")
    )


def office_staff_published(*, office: Office) -> list[PublicStaffContact]:
    """What the public directory may show: consenting people, published fields only."""
    entries = StaffEntry.objects.filter(office=office, publish=True).order_by("sort_order", "name")
    return [entry.public_contact() for entry in entries]


def _actor_rows(actors: QuerySet[RegionalActor]) -> QuerySet[RegionalActor]:
    return actors.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("sort_order", "name")),
        Prefetch("offices", queryset=Office.objects.order_by("name")),
    )


def office_public_actors(*, office: Office) -> list[RegionalActor]:
    return list(_actor_rows(office.actors.filter(is_public=True)).order_by("name"))


def actors_visible_to(user) -> QuerySet[RegionalActor]:
    """The actor directory is open to every logged-in person of the programme."""
    if not user.is_authenticated:
        return RegionalActor.objects.none()
    return RegionalActor.objects.all()


def _filter_actors(
    actors: QuerySet[RegionalActor],
    *,
    query: str = "",
    topic: str = "",
    office: str = "",
    kind: str = "",
    region: str = "",
) -> QuerySet[RegionalActor]:
    if query:
        actors = actors.filter(
            Q(name__icontains=query)
            | Q(description__icontains=query)
            | Q(city__icontains=query)
            | Q(contact_person__icontains=query)
        )
    if kind:
        actors = actors.filter(kind=kind)
    # Exists() instead of joins: no duplicate rows, so pagination counts stay right
    through_topics = RegionalActor.topics.through.objects.filter(regionalactor=OuterRef("pk"))
    through_offices = RegionalActor.offices.through.objects.filter(regionalactor=OuterRef("pk"))
    if topic:
        actors = actors.filter(Exists(through_topics.filter(topic__slug=topic)))
    if office:
        actors = actors.filter(Exists(through_offices.filter(office__slug=office)))
    if region:
        actors = actors.filter(Exists(through_offices.filter(office__conference_region=region)))
    return _actor_rows(actors).order_by("name", "pk")


def actor_list(*, user, **filters: str) -> QuerySet[RegionalActor]:
    """Directory rows for a logged-in person; filters: query, topic, office, kind, region."""
    return _filter_actors(actors_visible_to(user), **filters)


def public_actor_list(**filters: str) -> QuerySet[RegionalActor]:
    """Actors flagged public, for the open-data API; same filters as `actor_list`."""
    return _filter_actors(RegionalActor.objects.filter(is_public=True), **filters)


def actor_detail(*, pk: int) -> RegionalActor:
    return _actor_rows(RegionalActor.objects.select_related("owner_office")).get(pk=pk)


def actor_history(actor: RegionalActor, limit: int = 30):
    """History of an actor with the person and the WIR unit that changed it, newest first."""
    return actor.history.select_related("history_user", "changed_by_unit").order_by(
        "-history_date", "-history_id"
    )[:limit]


def topic_choices() -> list[Topic]:
    return list(Topic.objects.order_by("sort_order", "name"))
