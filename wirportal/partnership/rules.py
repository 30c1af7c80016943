"""Who sees what of the partnership view (issue #18).

Everything public is the same for everyone (visitors included). The staff version of a unit's page
adds the ledger (committed not yet paid, open receivables), applications on their way, non-public
actors, events for invited audiences and the IKÖ profile whatever the naming choice: for the
Land's staff (ministry, granting authority, audit), superusers and the unit's own coordinators.
The IKÖ profile of a unit that chose not to be named follows opening's rules: the Land's readers
(programme staff, audit) and the unit's coordinators (opening.rules).
"""

import rules

from wirportal.accounts.rules import is_coordinator, is_land_staff, is_programme_staff, is_superuser
from wirportal.offices.rules import is_member_of_office
from wirportal.opening.rules import is_land_reader

own_coordinator = is_coordinator & is_member_of_office

rules.add_perm("partnership.view_staff_figures", is_land_staff | is_superuser | own_coordinator)
rules.add_perm("partnership.view_unnamed_ikoe", is_land_reader | is_superuser | own_coordinator)
rules.add_perm("partnership.publish_release", is_programme_staff | is_superuser)
