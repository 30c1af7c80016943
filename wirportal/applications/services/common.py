"""Shared by the applications services: document kinds, the row lock, the editable check."""

from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.core.exceptions import NotAllowed

from .. import selectors
from ..models import (
    EDITABLE,
    Application,
)

RECEIPT_KIND = "eingangsbestaetigung"
ATTACHMENT_KIND = "anlage"


# --- use cases ------------------------------------------------------------------------------


def _lock(application: Application) -> Application:
    # of=self: lock only the application row, never the shared line and call rows
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("line", "call")
        .get(pk=application.pk)
    )


def _require_editable(application: Application) -> None:
    if application.status not in EDITABLE:
        raise NotAllowed(
            _(
                "Der Antrag ist eingereicht und kann nicht mehr geändert werden. "
                "Ihre letzte Eingabe wurde nicht übernommen."
            )
        )


def _touch(application: Application) -> None:
    """A row changed: a new `updated_at` tells a concurrent autosave to work out its changes
    again (application_autosave checks it)."""
    Application.objects.filter(pk=application.pk).update(updated_at=timezone.now())


def _forget_invalid(application: Application, prefix: str) -> None:
    application.invalid_input = {
        k: v for k, v in (application.invalid_input or {}).items() if not k.startswith(prefix)
    }
    application.requested_amount = selectors.grant_for(application).amount
    application.save(update_fields=["invalid_input", "requested_amount", "updated_at"])
