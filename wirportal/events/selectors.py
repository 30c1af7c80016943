"""Reads for events: every page gets its rows from here with a constant number of queries."""

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from wirportal.accounts.roles import Role
from wirportal.offices.models import Office, RegionalActor

from .models import (
    AgendaItem,
    Audience,
    ChoiceStatus,
    Event,
    EventStatus,
    Exhibitor,
    Material,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopChoice,
)
from .tokens import parse_token


def _count_registrations(status: str):
    """Correlated COUNT on the (event, status) index: no GROUP BY over the event's columns."""
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


_confirmed = _count_registrations(RegistrationStatus.CONFIRMED)
_waiting = _count_registrations(RegistrationStatus.WAITING)
# places held for pending registrations (double opt-in) count as taken
_held = Coalesce(
    Subquery(
        Registration.objects.filter(
            event=OuterRef("pk"), status=RegistrationStatus.PENDING, hold_until__isnull=False
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    ),
    Value(0),
)
_workshop_taken = Coalesce(
    Subquery(
        WorkshopChoice.objects.filter(
            workshop=OuterRef("pk"),
            status=ChoiceStatus.CONFIRMED,
            registration__status=RegistrationStatus.CONFIRMED,
        )
        .order_by()
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    ),
    Value(0),
)


VISIBLE_STATES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


def _audience_q(user) -> Q:
    q = Q(status__in=VISIBLE_STATES, audience=Audience.PUBLIC)
    if user.is_authenticated and user.role:
        q |= Q(
            status__in=VISIBLE_STATES,
            audience=Audience.INVITED,
            invited_roles__contains=f",{user.role},",
        )
    return q


def _organiser_q(user) -> Q | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser or user.role == Role.PROGRAMME_STAFF:
        return Q()
    membership = getattr(user, "office_membership", None)
    if user.role == Role.COORDINATOR and membership is not None:
        return Q(host_office_id=membership.office_id)
    return None


def events_visible_to(user) -> QuerySet[Event]:
    """QuerySet twin of the rule events.view_event."""
    q = _audience_q(user)
    organiser = _organiser_q(user)
    if organiser is not None:
        q |= organiser
    return Event.objects.filter(q)


def events_organised_by(user) -> QuerySet[Event]:
    organiser = _organiser_q(user)
    if organiser is None:
        return Event.objects.none()
    return Event.objects.filter(organiser)


def _with_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("host_office").annotate(
        confirmed_count=_confirmed,
        waiting_count=_waiting,
        remaining=Greatest(F("capacity") - _confirmed - _held, Value(0)),
    )


def event_list(*, user, kind: str = "", region: str = "", past: bool = False) -> QuerySet[Event]:
    now = timezone.now()
    # cancelled events stay in the list, marked "Abgesagt", so nobody travels to them
    events = events_visible_to(user).filter(status__in=VISIBLE_STATES)
    events = events.filter(ends_at__lt=now) if past else events.filter(ends_at__gte=now)
    if kind:
        events = events.filter(kind=kind)
    if region:
        events = events.filter(region=region)
    return _with_counts(events).order_by("-starts_at" if past else "starts_at")


def organiser_event_list(*, user) -> QuerySet[Event]:
    return _with_counts(events_organised_by(user)).order_by("-starts_at")


def upcoming_public_events() -> QuerySet[Event]:
    """Published and cancelled ones: calendars learn of a cancellation (STATUS:CANCELLED)."""
    return Event.objects.filter(
        status__in=VISIBLE_STATES, audience=Audience.PUBLIC, ends_at__gte=timezone.now()
    ).order_by("starts_at")


def upcoming_of_unit(*, office, user, limit: int = 10) -> list[Event]:
    """The next events that `user` may see which the unit hosts or takes part in, where the
    organiser published the participants (one query), soonest first."""
    participations = Event.participating_offices.through.objects.filter(office=office)
    takes_part = Q(participants_published=True, pk__in=participations.values("event_id"))
    return list(
        events_visible_to(user)
        .filter(Q(host_office=office) | takes_part)
        .filter(status__in=VISIBLE_STATES, ends_at__gte=timezone.now())
        .order_by("starts_at")[:limit]
    )


def _workshops_with_remaining() -> QuerySet[Workshop]:
    return Workshop.objects.annotate(
        taken=_workshop_taken, remaining=Greatest(F("capacity") - _workshop_taken, Value(0))
    ).order_by("pk")


def event_pk(slug: str) -> int | None:
    """The key of the event with this address (its cached page's content token is per key).
    Read on every hit of the cached page: `get()` on the unique slug drops the model's ordering,
    which `first()` would sort by."""
    try:
        return Event.objects.values_list("pk", flat=True).get(slug=slug)
    except Event.DoesNotExist:
        return None


def event_detail(*, slug: str) -> Event:
    return (
        _with_counts(Event.objects.all())
        .prefetch_related(
            Prefetch("workshops", queryset=_workshops_with_remaining()),
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("starts_at", "pk")),
            Prefetch("exhibitors", queryset=Exhibitor.objects.select_related("organisation")),
            Prefetch("materials", queryset=Material.objects.select_related("document")),
            Prefetch("participating_offices", queryset=Office.objects.order_by("name")),
            # only actors whose entry is public are named on the event page
            Prefetch(
                "participating_actors",
                queryset=RegionalActor.objects.filter(is_public=True).order_by("name"),
                to_attr="public_participating_actors",
            ),
        )
        .get(slug=slug)
    )


