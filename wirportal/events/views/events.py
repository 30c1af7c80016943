"""The public event list, event page and calendar files; organisers plan, edit, publish, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.caching import public_page
from wirportal.core.permissions import check_perm
from wirportal.core.views import button_action, form_page

from .. import selectors, services
from ..forms import (
    EventCancelForm,
    EventFilterForm,
    EventForm,
    EventParticipantsForm,
)
from ..ical import calendar_for
from ..models import (
    Event,
)
from .common import _event


@public_page("events", "event-places", "offices")
def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = list(
        selectors.event_list(
            user=request.user, kind=filters.get("kind", ""), region=filters.get("region", "")
        )
    )
    context = {
        "form": form,
        "events": events,
        "can_add": request.user.has_perm("events.add_event"),
        "organised": list(selectors.organiser_event_list(user=request.user)[:50])
        if request.user.is_authenticated
        else [],
    }
    if request.htmx:
        return render(request, "events/event_list.html#results", context)
    return render(request, "events/event_list.html", context)


# short TTL: whether registration is open also depends on the clock
@public_page(lambda slug: (f"event:{selectors.event_pk(slug)}",), "offices", ttl=60)
def event_detail(request, slug):
    try:
        event = selectors.event_detail(slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    workshops = list(event.workshops.all())
    context = {
        "event": event,
        "workshops": workshops,
        "remaining": event.remaining,  # type: ignore[attr-defined]  # annotated by the selector
        "registration_open": event.registration_open(),
        "can_register": request.user.has_perm("events.register_event", event),
        "can_change": request.user.has_perm("events.change_event", event),
        "can_cancel": request.user.has_perm("events.cancel_event", event),
        "can_list_actors": request.user.has_perm("offices.list_regionalactors"),
    }
    context["show_participants"] = event.participants_published or context["can_change"]
    return render(request, "events/event_detail.html", context)


def ical_feed(request):
    body = calendar_for(selectors.upcoming_public_events(), name=_("WIR-Veranstaltungen"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wir-veranstaltungen.ics"'
    return response


@public_page("events", "offices")
def event_ical(request, slug):
    """ "In den Kalender": this one event as an .ics file, as the public feed shows it (no online
    link: that is in the participant's confirmation mail only)."""
    event = _event(request, slug, "events.view_event")
    body = calendar_for([event], name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _detail(event: Event) -> str:
    return reverse("events:event-detail", kwargs={"slug": event.slug})


@login_required
def event_create(request):
    check_perm(request.user, "events.add_event")
    return form_page(
        request,
        EventForm(request.POST or None, user=request.user),
        lambda data: _detail(services.event_create(by=request.user, **data)),
        template="events/event_form.html",
        context={"event": None},
        done=_("Die Veranstaltung ist als Entwurf angelegt."),
    )


@login_required
def event_update(request, slug):
    event = _event(request, slug, "events.change_event")
    form = EventForm(
        request.POST or None, instance=Event.objects.get(pk=event.pk), user=request.user
    )
    return form_page(
        request,
        form,
        lambda data: _detail(services.event_update(event=event, by=request.user, **data)),
        template="events/event_form.html",
        context={"event": event},
        done=_("Die Veranstaltung ist gespeichert."),
    )


@login_required
@require_POST
def event_publish(request, slug):
    event = _event(request, slug, "events.change_event")
    return button_action(
        request,
        lambda: services.event_publish(event=event, by=request.user),
        back=_detail(event),
        done=_("Die Veranstaltung ist veröffentlicht."),
    )


@login_required
def event_cancel(request, slug):
    event = _event(request, slug, "events.cancel_event")
    if event.is_cancelled:
        messages.info(request, _("Die Veranstaltung ist bereits abgesagt."))
        return redirect("events:event-detail", slug=event.slug)

    def save(data) -> str:
        services.event_cancel(event=event, by=request.user, reason=data["reason"])
        return _detail(event)

    return form_page(
        request,
        EventCancelForm(request.POST or None),
        save,
        template="events/event_cancel.html",
        context=lambda: {"event": event, "figures": selectors.figures(event)},
        done=_("Die Veranstaltung ist abgesagt. Alle Angemeldeten erhalten eine E-Mail."),
    )


@login_required
def event_participants(request, slug):
    """The organiser names the units and regional actors taking part, and publishes the list."""
    event = _event(request, slug, "events.change_event")

    def save(data) -> str:
        services.event_set_participants(
            event=event,
            by=request.user,
            offices=list(data["offices"]),
            actors=list(data["actors"]),
            published=data["published"],
        )
        return _detail(event)

    return form_page(
        request,
        EventParticipantsForm(request.POST or None, event=event),
        save,
        template="events/event_participants.html",
        context={"event": event},
        done=_("Die Beteiligten sind gespeichert."),
        error_field="offices",
    )
