"""Who may call down, check, order and pay. Members of the recipient call down and see their
own organisation's requests; the granting authority checks, a second person orders (Hessian
VV zu §§ 70–80 LHO Nr. 1.1.3), and only its staff build and execute payment runs. Reviewers
and coordinators have no part in money out (ADR 0005)."""

import rules

from wirportal.accounts.roles import Role
from wirportal.accounts.rules import (
    is_auditor,
    is_case_worker,
    is_programme_staff,
    is_superuser,
)
from wirportal.decisions.models import DecisionStatus
from wirportal.decisions.rules import is_member_of_recipient

from .models import RequestStatus


@rules.predicate
def is_applicant(user) -> bool:
    return user.is_authenticated and user.role == Role.APPLICANT


@rules.predicate
def is_accepted(user, decision) -> bool:
    return decision is not None and decision.status == DecisionStatus.ACCEPTED


@rules.predicate
def is_member_of_grantee(user, decision) -> bool:
    """`decisions.rules.is_member_of_recipient`, without a query when the decision was read
    together with this person's membership (`selectors.decision_for_call_down`)."""
    if decision is None or not user.is_authenticated:
        return False
    if getattr(decision, "membership_read_for", None) == user.pk:
        return bool(decision.viewer_is_member)
    return is_member_of_recipient(user, decision)


@rules.predicate
def is_member_of_requesting_organisation(user, payment) -> bool:
    if payment is None or not user.is_authenticated:
        return False
    return is_member_of_recipient(user, payment.decision)


@rules.predicate
def is_requested(user, payment) -> bool:
    return payment is not None and payment.status == RequestStatus.REQUESTED


@rules.predicate
def is_checked(user, payment) -> bool:
    return payment is not None and payment.status == RequestStatus.CHECKED


@rules.predicate
def is_refusable(user, payment) -> bool:
    return payment is not None and payment.status in {
        RequestStatus.REQUESTED,
        RequestStatus.CHECKED,
    }


@rules.predicate
def is_checker(user, payment) -> bool:
    return payment is not None and user.is_authenticated and payment.checked_by_id == user.pk


is_payment_staff = is_case_worker | is_programme_staff
is_authority = is_payment_staff | is_auditor | is_superuser

rules.add_perm("payments.list_requests", is_authority | is_applicant)
rules.add_perm("payments.call_down", is_member_of_grantee & is_accepted)
rules.add_perm("payments.view_paymentrequest", is_authority | is_member_of_requesting_organisation)
# sachlich richtig: the case worker of the granting authority
rules.add_perm("payments.check_paymentrequest", is_case_worker & is_requested)
# four eyes: whoever checked can never order the same payment (also for superusers, in the view)
rules.add_perm("payments.order_paymentrequest", is_payment_staff & is_checked & ~is_checker)
rules.add_perm("payments.refuse_paymentrequest", is_payment_staff & is_refusable)
rules.add_perm("payments.view_paymentrun", is_authority)
rules.add_perm("payments.build_paymentrun", is_payment_staff)
rules.add_perm("payments.download_paymentrun", is_payment_staff)
rules.add_perm("payments.execute_paymentrun", is_payment_staff)
