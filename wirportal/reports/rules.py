"""Who sees the dashboards (Auswertungen) and the annual programme report.

The Land (programme staff, case workers, auditors) sees every figure; a coordinator bound to a
unit sees the figures of that unit only (`selectors.scope_office`). Auditors read: they see the
reports but do not start one."""

import rules

from wirportal.accounts.rules import (
    is_case_worker,
    is_land_staff,
    is_programme_staff,
    is_superuser,
)
from wirportal.offices.rules import is_bound_coordinator

rules.add_perm("reports.view_dashboard", is_land_staff | is_bound_coordinator | is_superuser)
rules.add_perm("reports.view_reportrun", is_land_staff | is_superuser)
rules.add_perm("reports.add_reportrun", is_programme_staff | is_case_worker | is_superuser)
