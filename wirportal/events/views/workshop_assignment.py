"""Fair workshop assignment (ranked mode): compute a run, look at it, publish it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.views import Saved, button_action, form_page

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
    here = reverse("events:assignment", kwargs={"slug": event.slug})

    def save(data) -> Saved:
        run = services.assignment_run(event=event, by=request.user, seed=data.get("seed"))
        done = _(
            "Die Zuteilung ist berechnet (Startwert %(seed)d). Prüfen Sie das Ergebnis und versenden Sie es dann."
        ) % {"seed": run.seed}
        return Saved(here, done)

    def context() -> dict:
        latest = event.assignment_runs.first()
        counts = latest.by_preference if latest else {}
        return {
            "event": event,
            "run": latest,
            "rows": [
                (_("1. Wunsch"), counts.get("1", 0)),
                (_("2. Wunsch"), counts.get("2", 0)),
                (_("3. Wunsch"), counts.get("3", 0)),
                (_("Forum ohne Wunsch"), counts.get("none", 0)),
                (_("Kein Platz frei"), counts.get("unassigned", 0)),
            ],
            "workshops": selectors.workshops_with_room(event),
            "deadline_passed": timezone.now() > event.registration_closes_at,
        }

    return form_page(
        request,
        AssignmentForm(request.POST or None),
        save,
        template="events/assignment.html",
        context=context,
    )


@login_required
@require_POST
def assignment_publish(request, slug):
    event = _event(request, slug, "events.assign_workshops")
    here = reverse("events:assignment", kwargs={"slug": event.slug})

    def publish() -> Saved:
        count = services.assignment_publish(event=event, by=request.user)
        return Saved(here, _("%(n)d Bestätigungen mit den Foren werden versandt.") % {"n": count})

    return button_action(request, publish, back=here)
