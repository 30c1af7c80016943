"""Registering, the self-service pages behind the signed link, the organisers' list and export."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wirportal.core.caching import cached_fragment, render_filtered_list, versions
from wirportal.core.views import Saved, button_action, form_page

from .. import exports, selectors, services
from ..forms import (
    RegistrationChangeForm,
    RegistrationFilterForm,
    RegistrationForm,
)
from ..models import (
    Event,
    Registration,
    RegistrationStatus,
    WorkshopMode,
)
from ..rules import registration_cancellable, workshops_changeable
from ..throttle import Limited, registration_limited
from ..tokens import parse_token, registration_token
from .common import _event


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

    def save(data) -> str | HttpResponse:
        limited = registration_limited(request, email=data["email"])
        if limited:
            _refuse_as_limited(form, limited)
            context = {"event": event, "form": form}
            return render(request, "events/register.html", context, status=429)
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
        if registration.status == RegistrationStatus.PENDING:
            # the self-service link goes to the mailbox only: that is the confirmation
            return reverse("events:registration-pending", kwargs={"slug": event.slug})
        return reverse(
            "events:registration-manage", kwargs={"token": registration_token(registration)}
        )

    # done=None: the page shows the state (confirmed, waiting) itself, no second message
    return form_page(request, form, save, template="events/register.html", context={"event": event})


def _refuse_as_limited(form, limited: Limited) -> None:
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
    allow_workshops = workshops_changeable(request.user, registration)
    workshops = selectors.workshops_with_room(event) if allow_workshops else []
    form = RegistrationChangeForm(
        request.POST or None,
        registration=registration,
        workshops=workshops,
        allow_workshops=allow_workshops,
    )

    def context() -> dict:
        return {
            "registration": registration,
            "event": event,
            "choices": [c for c in registration.choices.all() if c.status != "not_assigned"],
            "token": token,
            "can_cancel": registration_cancellable(request.user, registration),
        }

    template = "events/registration_manage.html"
    if registration.status == RegistrationStatus.CANCELLED:
        # nothing left to change: a (stale) form sent anyway shows the page as it is
        return render(request, template, {"form": form, **context()})

    def save(data) -> str:
        services.registration_update(
            registration=registration,
            by=request.user,
            organisation_name=data["organisation_name"],
            accessibility_needs=data["accessibility_needs"],
            dietary_needs=data["dietary_needs"],
            workshops=form.chosen_workshops() if allow_workshops else None,
        )
        return reverse("events:registration-manage", kwargs={"token": token})

    return form_page(
        request,
        form,
        save,
        template=template,
        context=context,
        done=_("Ihre Änderungen sind gespeichert."),
    )


@require_POST
def registration_confirm(request, token):
    """The button on the page the mail links to (a POST, so that mail scanners following links
    do not confirm on the person's behalf)."""
    registration = _self_service(request, token)
    if isinstance(registration, HttpResponse):
        return registration
    back = reverse("events:registration-manage", kwargs={"token": token})

    def confirm() -> Saved | None:
        confirmed = services.registration_confirm_email(registration=registration, by=request.user)
        if confirmed.status == RegistrationStatus.CONFIRMED:
            return None  # the page shows the state itself
        # the page shows "waiting" without saying why: the places went while the mail waited
        waiting = _(
            "Danke, Ihre E-Mail-Adresse ist bestätigt. Inzwischen sind alle Plätze "
            "vergeben; Sie stehen auf der Warteliste."
        )
        return Saved(back, waiting, level=messages.INFO)

    return button_action(request, confirm, back=back)


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
    return button_action(
        request,
        lambda: services.registration_cancel(registration=registration, by=request.user),
        back=reverse("events:registration-manage", kwargs={"token": token}),
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
