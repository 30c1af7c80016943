"""Who may see and do what with a proof of use. The recipient organisation's members write and
submit it; the granting authority checks and settles it; reviewers and coordinators have no
access (ADR 0005: the settlement is the authority's and the recipient's business). Nobody but the
recipient sees a draft, superusers included (checked with `core.permissions.check_rule`)."""

import rules

from wirportal.accounts.rules import is_auditor, is_case_worker, is_programme_staff, is_superuser
from wirportal.decisions.models import DecisionStatus

from .models import ProofStatus, RecoveryStatus


@rules.predicate
def is_member_of_recipient(user, obj) -> bool:
    """`obj` is a proof of use or a decision."""
    if obj is None or not user.is_authenticated:
        return False
    decision = getattr(obj, "decision", obj)
    return decision.application.organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_accepted_grant(user, decision) -> bool:
    return decision is not None and decision.status == DecisionStatus.ACCEPTED


@rules.predicate
def is_draft(user, proof) -> bool:
    return proof is not None and proof.status == ProofStatus.DRAFT


@rules.predicate
def is_submitted(user, proof) -> bool:
    return proof is not None and proof.status == ProofStatus.SUBMITTED


@rules.predicate
def is_checked(user, proof) -> bool:
    return proof is not None and proof.status == ProofStatus.CHECKED


is_authority = is_case_worker | is_programme_staff | is_auditor | is_superuser

rules.add_perm("settlement.list_proofofuse", rules.is_authenticated)
# overdue proofs (not submitted) of every recipient: the granting authority's inbox
rules.add_perm("settlement.view_overdue_proofs", is_case_worker | is_programme_staff | is_auditor)
# obj: the decision the proof of use is for (accepted grants only)
rules.add_perm("settlement.add_proofofuse", is_member_of_recipient & is_accepted_grant)
# the cheap predicates first: the membership query only when they do not decide
rules.add_perm("settlement.view_proofofuse", (is_authority & ~is_draft) | is_member_of_recipient)
rules.add_perm("settlement.change_proofofuse", is_draft & is_member_of_recipient)
rules.add_perm("settlement.submit_proofofuse", is_draft & is_member_of_recipient)
# Kurzprüfung (quick check) and Schlussabrechnung: the granting authority's case workers
rules.add_perm("settlement.check_proofofuse", is_case_worker & is_submitted)
rules.add_perm("settlement.settle_proofofuse", (is_case_worker | is_programme_staff) & is_checked)


@rules.predicate
def is_in_hearing(user, recovery) -> bool:
    return recovery is not None and recovery.status == RecoveryStatus.HEARING


@rules.predicate
def is_revoked(user, recovery) -> bool:
    return recovery is not None and recovery.status == RecoveryStatus.REVOKED


@rules.predicate
def is_granted(user, decision) -> bool:
    return decision is not None and decision.status in {
        DecisionStatus.ISSUED,
        DecisionStatus.ACCEPTED,
    }


# Rückforderung (§§ 49, 49a HVwVfG): the granting authority's staff (as decisions:revoke)
rules.add_perm("settlement.add_recovery", (is_case_worker | is_programme_staff) & is_granted)
rules.add_perm("settlement.view_recovery", is_authority | is_member_of_recipient)
rules.add_perm("settlement.revoke_recovery", (is_case_worker | is_programme_staff) & is_in_hearing)
rules.add_perm("settlement.book_repayment", (is_case_worker | is_programme_staff) & is_revoked)

# Abschluss der Förderakte (issue #11): the granting authority's case workers close it; whoever
# may see the grant's settlement sees whether it is closed (obj: the decision)
rules.add_perm("settlement.close_grant", is_case_worker)
rules.add_perm("settlement.view_closure", is_authority | is_member_of_recipient)
