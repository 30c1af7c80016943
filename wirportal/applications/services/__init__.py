"""Writes on applications: create, autosave, cost/financing rows, attachments, submit, withdraw.

Every write locks the application row first (`select_for_update`), so an autosave that races a
submission either lands before the snapshot or is refused afterwards; it never changes a
submitted application and a double click never submits twice.

One module per sub-domain; the public names are re-exported here, so callers import
`wirportal.applications.services` as before:

- `parsing`: what people type (money, units, dates, counts, texts);
- `drafts`: create, autosave, plan rows, other funding, attachments;
- `submission`: submit with snapshot and receipt, withdraw, the case workers' steps;
- `early_start`: vorzeitiger Maßnahmebeginn, request and decision;
- `common`: the row lock and the editable check.
"""

from .common import ATTACHMENT_KIND, RECEIPT_KIND
from .drafts import (
    AUTOSAVE_FIELDS,
    AutosaveResult,
    application_autosave,
    application_create,
    attachment_add,
    attachment_remove,
    cost_item_add,
    cost_item_remove,
    funding_source_add,
    funding_source_remove,
    other_funding_add,
    other_funding_remove,
)
from .early_start import EARLY_START_LETTER_KIND, early_start_decide, early_start_request
from .parsing import (
    APPLICATION_PARSERS,
    COST_PARSERS,
    MONEY_LIMIT,
    OTHER_PARSERS,
    ROW_KEY,
    SOURCE_PARSERS,
    SUM_TOO_LARGE,
    parse_count,
    parse_date,
    parse_money,
    parse_row_count,
    parse_units,
)
from .submission import (
    ApplicationIncomplete,
    application_request_changes,
    application_start_review,
    application_submit,
    application_withdraw,
)

__all__ = [
    "APPLICATION_PARSERS",
    "ATTACHMENT_KIND",
    "AUTOSAVE_FIELDS",
    "COST_PARSERS",
    "EARLY_START_LETTER_KIND",
    "MONEY_LIMIT",
    "OTHER_PARSERS",
    "RECEIPT_KIND",
    "ROW_KEY",
    "SOURCE_PARSERS",
    "SUM_TOO_LARGE",
    "ApplicationIncomplete",
    "AutosaveResult",
    "application_autosave",
    "application_create",
    "application_request_changes",
    "application_start_review",
    "application_submit",
    "application_withdraw",
    "attachment_add",
    "attachment_remove",
    "cost_item_add",
    "cost_item_remove",
    "early_start_decide",
    "early_start_request",
    "funding_source_add",
    "funding_source_remove",
    "other_funding_add",
    "other_funding_remove",
    "parse_count",
    "parse_date",
    "parse_money",
    "parse_row_count",
    "parse_units",
]
