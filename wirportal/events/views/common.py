"""What the events pages share: loading an event with a permission check, and the edit and
delete pages of its programme parts."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from wirportal.core.permissions import check_perm
from wirportal.core.views import button_action, form_page

from ..models import (
    Event,
)


def _event(request, slug: str, perm: str) -> Event:
    """Load an event and check `perm`; events the person may not see do not exist for them."""
    event = get_object_or_404(Event.objects.select_related("host_office"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404
    check_perm(request.user, perm, event)
    return event


def _edit(
    request,
    event,
    form,
    save,
    *,
    heading: str | None,
    done: str,
    template: str = "events/simple_form.html",
):
    """The shared add and edit page of agenda items, workshops and stands (`save(**data)` calls
    the service; back to the event page with `done`)."""

    def saved(data: dict) -> str:
        save(**data)
        return reverse("events:event-detail", args=[event.slug])

    context = {"event": event} if heading is None else {"event": event, "heading": heading}
    return form_page(request, form, saved, template=template, context=context, done=done)


def _delete(request, event, delete, *, heading: str, what: str, done: str):
    """Confirmation page (GET) and deletion (POST); a refusal comes back as a German message."""
    if request.method == "POST":
        return button_action(
            request, delete, back=reverse("events:event-detail", args=[event.slug]), done=done
        )
    context = {"event": event, "heading": heading, "what": what}
    return render(request, "events/confirm_delete.html", context)
