"""Writes on events and registrations: one function per use case, audited, mail through notify().

Places are protected by one lock per event: every write that takes or frees a place (event or
workshop) first locks the event row (`common._lock_event`), then counts, then writes, in one
transaction. One lock per event means a fixed lock order, so there are no deadlocks (reliability
brief T2).

One module per sub-domain; the public names are re-exported here, so callers import
`wirportal.events.services` as before:

- `events`: plan, edit, publish, cancel, name the participating units and actors;
- `programme`: agenda items, workshops, stands;
- `registrations`: register, confirm the address, change, cancel, release expired holds;
- `check_in`: check-in at the door;
- `workshop_assignment`: fair workshop assignment (ranked mode);
- `materials`: materials in the documents store;
- `retention`: purge personal data after the retention period;
- `common`: the row locks, race-control switches and the mail context;
- `places`: places, seats and the waiting lists under the event's lock.
"""

from .check_in import registration_check_in
from .events import (
    EVENT_FIELDS,
    event_cancel,
    event_create,
    event_publish,
    event_set_participants,
    event_update,
)
from .materials import material_upload
from .programme import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_update,
    exhibitor_add,
    exhibitor_delete,
    exhibitor_update,
    workshop_add,
    workshop_delete,
    workshop_update,
)
from .registrations import (
    registration_cancel,
    registration_confirm_email,
    registration_create,
    registration_update,
    release_expired_holds,
)
from .retention import purge_personal_data
from .workshop_assignment import assignment_publish, assignment_run

__all__ = [
    "EVENT_FIELDS",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_update",
    "assignment_publish",
    "assignment_run",
    "event_cancel",
    "event_create",
    "event_publish",
    "event_set_participants",
    "event_update",
    "exhibitor_add",
    "exhibitor_delete",
    "exhibitor_update",
    "material_upload",
    "purge_personal_data",
    "registration_cancel",
    "registration_check_in",
    "registration_confirm_email",
    "registration_create",
    "registration_update",
    "release_expired_holds",
    "workshop_add",
    "workshop_delete",
    "workshop_update",
]
