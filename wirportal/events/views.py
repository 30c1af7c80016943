from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wirportal.core.caching import cached_fragment, public_page, render_filtered_list, versions
from wirportal.core.exceptions import DomainError
from wirportal.core.forms import add_domain_error
from wirportal.core.permissions import check_perm
from wirportal.core.views import form_page
from wirportal.documents.views import content_disposition

from . import exports, selectors, services
from .forms import (
    AgendaItemForm,
    AssignmentForm,
    CheckInSearchForm,
    EventCancelForm,
    EventFilterForm,
    EventForm,
    ExhibitorChangeForm,
    ExhibitorForm,
    MaterialForm,
    RegistrationChangeForm,
    RegistrationFilterForm,
    RegistrationForm,
    WorkshopForm,
)
from .ical import calendar_for
from .models import (
    AgendaItem,
    Event,
    Exhibitor,
    Material,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopMode,
)
from .throttle import Limited, registration_limited
from .tokens import parse_token, registration_token


def _event(request, slug: str, perm: str) -> Event:
    """Load an event and check `perm`; events the person may not see do not exist for them."""
    event = get_object_or_404(Event.objects.select_related("host_office"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    check_perm(request.user, perm, event)
    return event


# --- public pages -------------------------------------------------------------------------------


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
    }
    return render(request, "events/event_detail.html", context)


@never_cache
def event_register(request, slug):
    event = get_object_or_404(Event, slug=slug)
    if event.is_cancelled and request.user.has_perm("events.view_event", event):
        # an old link to the form: say why instead of refusing
        messages.error(request, _("Die Veranstaltung ist abgesagt."))
        return redirect("events:event-detail", slug=event.slug)
    event = _event(request, slug, "events.register_event")
    if not event.registration_open():
        messages.error(request, _("Die Anmeldung ist nicht geöffnet."))
        return redirect("events:event-detail", slug=event.slug)
    workshops = selectors.workshops_with_room(event)
    initial = {}
    if request.user.is_authenticated:
        initial = {
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "email": request.user.email,
        }
    form = RegistrationForm(request.POST or None, event=event, workshops=workshops, initial=initial)
    status = 200
    if request.method == "POST":
        limited = form.is_valid() and registration_limited(
            request, email=form.cleaned_data["email"]
        )
        if limited:
            if limited == Limited.EMAIL:
                form.add_error(
                    "email",
                    _(
                        "Für diese E-Mail-Adresse gab es in kurzer Zeit zu viele Anmeldungen. "
                        "Bitte versuchen Sie es später noch einmal."
                    ),
                )
            else:
                form.add_error(
                    None,
                    _(
                        "Aus Ihrem Netz kamen in kurzer Zeit sehr viele Anmeldungen. Bitte "
                        "versuchen Sie es später noch einmal oder wenden Sie sich an die "
                        "gastgebende WIR-Einheit."
                    ),
                )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    event=event,
                    by=request.user,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    consent=data["consent"],
                    organisation_name=data["organisation_name"],
                    office=data["office"],
                    accessibility_needs=data["accessibility_needs"],
                    dietary_needs=data["dietary_needs"],
                    workshops=form.chosen_workshops(),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if registration.status == RegistrationStatus.PENDING:
                    # the self-service link goes to the mailbox only: that is the confirmation
                    return redirect("events:registration-pending", slug=event.slug)
                # the page shows the state (confirmed, waiting) itself: no second message
                return redirect(
                    "events:registration-manage", token=registration_token(registration)
                )
            status = 422
        else:
            status = 422
    return render(request, "events/register.html", {"event": event, "form": form}, status=status)


@never_cache
def registration_pending(request, slug):
    """After a registration that waits for its e-mail confirmation: look into your mailbox."""
    event = _event(request, slug, "events.view_event")
    hours = settings.WIR_EVENT_CONFIRMATION_HOURS
    return render(request, "events/registration_pending.html", {"event": event, "hours": hours})


def _self_service(request, token: str) -> Registration | HttpResponse:
    """The registration behind a signed link, or the page saying the link has ended.

    A forged link does not exist (404). A genuine one ends with the event's retention period:
    afterwards (and once the retention job deleted the row) it gets a friendly page (410 Gone).
    """
    if parse_token(token) is None:
        raise Http404
    registration = selectors.registration_by_token(token)
    if registration is None or registration.event.self_service_expired():
        return render(request, "events/link_expired.html", status=410)
    return registration


@never_cache
def registration_manage(request, token):
    registration = _self_service(request, token)
    if isinstance(registration, HttpResponse):
        return registration
    event = registration.event
    allow_workshops = (
        registration.status != RegistrationStatus.CANCELLED
        and event.registration_open()
        and not event.assignment_published_at
    )
    workshops = selectors.workshops_with_room(event) if allow_workshops else []
    form = RegistrationChangeForm(
        request.POST or None,
        registration=registration,
        workshops=workshops,
        allow_workshops=allow_workshops,
    )
    status = 200
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_update(
                    registration=registration,
                    by=request.user,
                    organisation_name=data["organisation_name"],
                    accessibility_needs=data["accessibility_needs"],
                    dietary_needs=data["dietary_needs"],
                    workshops=form.chosen_workshops() if allow_workshops else None,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Ihre Änderungen sind gespeichert."))
                return redirect("events:registration-manage", token=token)
        status = 422
    choices = [c for c in registration.choices.all() if c.status != "not_assigned"]
    context = {
        "registration": registration,
        "event": event,
        "form": form,
        "choices": choices,
        "token": token,
        "can_cancel": registration.status != RegistrationStatus.CANCELLED
        and timezone.now() < event.ends_at,
    }
    return render(request, "events/registration_manage.html", context, status=status)


@require_POST
def registration_confirm(request, token):
    """The button on the page the mail links to (a POST, so that mail scanners following links
    do not confirm on the person's behalf)."""
    registration = _self_service(request, token)
    if isinstance(registration, HttpResponse):
        return registration
    try:
        registration = services.registration_confirm_email(
            registration=registration, by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if registration.status != RegistrationStatus.CONFIRMED:
            # the page shows "waiting" without saying why: the places went while the mail waited
            messages.info(
                request,
                _(
                    "Danke, Ihre E-Mail-Adresse ist bestätigt. Inzwischen sind alle Plätze "
                    "vergeben; Sie stehen auf der Warteliste."
                ),
            )
    return redirect("events:registration-manage", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    """GET asks whether to cancel (the place goes to the waiting list: not a one-click loss);
    POST cancels, and the self-service page then says so (one message)."""
    registration = _self_service(request, token)
    if isinstance(registration, HttpResponse):
        return registration
    if request.method == "GET":
        return render(
            request,
            "events/registration_cancel.html",
            {"registration": registration, "event": registration.event, "token": token},
        )
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("events:registration-manage", token=token)


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


def material_download(request, slug, pk):
    """The authorised download: whoever may see the event gets its materials (also anonymous)."""
    event = _event(request, slug, "events.view_material")
    material = get_object_or_404(Material.objects.select_related("document"), pk=pk, event=event)
    document = material.document
    try:
        handle = default_storage.open(document.storage_name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=document.mime_type)
    response["Content-Disposition"] = content_disposition(document.display_name)
    response["Content-Length"] = str(document.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    return response


# --- organisers ---------------------------------------------------------------------------------


@login_required
def event_create(request):
    check_perm(request.user, "events.add_event")
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Die Veranstaltung ist als Entwurf angelegt."))
            return redirect("events:event-detail", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": None},
        status=422 if form.errors else 200,
    )


@login_required
def event_update(request, slug):
    event = _event(request, slug, "events.change_event")
    form = EventForm(
        request.POST or None, instance=Event.objects.get(pk=event.pk), user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(event=event, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Die Veranstaltung ist gespeichert."))
            return redirect("events:event-detail", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def event_publish(request, slug):
    event = _event(request, slug, "events.change_event")
    try:
        services.event_publish(event=event, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Veranstaltung ist veröffentlicht."))
    return redirect("events:event-detail", slug=event.slug)


@login_required
def event_cancel(request, slug):
    event = _event(request, slug, "events.cancel_event")
    if event.is_cancelled:
        messages.info(request, _("Die Veranstaltung ist bereits abgesagt."))
        return redirect("events:event-detail", slug=event.slug)
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Die Veranstaltung ist abgesagt. Alle Angemeldeten erhalten eine E-Mail."),
            )
            return redirect("events:event-detail", slug=event.slug)
    context = {"form": form, "event": event, "figures": selectors.figures(event)}
    return render(request, "events/event_cancel.html", context, status=422 if form.errors else 200)


@login_required
def workshop_add(request, slug):
    event = _event(request, slug, "events.change_event")
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_add(event=event, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Das Forum ist angelegt."))
            return redirect("events:event-detail", slug=event.slug)
    return render(
        request,
        "events/workshop_form.html",
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )


@login_required
def agenda_item_add(request, slug):
    event = _event(request, slug, "events.change_event")
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_add(event=event, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Der Programmpunkt ist angelegt."))
            return redirect("events:event-detail", slug=event.slug)
    context = {"form": form, "event": event, "heading": _("Programmpunkt hinzufügen")}
    return render(request, "events/simple_form.html", context, status=422 if form.errors else 200)


@login_required
def exhibitor_add(request, slug):
    event = _event(request, slug, "events.change_event")
    form = ExhibitorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exhibitor_add(event=event, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Der Stand ist vergeben."))
            return redirect("events:event-detail", slug=event.slug)
    context = {
        "form": form,
        "event": event,
        "heading": _("Stand im Markt der Möglichkeiten vergeben"),
    }
    return render(request, "events/simple_form.html", context, status=422 if form.errors else 200)


def _edit(request, event, form, save, *, heading: str, done: str):
    """The shared edit page of agenda items, workshops and stands (form, service, message)."""

    def saved(data: dict) -> str:
        save(**data)
        return reverse("events:event-detail", args=[event.slug])

    return form_page(
        request,
        form,
        saved,
        template="events/simple_form.html",
        context={"event": event, "heading": heading},
        done=done,
    )


def _delete(request, event, delete, *, heading: str, what: str, done: str):
    """Confirmation page (GET) and deletion (POST); a refusal comes back as a German message."""
    if request.method == "POST":
        try:
            delete()
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect("events:event-detail", slug=event.slug)
    context = {"event": event, "heading": heading, "what": what}
    return render(request, "events/confirm_delete.html", context)


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


@never_cache
@login_required
def registration_list(request, slug):
    """Filter form and table are cached fragments (core.caching), shared by the event's
    organisers; the figures above them are read live."""
    event = _event(request, slug, "events.view_registrations")
    form = SimpleLazyObject(lambda: RegistrationFilterForm(request.GET or None))

    def results() -> dict:
        filters = form.cleaned_data if form.is_valid() else {}
        registrations = selectors.registration_list(
            event=event, query=filters.get("q", ""), status=filters.get("status", "")
        )
        return {
            "event": event,
            "page": Paginator(registrations, 100).get_page(request.GET.get("page")),
            "ranked": event.workshop_mode == WorkshopMode.RANKED,
            "query": request.GET,
        }

    token = versions(f"event:{event.pk}", "offices")
    return render_filtered_list(
        request,
        "events/registration_list.html",
        form=form,
        results=results,
        key=(event.pk, request.GET.urlencode()),
        token=token,
        context={
            "event": event,
            "figures_html": cached_fragment(
                "events/registration_list.html#figures",
                lambda: {"event": event, "figures": selectors.figures(event)},
                key=(event.pk,),
                token=token,
            ),
        },
    )


@login_required
def registration_export(request, slug, fmt):
    event = _event(request, slug, "events.view_registrations")
    registrations = selectors.registration_list(event=event)
    if fmt == "csv":
        body = exports.to_csv(registrations)
        content_type = "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = exports.to_xlsx(registrations, title=event.title)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="anmeldungen-{event.slug}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def check_in_pdf(request, slug):
    event = _event(request, slug, "events.check_in_registration")
    body = exports.check_in_pdf(event, selectors.check_in_list(event=event))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="einlassliste-{event.slug}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def check_in(request, slug):
    event = _event(request, slug, "events.check_in_registration")
    form = CheckInSearchForm(request.GET or None)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    registrations = list(selectors.check_in_list(event=event, query=query)[:200])
    context = {
        "event": event,
        "form": form,
        "registrations": registrations,
        "figures": selectors.figures(event),
        "query": query,
    }
    if request.htmx:
        return render(request, "events/check_in.html#results", context)
    return render(request, "events/check_in.html", context)


@login_required
@require_POST
def check_in_toggle(request, slug, pk):
    event = _event(request, slug, "events.check_in_registration")
    registration = get_object_or_404(Registration, pk=pk, event=event)
    try:
        registration = services.registration_check_in(
            registration=registration, by=request.user, undo=request.POST.get("undo") == "1"
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("events:check-in", slug=event.slug)
    if request.htmx:
        # the row and the counter (out of band), so the figures never go stale (issue #12)
        return render(
            request,
            "events/check_in_swap.html",
            {
                "event": event,
                "registration": registration,
                "figures": selectors.figures(event),
                "oob": True,
            },
        )
    url = reverse("events:check-in", kwargs={"slug": event.slug})
    return redirect(f"{url}?{urlencode({'q': request.POST.get('q', '')})}")


@login_required
def assignment(request, slug):
    event = _event(request, slug, "events.assign_workshops")
    if event.workshop_mode != WorkshopMode.RANKED:
        raise Http404
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.assignment_run(
                event=event, by=request.user, seed=form.cleaned_data.get("seed")
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Die Zuteilung ist berechnet (Startwert %(seed)d). Prüfen Sie das Ergebnis und versenden Sie es dann."
                )
                % {"seed": run.seed},
            )
            return redirect("events:assignment", slug=event.slug)
    latest = event.assignment_runs.first()
    workshops = selectors.workshops_with_room(event)
    counts = latest.by_preference if latest else {}
    rows = [
        (_("1. Wunsch"), counts.get("1", 0)),
        (_("2. Wunsch"), counts.get("2", 0)),
        (_("3. Wunsch"), counts.get("3", 0)),
        (_("Forum ohne Wunsch"), counts.get("none", 0)),
        (_("Kein Platz frei"), counts.get("unassigned", 0)),
    ]
    context = {
        "event": event,
        "form": form,
        "run": latest,
        "rows": rows,
        "workshops": workshops,
        "deadline_passed": timezone.now() > event.registration_closes_at,
    }
    return render(request, "events/assignment.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def assignment_publish(request, slug):
    event = _event(request, slug, "events.assign_workshops")
    try:
        count = services.assignment_publish(event=event, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(n)d Bestätigungen mit den Foren werden versandt.") % {"n": count}
        )
    return redirect("events:assignment", slug=event.slug)


@login_required
def material_upload(request, slug):
    event = _event(request, slug, "events.upload_material")
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.material_upload(
                event=event,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Das Material ist hochgeladen."))
            return redirect("events:event-detail", slug=event.slug)
    return render(
        request,
        "events/material_form.html",
        {"form": form, "event": event},
        status=422 if form.errors else 200,
    )
