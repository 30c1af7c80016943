"""Who may configure programmes and see the budget: programme staff configure, the Land reads."""

import rules

from wirportal.accounts.rules import is_land_staff, is_programme_staff, is_superuser

# Calls, lines and programmes are public information (applicants must find them).
rules.add_perm("programmes.view_programme", rules.always_allow)
rules.add_perm("programmes.view_call", rules.always_allow)
rules.add_perm("programmes.change_programme", is_programme_staff | is_superuser)
rules.add_perm("programmes.view_budget", is_land_staff | is_superuser)