def registration_list(*, event: Event, query: str = "", status: str = "") -> QuerySet[Registration]:
    registrations = event.registrations.select_related("office").prefetch_related(
        Prefetch(
            "choices",
            queryset=WorkshopChoice.objects.select_related("workshop").order_by(
                "preference", "workshop_id"
            ),
        )
    )
    if status:
        registrations = registrations.filter(status=status)
    if query:
        registrations = registrations.filter(
            Q(last_name__icontains=query)
            | Q(first_name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation_name__icontains=query)
        )
    return registrations.order_by("status", "waiting_rank", "last_name", "first_name", "pk")


def check_in_list(*, event: Event, query: str = "") -> QuerySet[Registration]:
    return registration_list(
        event=event, query=query, status=RegistrationStatus.CONFIRMED
    ).order_by("last_name", "first_name", "pk")


def registration_by_token(token: str) -> Registration | None:
    parsed = parse_token(token)
    if parsed is None:
        return None
    pk, secret = parsed
    registration = (
        Registration.objects.select_related("event", "event__host_office", "office")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=WorkshopChoice.objects.select_related("workshop").order_by(
                    "preference", "workshop_id"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if registration is None or not registration.secret or registration.secret != secret:
        return None
    return registration


def workshops_with_room(event: Event) -> list[Workshop]:
    return list(event.workshops.annotate(taken=_workshop_taken).order_by("pk"))


def figures(event: Event) -> dict:
    counts = event.registrations.aggregate(
        pending=Count("pk", filter=Q(status=RegistrationStatus.PENDING)),
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    return counts


def api_event_list(*, user, kind: str = "", region: str = "") -> QuerySet[Event]:
    """Upcoming published (and cancelled, flagged) events the person may see, with places left."""
    return event_list(user=user, kind=kind, region=region).prefetch_related(
        Prefetch("workshops", queryset=_workshops_with_remaining())
    )


def api_event_detail(*, user, slug: str) -> Event | None:
    """One published or cancelled event the person may see; None if there is none."""
    return (
        _with_counts(events_visible_to(user).filter(status__in=VISIBLE_STATES))
        .prefetch_related(Prefetch("workshops", queryset=_workshops_with_remaining()))
        .filter(slug=slug)
        .first()
    )


def api_registration_list(*, event: Event) -> QuerySet[Registration]:
    """Registrations of one event with their workshop choices (for its organisers only)."""
    return (
        event.registrations.select_related("office")
        .prefetch_related(
            Prefetch(
                "choices",
                queryset=WorkshopChoice.objects.exclude(status=ChoiceStatus.NOT_ASSIGNED)
                .select_related("workshop")
                .order_by("preference", "workshop_id"),
            )
        )
        .order_by("status", "waiting_rank", "last_name", "first_name", "pk")
    )
