"""An event's programme: agenda items, workshops (Foren) and stands (add, edit, delete)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .. import services
from ..forms import (
    AgendaItemForm,
    ExhibitorChangeForm,
    ExhibitorForm,
    WorkshopForm,
)
from ..models import (
    AgendaItem,
    Exhibitor,
    Workshop,
)
from .common import _delete, _edit, _event


@login_required
def workshop_add(request, slug):
    event = _event(request, slug, "events.change_event")
    return _edit(
        request,
        event,
        WorkshopForm(request.POST or None),
        lambda **data: services.workshop_add(event=event, by=request.user, **data),
        heading=None,
        done=_("Das Forum ist angelegt."),
        template="events/workshop_form.html",
    )


@login_required
def agenda_item_add(request, slug):
    event = _event(request, slug, "events.change_event")
    return _edit(
        request,
        event,
        AgendaItemForm(request.POST or None),
        lambda **data: services.agenda_item_add(event=event, by=request.user, **data),
        heading=_("Programmpunkt hinzufügen"),
        done=_("Der Programmpunkt ist angelegt."),
    )


@login_required
def exhibitor_add(request, slug):
    event = _event(request, slug, "events.change_event")
    return _edit(
        request,
        event,
        ExhibitorForm(request.POST or None),
        lambda **data: services.exhibitor_add(event=event, by=request.user, **data),
        heading=_("Stand im Markt der Möglichkeiten vergeben"),
        done=_("Der Stand ist vergeben."),
    )


@login_required
def agenda_item_update(request, slug, pk):
    event = _event(request, slug, "events.change_event")
    item = get_object_or_404(AgendaItem, pk=pk, event=event)
    initial = {
        "title": item.title,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "speaker": item.speaker,
    }
    form = AgendaItemForm(request.POST or None, initial=initial)
    return _edit(
        request,
        event,
        form,
        lambda **data: services.agenda_item_update(item=item, by=request.user, **data),
        heading=_("Programmpunkt bearbeiten"),
        done=_("Der Programmpunkt ist gespeichert."),
    )


@login_required
def agenda_item_delete(request, slug, pk):
    event = _event(request, slug, "events.change_event")
    item = get_object_or_404(AgendaItem, pk=pk, event=event)
    return _delete(
        request,
        event,
        lambda: services.agenda_item_delete(item=item, by=request.user),
        heading=_("Programmpunkt löschen"),
        what=item.title,
        done=_("Der Programmpunkt ist gelöscht."),
    )


@login_required
def workshop_update(request, slug, pk):
    event = _event(request, slug, "events.change_event")
    workshop = get_object_or_404(Workshop, pk=pk, event=event)
    initial = {
        "title": workshop.title,
        "capacity": workshop.capacity,
        "moderation": workshop.moderation,
        "description": workshop.description,
    }
    form = WorkshopForm(request.POST or None, initial=initial)
    return _edit(
        request,
        event,
        form,
        lambda **data: services.workshop_update(workshop=workshop, by=request.user, **data),
        heading=_("Forum bearbeiten"),
        done=_("Das Forum ist gespeichert."),
    )


@login_required
def workshop_delete(request, slug, pk):
    event = _event(request, slug, "events.change_event")
    workshop = get_object_or_404(Workshop, pk=pk, event=event)
    return _delete(
        request,
        event,
        lambda: services.workshop_delete(workshop=workshop, by=request.user),
        heading=_("Forum löschen"),
        what=workshop.title,
        done=_("Das Forum ist gelöscht."),
    )


@login_required
def exhibitor_update(request, slug, pk):
    event = _event(request, slug, "events.change_event")
    exhibitor = get_object_or_404(Exhibitor, pk=pk, event=event)
    initial = {
        "organisation": exhibitor.organisation_id,
        "project_title": exhibitor.project_title,
        "slot_number": exhibitor.slot_number,
    }
    form = ExhibitorChangeForm(request.POST or None, initial=initial)
    return _edit(
        request,
        event,
        form,
        lambda **data: services.exhibitor_update(exhibitor=exhibitor, by=request.user, **data),
        heading=_("Stand bearbeiten"),
        done=_("Der Stand ist gespeichert."),
    )


@login_required
def exhibitor_delete(request, slug, pk):
    event = _event(request, slug, "events.change_event")
    exhibitor = get_object_or_404(
        Exhibitor.objects.select_related("organisation"), pk=pk, event=event
    )
    return _delete(
        request,
        event,
        lambda: services.exhibitor_delete(exhibitor=exhibitor, by=request.user),
        heading=_("Stand löschen"),
        what=f"{exhibitor.slot_number}: {exhibitor.project_title} ({exhibitor.organisation.name})",
        done=_("Der Stand ist wieder frei."),
    )
