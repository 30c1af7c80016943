"""Check-in at the door: the search page, the toggle (htmx row and counter) and the PDF list."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wirportal.core.views import Saved, button_action

from .. import exports, selectors, services
from ..forms import (
    CheckInSearchForm,
)
from ..models import (
    Registration,
)
from .common import _event


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
    undo = request.POST.get("undo") == "1"
    url = reverse("events:check-in", kwargs={"slug": event.slug})

    def toggle() -> HttpResponse | Saved:
        checked = services.registration_check_in(
            registration=registration, by=request.user, undo=undo
        )
        if request.htmx:
            # the row and the counter (out of band), so the figures never go stale (issue #12)
            context = {
                "event": event,
                "registration": checked,
                "figures": selectors.figures(event),
                "oob": True,
            }
            return render(request, "events/check_in_swap.html", context)
        return Saved(f"{url}?{urlencode({'q': request.POST.get('q', '')})}")

    return button_action(request, toggle, back=url)
