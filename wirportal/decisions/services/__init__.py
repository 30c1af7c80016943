"""Writes on grant decisions: propose, approve (four eyes), return, issue the letter, accept,
lapse and revoke. Each locks the decision (and the application) before it checks the state.

One module per sub-domain; the public names are re-exported here, so callers import
`wirportal.decisions.services` as before:

- `propose`: propose, approve (four eyes, budget bound), return;
- `letters`: what the Bescheide say (court, letterhead, ANBest, contexts, annexes);
- `issue`: issue the Zuwendungsbescheid, record its first download;
- `acceptance`: acceptance online and on paper;
- `ending`: lapse and Widerruf;
- `deadlines`: extension of the acceptance deadline and Wiedereinsetzung;
- `common`: loading and locking, addresses, budget binding, the race test's switches.
"""

from .acceptance import (
    SCAN_FILE_KINDS,
    SCAN_KIND,
    decision_accept,
    decision_record_paper_acceptance,
)
from .common import LETTER_KIND, REJECTION_KIND, acceptance_deadline_for
from .deadlines import (
    REINSTATEMENT_REQUEST_DAYS,
    REINSTATEMENT_YEAR_MONTHS,
    decision_extend_deadline,
    decision_reinstate,
    reinstatement_request_ends,
    reinstatement_year_ends,
)
from .ending import decision_lapse, decision_revoke, decisions_lapse_overdue
from .issue import decision_issue, decision_record_download
from .letters import (
    DEFAULT_CALL_DOWN_WEEKS,
    LOCAL_AUTHORITY_KINDS,
    anbest_kind_for,
    annex_names,
    competent_court,
    letter_anbest,
    letter_attachments,
    letter_common,
    letter_context,
    rejection_letter_context,
)
from .propose import decision_approve, decision_propose, decision_return

__all__ = [
    "DEFAULT_CALL_DOWN_WEEKS",
    "LETTER_KIND",
    "LOCAL_AUTHORITY_KINDS",
    "REINSTATEMENT_REQUEST_DAYS",
    "REINSTATEMENT_YEAR_MONTHS",
    "REJECTION_KIND",
    "SCAN_FILE_KINDS",
    "SCAN_KIND",
    "acceptance_deadline_for",
    "anbest_kind_for",
    "annex_names",
    "competent_court",
    "decision_accept",
    "decision_approve",
    "decision_extend_deadline",
    "decision_issue",
    "decision_lapse",
    "decision_propose",
    "decision_record_download",
    "decision_record_paper_acceptance",
    "decision_reinstate",
    "decision_return",
    "decision_revoke",
    "decisions_lapse_overdue",
    "letter_anbest",
    "letter_attachments",
    "letter_common",
    "letter_context",
    "reinstatement_request_ends",
    "reinstatement_year_ends",
    "rejection_letter_context",
]
