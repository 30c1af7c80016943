"""Who may see and take decisions. Coordinators are denied throughout (ADR 0005): decisions are
the granting authority's and the recipient's business; coordinators see the application status.
"""

import rules

from wirportal.accounts.rules import (
    is_auditor,
    is_case_worker,
    is_programme_staff,
    is_superuser,
)
from wirportal.applications.models import ApplicationStatus
from wirportal.applications.rules import is_submitted

from .models import DecisionStatus, Outcome

VISIBLE_TO_RECIPIENT = frozenset(
    {DecisionStatus.ISSUED, DecisionStatus.ACCEPTED, DecisionStatus.LAPSED, DecisionStatus.REVOKED}
)


@rules.predicate
def is_member_of_recipient(user, decision) -> bool:
    if decision is None or not user.is_authenticated:
        return False
    return decision.application.organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_released_to_recipient(user, decision) -> bool:
    if decision is None:
        return False
    return decision.status in VISIBLE_TO_RECIPIENT or (
        decision.status == DecisionStatus.APPROVED and decision.outcome == Outcome.REJECT
    )


@rules.predicate
def is_proposer(user, decision) -> bool:
    return decision is not None and user.is_authenticated and decision.proposed_by_id == user.pk


@rules.predicate
def is_proposed(user, decision) -> bool:
    return decision is not None and decision.status == DecisionStatus.PROPOSED


@rules.predicate
def is_approved_grant(user, decision) -> bool:
    return (
        decision is not None
        and decision.status == DecisionStatus.APPROVED
        and decision.outcome != Outcome.REJECT
    )


@rules.predicate
def is_issued(user, decision) -> bool:
    return decision is not None and decision.status == DecisionStatus.ISSUED


@rules.predicate
def is_in_review(user, application) -> bool:
    return application is not None and application.status == ApplicationStatus.IN_REVIEW


@rules.predicate
def is_revocable(user, decision) -> bool:
    return decision is not None and decision.status in {
        DecisionStatus.ISSUED,
        DecisionStatus.ACCEPTED,
    }


is_authority = is_case_worker | is_programme_staff | is_auditor | is_superuser

# reviewers are not among them (ADR 0005); nobody decides on, or sees, a never-submitted draft
rules.add_perm("decisions.view_summary", is_authority & is_submitted)
rules.add_perm("decisions.list_decisions", rules.is_authenticated)
rules.add_perm("decisions.propose_decision", (is_case_worker | is_superuser) & is_in_review)
rules.add_perm(
    "decisions.view_grantdecision",
    is_authority | (is_member_of_recipient & is_released_to_recipient),
)
# four eyes: whoever proposed can never approve or return their own proposal
rules.add_perm(
    "decisions.approve_grantdecision",
    (is_case_worker | is_programme_staff) & is_proposed & ~is_proposer,
)
# the four eyes alone, asked with core.permissions.has_rule/check_rule so that they bind superusers
# too (Django grants them every permission without the rules; T16)
rules.add_perm("decisions.countersign_grantdecision", ~is_proposer)
rules.add_perm("decisions.issue_grantdecision", is_case_worker & is_approved_grant)
rules.add_perm("decisions.accept_grantdecision", is_member_of_recipient & is_issued)
# Widerruf (§ 49 HVwVfG) of an issued or accepted Bescheid: the granting authority's staff
rules.add_perm(
    "decisions.revoke_grantdecision", (is_case_worker | is_programme_staff) & is_revocable
)


# --- acceptance on paper, deadline extension, reinstatement (§§ 31, 32 HVwVfG) ---------------


@rules.predicate
def has_running_deadline(user, decision) -> bool:
    return (
        decision is not None
        and decision.status == DecisionStatus.ISSUED
        and decision.acceptance_deadline is not None
    )


@rules.predicate
def is_lapsed_for_missed_deadline(user, decision) -> bool:
    return (
        decision is not None
        and decision.status == DecisionStatus.LAPSED
        and decision.acceptance_deadline is not None
    )


# the granting authority's staff; recipients accept online, reviewers/auditors only read
rules.add_perm(
    "decisions.record_paper_acceptance",
    (is_case_worker | is_programme_staff) & (is_issued | is_lapsed_for_missed_deadline),
)
rules.add_perm(
    "decisions.extend_deadline",
    (is_case_worker | is_programme_staff) & (has_running_deadline | is_lapsed_for_missed_deadline),
)
rules.add_perm(
    "decisions.reinstate_grantdecision",
    (is_case_worker | is_programme_staff) & is_lapsed_for_missed_deadline,
)
