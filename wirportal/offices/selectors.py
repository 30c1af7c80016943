"""Reads for units and organisations; each page gets its rows from here with a constant query count."""

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from wirportal.accounts.roles import LAND_ROLES, Role

from .models import Office, OfficeKey, Organisation, OrganisationMembership


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


def organisations_of_user(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")


def history_of(obj, limit: int = 30):
    """The simple-history records of an object, newest first, with the person who changed it."""
    return obj.history.select_related("history_user").order_by("-history_date")[:limit]
