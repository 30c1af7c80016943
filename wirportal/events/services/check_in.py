"""Check-in at the door."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError

from ..models import (
    Registration,
    RegistrationStatus,
)


@transaction.atomic
def registration_check_in(*, registration: Registration, by, undo: bool = False) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise DomainError(_("Nur bestätigte Anmeldungen können einchecken."))
    registration.checked_in_at = None if undo else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    audit_record(
        action="event.check_in_undone" if undo else "event.checked_in", target=registration, by=by
    )
    return registration
