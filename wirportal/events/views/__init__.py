"""The events pages, one module per sub-domain; `events/urls.py` uses the names re-exported here.

- `events`: event list and page, calendar files; plan, edit, publish, cancel;
- `programme`: agenda items, workshops (Foren) and stands: add, edit, delete;
- `registrations`: register, the self-service pages, the organisers' list and export;
- `check_in`: the check-in page, its toggle and the PDF list;
- `workshop_assignment`: fair workshop assignment (ranked mode);
- `materials`: upload and authorised download;
- `common`: loading an event with a permission check, the shared edit and delete pages.
"""

from .check_in import check_in, check_in_pdf, check_in_toggle
from .events import (
    event_cancel,
    event_create,
    event_detail,
    event_ical,
    event_list,
    event_participants,
    event_publish,
    event_update,
    ical_feed,
)
from .materials import material_download, material_upload
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
    event_register,
    registration_cancel,
    registration_confirm,
    registration_export,
    registration_list,
    registration_manage,
    registration_pending,
)
from .workshop_assignment import assignment, assignment_publish

__all__ = [
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_update",
    "assignment",
    "assignment_publish",
    "check_in",
    "check_in_pdf",
    "check_in_toggle",
    "event_cancel",
    "event_create",
    "event_detail",
    "event_ical",
    "event_list",
    "event_participants",
    "event_publish",
    "event_register",
    "event_update",
    "exhibitor_add",
    "exhibitor_delete",
    "exhibitor_update",
    "ical_feed",
    "material_download",
    "material_upload",
    "registration_cancel",
    "registration_confirm",
    "registration_export",
    "registration_list",
    "registration_manage",
    "registration_pending",
    "workshop_add",
    "workshop_delete",
    "workshop_update",
]
