"""Who may read reports of discrimination: only the anti-discrimination unit (issue #16).

A role of its own that no other role includes; the rules decide for superusers too (views ask
with `check_rule`): the technical administration and every other staff role are refused
(threat model T5: other staff must not learn who reported what). The public pages need no
permission: whoever holds a receipt code is the reporter.
"""

import rules

from wirportal.accounts.roles import Role


@rules.predicate
def is_antidiscrimination_staff(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.role == Role.ANTIDISCRIMINATION
    )


rules.add_perm("antidiscrimination.view_report", is_antidiscrimination_staff)
rules.add_perm("antidiscrimination.change_report", is_antidiscrimination_staff)
rules.add_perm("antidiscrimination.view_statistics", is_antidiscrimination_staff)
rules.add_perm("antidiscrimination.manage_centres", is_antidiscrimination_staff)
rules.add_perm("antidiscrimination.manage_retention", is_antidiscrimination_staff)
# files of a report: documents.view_document asks this one (with the document), for superusers too
rules.add_perm("antidiscrimination.view_report_document", is_antidiscrimination_staff)
rules.add_perm("antidiscrimination.delete_report_document", rules.always_deny)
