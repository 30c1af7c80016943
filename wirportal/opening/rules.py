"""Who may do what with the IKÖ self-check (issue #15).

- Programme staff edit the questionnaire, see every unit's self-check and the comparison;
  auditors read the same.
- A unit's coordinators start, answer, submit and keep the action plan of their unit's checks.
- Invited colleagues (`opening_contributor`) see only the self-checks they were invited to and
  answer only the fields assigned to them (the services check the field again).
- Nobody of another unit opens a unit's self-check; other units see a profile only in the
  comparison, and only where the unit chose to be named (selectors.comparison).
"""

import rules

from wirportal.accounts.roles import Role
from wirportal.accounts.rules import is_auditor, is_coordinator, is_programme_staff


def _office_id(user):
    membership = getattr(user, "office_membership", None)
    return membership.office_id if membership is not None else None


def contributor_check_ids(user) -> frozenset[int]:
    """The self-checks a colleague was invited to, read once per request (kept on the user)."""
    if not user.is_authenticated or user.role != Role.OPENING_CONTRIBUTOR:
        return frozenset()
    cached = getattr(user, "_opening_check_ids", None)
    if cached is None:
        from .models import Contributor

        cached = frozenset(
            Contributor.objects.filter(user=user).values_list("self_check_id", flat=True)
        )
        user._opening_check_ids = cached
    return cached


@rules.predicate
def is_unit_coordinator(user, check) -> bool:
    return check is not None and _office_id(user) == check.office_id


@rules.predicate
def is_invited(user, check) -> bool:
    return check is not None and check.pk in contributor_check_ids(user)


@rules.predicate
def is_draft(user, check) -> bool:
    return check is not None and check.is_draft


@rules.predicate
def is_contributor(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.OPENING_CONTRIBUTOR)


@rules.predicate
def has_unit(user) -> bool:
    return _office_id(user) is not None


@rules.predicate
def check_of_answer_visible(user, answer) -> bool:
    return answer is not None and user.has_perm("opening.view_selfcheck", answer.self_check)


@rules.predicate
def check_of_answer_open(user, answer) -> bool:
    return answer is not None and user.has_perm("opening.answer_selfcheck", answer.self_check)


@rules.predicate
def measure_check_visible(user, measure) -> bool:
    return measure is not None and user.has_perm("opening.view_plan", measure.self_check)


@rules.predicate
def measure_check_kept(user, measure) -> bool:
    return measure is not None and user.has_perm("opening.change_plan", measure.self_check)


is_land_reader = is_programme_staff | is_auditor
unit_coordinator = is_coordinator & is_unit_coordinator

rules.add_perm("opening.view_questionnaire", is_land_reader)
rules.add_perm("opening.change_questionnaire", is_programme_staff)
rules.add_perm("opening.view_index", is_land_reader | is_coordinator | is_contributor)
rules.add_perm("opening.start_selfcheck", is_coordinator & has_unit)
rules.add_perm(
    "opening.view_selfcheck", is_land_reader | unit_coordinator | (is_contributor & is_invited)
)
rules.add_perm(
    "opening.answer_selfcheck", is_draft & (unit_coordinator | (is_contributor & is_invited))
)
rules.add_perm("opening.manage_selfcheck", is_draft & unit_coordinator)
rules.add_perm("opening.set_visibility", unit_coordinator)
rules.add_perm("opening.view_plan", is_land_reader | unit_coordinator)
rules.add_perm("opening.change_plan", unit_coordinator)
rules.add_perm("opening.view_measure", measure_check_visible)
rules.add_perm("opening.change_measure", measure_check_kept)
rules.add_perm("opening.view_comparison", is_land_reader | is_coordinator)
rules.add_perm("opening.view_land_aggregate", is_land_reader)
# evidence files are `StoredDocument`s owned by an answer (documents.rules asks these)
rules.add_perm("opening.view_answer", check_of_answer_visible)
rules.add_perm("opening.change_answer", check_of_answer_open)


@rules.predicate
def is_office_coordinator(user, office) -> bool:
    return office is not None and _office_id(user) == office.pk


rules.add_perm("opening.view_progress", is_land_reader | (is_coordinator & is_office_coordinator))
