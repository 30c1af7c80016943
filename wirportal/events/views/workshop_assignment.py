"""Fair workshop assignment (ranked mode): compute a run, look at it, publish it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.exceptions import DomainError
from wirportal.core.forms import add_domain_error

from .. import selectors, services
from ..forms import (
    AssignmentForm,
)
from ..models import (
    WorkshopMode,
)
from .common import _event


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
