"""Who may work on reviews: case workers do the checks, assigned reviewers score, Land staff read.

Coordinators and applicants never see the authority's internal review (documented in ADR 0005).
"""

import rules

from wirportal.accounts.rules import (
    is_auditor,
    is_case_worker,
    is_programme_staff,
    is_reviewer,
    is_superuser,
)
from wirportal.applications.models import ApplicationStatus

REVIEWABLE = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW})


@rules.predicate
def is_assigned_reviewer(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    from .models import ReviewCase

    return ReviewCase.objects.filter(application=application, reviewers=user).exists()


@rules.predicate
def is_reviewable(user, application) -> bool:
    return application is not None and application.status in REVIEWABLE


is_authority = is_case_worker | is_programme_staff | is_auditor | is_superuser

rules.add_perm("reviews.view_inbox", is_authority | is_reviewer)
rules.add_perm("reviews.view_review", is_authority | (is_reviewer & is_assigned_reviewer))
rules.add_perm("reviews.work_application", (is_case_worker | is_superuser) & is_reviewable)
rules.add_perm("reviews.assign_application", is_case_worker | is_superuser)
rules.add_perm("reviews.score_application", is_reviewer & is_assigned_reviewer & is_reviewable)
rules.add_perm("reviews.change_criteria", is_programme_staff | is_superuser)
rules.add_perm("reviews.view_criteria", is_authority | is_reviewer)
