"""Who may see and change applications. Each predicate has a QuerySet twin in selectors.

No staff role sees an application before it is submitted: drafts (and drafts withdrawn before
they were ever submitted) are the applicant organisation's own (ADR 0005). Reviewers are not
Land staff here; the reviews app widens `applications.view_application` to the reviewers assigned
to an application (reviews.rules), as it owns the assignment.
"""

import rules

from wirportal.accounts.rules import (
    is_applicant,
    is_case_worker,
    is_land_staff,
    is_programme_staff,
    is_superuser,
)
from wirportal.offices.selectors import is_member

from .models import EDITABLE, WITHDRAWABLE


def remember_membership(user, organisation_id: int, member: bool) -> None:
    """For a selector that read the person's membership together with the application: the
    predicate below then needs no query of its own in this request."""
    _memberships_known(user)[organisation_id] = member


def _memberships_known(user) -> dict[int, bool]:
    # getattr/setattr, not __dict__: request.user is a lazy proxy that forwards only these
    known = getattr(user, "_wir_member_of", None)
    if known is None:
        known = {}
        user._wir_member_of = known
    return known


@rules.predicate
def is_member_of_applicant(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    # a page asks several permissions of one application: one query per request and organisation
    known = _memberships_known(user)
    if application.organisation_id not in known:
        known[application.organisation_id] = is_member(
            user_id=user.pk, organisation_id=application.organisation_id
        )
    return known[application.organisation_id]


@rules.predicate
def is_coordinator_of_applicant_office(user, application) -> bool:
    """Coordinators read submitted applications of organisations based in their unit."""
    if application is None or not user.is_authenticated:
        return False
    membership = getattr(user, "office_membership", None)
    return (
        membership is not None
        and application.was_submitted
        and application.organisation.office_id == membership.office_id
    )


@rules.predicate
def is_submitted(user, application) -> bool:
    """Submitted at least once (the twin of models.NEVER_SUBMITTED); needs no query."""
    return application is not None and application.was_submitted


@rules.predicate
def is_editable(user, application) -> bool:
    return application is not None and application.status in EDITABLE


@rules.predicate
def is_withdrawable(user, application) -> bool:
    return application is not None and application.status in WITHDRAWABLE


rules.add_perm("applications.list_applications", rules.is_authenticated)
rules.add_perm("applications.add_application", is_applicant)
# the predicate itself, so reviews.rules can add the assigned reviewers to it
view_application = (
    ((is_land_staff | is_superuser) & is_submitted)
    | is_member_of_applicant
    | is_coordinator_of_applicant_office
)
rules.add_perm("applications.view_application", view_application)


@rules.predicate
def may_view_owner_application(user, document) -> bool:
    """An application's documents: whoever may see the application (with the reviews app's
    extension), asked of the rules even for superusers (documents.rules, core.permissions)."""
    return rules.has_perm("applications.view_application", user, document.owner)


rules.add_perm("applications.view_application_document", may_view_owner_application)
# the state first: it needs no query
rules.add_perm("applications.change_application", is_editable & is_member_of_applicant)
rules.add_perm("applications.submit_application", is_editable & is_member_of_applicant)
rules.add_perm("applications.withdraw_application", is_withdrawable & is_member_of_applicant)
rules.add_perm(
    "applications.view_application_changes", (is_land_staff | is_superuser) & is_submitted
)
# the mail log (issue #12): the granting authority and programme staff see every mail about the
# application; a member of the applicant organisation only the mails sent to themselves
rules.add_perm("applications.view_mail_log", (is_case_worker | is_programme_staff) & is_submitted)
rules.add_perm("applications.view_own_mails", is_member_of_applicant)


# --- early start (vorzeitiger Maßnahmebeginn): its own object, never the draft ----------------
# The applicant sends the request from the draft; Land staff see the request (what it carries),
# the case worker of the granting authority decides it. Coordinators and reviewers see none.


@rules.predicate
def is_member_of_requesting_organisation(user, request) -> bool:
    return request is not None and is_member_of_applicant(user, request.application)


@rules.predicate
def is_open_request(user, request) -> bool:
    return request is not None and request.status == "sent"


rules.add_perm("applications.request_early_start", is_editable & is_member_of_applicant)
rules.add_perm("applications.list_earlystartrequests", is_land_staff | is_superuser | is_applicant)
view_early_start = is_land_staff | is_superuser | is_member_of_requesting_organisation
rules.add_perm("applications.view_earlystartrequest", view_early_start)


@rules.predicate
def may_view_owner_early_start(user, document) -> bool:
    """The consent or refusal letter: whoever may see the request, superusers by the rule too."""
    return rules.has_perm("applications.view_earlystartrequest", user, document.owner)


rules.add_perm("applications.view_earlystartrequest_document", may_view_owner_early_start)
rules.add_perm("applications.decide_earlystartrequest", is_case_worker & is_open_request)
