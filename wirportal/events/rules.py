"""Who may see and organise events. Each predicate has a QuerySet twin in selectors."""

import rules
from django.utils import timezone

from wirportal.accounts.rules import is_coordinator, is_programme_staff, is_superuser

from .models import Audience, EventStatus, RegistrationStatus


@rules.predicate
def is_host_coordinator(user, event) -> bool:
    if event is None or not user.is_authenticated:
        return False
    membership = getattr(user, "office_membership", None)
    return membership is not None and membership.office_id == event.host_office_id


@rules.predicate
def is_in_audience(user, event) -> bool:
    # a cancelled event stays visible (marked "Abgesagt") to those who could see it before
    if event is None or event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        return False
    if event.audience == Audience.PUBLIC:
        return True
    return bool(user.is_authenticated and user.role in event.invited_role_list)


@rules.predicate
def is_published(user, event) -> bool:
    return event is not None and event.status == EventStatus.PUBLISHED


# --- a registration's self-service (signed link: the person is whoever holds it) ---------------
# The services check the same under the event's lock; these decide what the page offers.


@rules.predicate
def workshops_changeable(user, registration) -> bool:
    """The workshop choices can still change: not cancelled, registration open, and in ranked
    mode the assignment not yet published."""
    event = registration.event
    return (
        registration.status != RegistrationStatus.CANCELLED
        and event.registration_open()
        and not event.assignment_published_at
    )


@rules.predicate
def registration_cancellable(user, registration) -> bool:
    """A registration can be cancelled until its event is over."""
    return (
        registration.status != RegistrationStatus.CANCELLED
        and timezone.now() < registration.event.ends_at
    )


is_organiser = is_superuser | is_programme_staff | (is_coordinator & is_host_coordinator)

rules.add_perm("events.add_event", is_superuser | is_programme_staff | is_coordinator)
rules.add_perm("events.view_event", is_in_audience | is_organiser)
rules.add_perm("events.register_event", is_in_audience & is_published)
rules.add_perm("events.change_event", is_organiser)
rules.add_perm("events.cancel_event", is_organiser)
rules.add_perm("events.view_registrations", is_organiser)
rules.add_perm("events.check_in_registration", is_organiser)
rules.add_perm("events.assign_workshops", is_organiser)
rules.add_perm("events.upload_material", is_organiser)
rules.add_perm("events.view_material", is_in_audience | is_organiser)
# Materials are StoredDocuments owned by the event. The Material row protects its document, so the
# generic document deletion (documents:delete) must not be offered for them.
rules.add_perm("events.delete_event_document", rules.always_deny)
