"""An event's programme: agenda items, workshops (Foren), stands in the Markt der Möglichkeiten."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError

from ..models import (
    AgendaItem,
    ChoiceStatus,
    Event,
    Exhibitor,
    RegistrationStatus,
    Workshop,
    WorkshopMode,
)
from .common import _lock_event
from .places import _fill_workshop


@transaction.atomic
def workshop_add(
    *, event: Event, by, title: str, capacity: int, description: str = "", moderation: str = ""
) -> Workshop:
    event = _lock_event(event)
    if event.assignment_published_at:
        raise DomainError(_("Die Foren sind bereits zugeteilt."))
    workshop = Workshop(
        event=event, title=title, capacity=capacity, description=description, moderation=moderation
    )
    workshop.full_clean()
    workshop.save()
    audit_record(action="event.workshop_added", target=event, by=by, data={"workshop": workshop.pk})
    return workshop


@transaction.atomic
def agenda_item_add(
    *, event: Event, by, title: str, starts_at: datetime, ends_at=None, speaker: str = ""
) -> AgendaItem:
    item = AgendaItem(
        event=event, title=title, starts_at=starts_at, ends_at=ends_at, speaker=speaker
    )
    item.full_clean()
    item.save()
    audit_record(action="event.agenda_item_added", target=event, by=by, data={"item": item.pk})
    return item


@transaction.atomic
def exhibitor_add(*, event: Event, by, organisation, project_title: str) -> Exhibitor:
    event = _lock_event(event)
    taken = list(event.exhibitors.values_list("slot_number", flat=True))
    if len(taken) >= event.exhibitor_slots:
        raise DomainError(
            _("Alle Stände im Markt der Möglichkeiten sind vergeben."), field="organisation"
        )
    number = next(n for n in range(1, event.exhibitor_slots + 1) if n not in taken)
    exhibitor = Exhibitor.objects.create(
        event=event, organisation=organisation, project_title=project_title, slot_number=number
    )
    audit_record(
        action="event.exhibitor_added", target=event, by=by, data={"organisation": organisation.pk}
    )
    return exhibitor


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, by, title: str, starts_at: datetime, ends_at=None, speaker: str = ""
) -> AgendaItem:
    item.title, item.starts_at, item.ends_at, item.speaker = title, starts_at, ends_at, speaker
    item.full_clean()
    item.save()
    audit_record(
        action="event.agenda_item_changed", target=item.event, by=by, data={"item": item.pk}
    )
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    audit_record(
        action="event.agenda_item_removed",
        target=item.event,
        by=by,
        data={"item": item.pk, "title": item.title},
    )
    item.delete()


def _workshop_seats_taken(workshop: Workshop) -> int:
    return workshop.choices.filter(
        status=ChoiceStatus.CONFIRMED, registration__status=RegistrationStatus.CONFIRMED
    ).count()


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    by,
    title: str,
    capacity: int,
    description: str = "",
    moderation: str = "",
) -> Workshop:
    """Change a workshop; more seats go to its waiting list, fewer than taken are refused."""
    event = _lock_event(workshop.event_id)
    workshop = Workshop.objects.get(pk=workshop.pk)
    taken = _workshop_seats_taken(workshop)
    if capacity < taken:
        raise DomainError(
            _("Es sind bereits %(n)d Plätze in diesem Forum vergeben; weniger sind nicht möglich.")
            % {"n": taken},
            field="capacity",
        )
    grew = capacity > workshop.capacity
    workshop.title, workshop.capacity = title, capacity
    workshop.description, workshop.moderation = description, moderation
    workshop.full_clean()
    workshop.save()
    audit_record(
        action="event.workshop_changed", target=event, by=by, data={"workshop": workshop.pk}
    )
    if grew and (event.workshop_mode == WorkshopMode.FIRST_COME or event.assignment_published_at):
        _fill_workshop(workshop, by=by)
    return workshop


@transaction.atomic
def workshop_delete(*, workshop: Workshop, by) -> None:
    """Delete a workshop nobody (still) chose; with active choices it is refused, never silently
    dropped, because those people were promised a seat or a place on its waiting list."""
    event = _lock_event(workshop.event_id)
    active = workshop.choices.exclude(registration__status=RegistrationStatus.CANCELLED).count()
    if active:
        raise DomainError(
            _(
                "Dieses Forum kann nicht gelöscht werden: %(n)d Anmeldungen haben es gewählt. "
                "Ändern Sie stattdessen Titel oder Beschreibung, oder bitten Sie die Angemeldeten, "
                "ihre Forenwahl zu ändern."
            )
            % {"n": active}
        )
    audit_record(
        action="event.workshop_removed",
        target=event,
        by=by,
        data={"workshop": workshop.pk, "title": workshop.title},
    )
    workshop.delete()


@transaction.atomic
def exhibitor_update(
    *, exhibitor: Exhibitor, by, organisation, project_title: str, slot_number: int
) -> Exhibitor:
    event = _lock_event(exhibitor.event_id)
    if not 1 <= slot_number <= event.exhibitor_slots:
        raise DomainError(
            _("Bitte wählen Sie einen Stand zwischen 1 und %(n)d.") % {"n": event.exhibitor_slots},
            field="slot_number",
        )
    if event.exhibitors.filter(slot_number=slot_number).exclude(pk=exhibitor.pk).exists():
        raise DomainError(_("Dieser Stand ist bereits vergeben."), field="slot_number")
    exhibitor.organisation = organisation
    exhibitor.project_title = project_title
    exhibitor.slot_number = slot_number
    exhibitor.full_clean()
    exhibitor.save()
    audit_record(
        action="event.exhibitor_changed",
        target=event,
        by=by,
        data={"exhibitor": exhibitor.pk, "organisation": organisation.pk},
    )
    return exhibitor


@transaction.atomic
def exhibitor_delete(*, exhibitor: Exhibitor, by) -> None:
    event = _lock_event(exhibitor.event_id)
    audit_record(
        action="event.exhibitor_removed",
        target=event,
        by=by,
        data={"exhibitor": exhibitor.pk, "organisation": exhibitor.organisation_id},
    )
    exhibitor.delete()
