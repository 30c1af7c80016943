"""Who may work on reviews: case workers do the checks, assigned reviewers score, Land staff read.

Coordinators and applicants never see the authority's internal review; reviewers see only the
applications assigned to them: the review page, the score form, the application with its plan
and its attachments, nothing else (ADR 0005). Nobody reviews an application never submitted.
"""

import rules

from wirportal.accounts.rules import (
    is_auditor,
    is_case_worker,
    is_programme_staff,
    is_reviewer,
    is_superuser,
)
from wirportal.applications import rules as application_rules
from wirportal.applications.models import ApplicationStatus
from wirportal.applications.rules import is_submitted

REVIEWABLE = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW})


@rules.predicate
def is_assigned_reviewer(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    # a page asks several permissions of one application: one query per request and application
    known = getattr(user, "_wir_reviews_assigned", None)
    if known is None:
        known = {}
        user._wir_reviews_assigned = known
    if application.pk not in known:
        from .models import ReviewCase

        known[application.pk] = ReviewCase.objects.filter(
            application_id=application.pk, reviewers=user
        ).exists()
    return known[application.pk]


@rules.predicate
def is_reviewable(user, application) -> bool:
    return application is not None and application.status in REVIEWABLE


is_authority = is_case_worker | is_programme_staff | is_auditor | is_superuser

# the reviewer's part: a submitted application assigned to them (the role first: no query)
is_reviewer_of = is_reviewer & is_submitted & is_assigned_reviewer

# what the review needs: the application itself and so its attachments (documents asks
# applications.view_application of an application's documents); not its organisation's bank
# data, not the budget, not another application
rules.set_perm("applications.view_application", application_rules.view_application | is_reviewer_of)

rules.add_perm("reviews.view_inbox", is_authority | is_reviewer)
rules.add_perm("reviews.view_review", (is_authority & is_submitted) | is_reviewer_of)
rules.add_perm("reviews.work_application", (is_case_worker | is_superuser) & is_reviewable)
rules.add_perm("reviews.assign_application", is_case_worker | is_superuser)
rules.add_perm("reviews.score_application", is_reviewable & is_reviewer_of)
rules.add_perm("reviews.change_criteria", is_programme_staff | is_superuser)
rules.add_perm("reviews.view_criteria", is_authority | is_reviewer)
