"""Access matrix of the review: case workers work, assigned reviewers score, Land staff read.

Coordinators and applicants are denied everywhere here (ADR 0005). The reviewer is assigned to
`review_application` only: they read it, its review and its attachments, and nothing of
`unassigned_application` (rows for the applications and documents URLs are here, as the
assignment is the reviews app's)."""

from wirportal.core.testing import LAND, Case

WORKERS = frozenset({"case_worker", "admin"})
REVIEWER = frozenset({"reviewer"})
# who reads an application in review: the Land, the applicant, the coordinator of its unit
APPLICATION_READERS = LAND | {"applicant_a", "coordinator_x"}
CRITERIA_EDITORS = frozenset({"programme_staff", "admin"})


def build(world):
    from .factories import ReviewCriterionFactory, application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
    )
    application.review_case.reviewers.add(world.users["reviewer"])
    world.objects["review_application"] = application
    from wirportal.documents.tests.factories import stored_document

    world.objects["review_attachment"] = stored_document(
        attach_to=application, by=world.users["applicant_a"]
    )
    unassigned = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
    )
    world.objects["unassigned_application"] = unassigned
    world.objects["unassigned_attachment"] = stored_document(
        attach_to=unassigned, by=world.users["applicant_a"]
    )
    world.objects["criterion"] = ReviewCriterionFactory(line=application.line, label="Wirkung")


def _pk(w):
    return {"pk": w["review_application"].pk}


def _unassigned(w):
    return {"pk": w["unassigned_application"].pk}


def _line(w):
    return {"line_pk": w["review_application"].line_id}


CASES = [
    Case("reviews:inbox", LAND | REVIEWER),
    Case("reviews:inbox", LAND | REVIEWER, query="status=in_review&assignee=none&q=WIR"),
    Case("reviews:review-detail", LAND | REVIEWER, kwargs=_pk),
    Case("reviews:review-detail", LAND, kwargs=_unassigned),
    # what the review needs: the assigned application and its attachments, nothing else
    Case("applications:application-detail", APPLICATION_READERS | REVIEWER, kwargs=_pk),
    Case("applications:application-detail", APPLICATION_READERS, kwargs=_unassigned),
    Case(
        "documents:download",
        APPLICATION_READERS | REVIEWER,
        kwargs=lambda w: {"public_id": w["review_attachment"].public_id},
    ),
    Case(
        "documents:download",
        APPLICATION_READERS,
        kwargs=lambda w: {"public_id": w["unassigned_attachment"].public_id},
    ),
    Case(
        "reviews:assign",
        WORKERS,
        kwargs=_pk,
        method="post",
        data=lambda w: {"assignee": w.users["case_worker"].pk},
    ),
    Case(
        "reviews:reviewers-assign",
        WORKERS,
        kwargs=_pk,
        method="post",
        data=lambda w: {"reviewers": [w.users["reviewer"].pk]},
    ),
    Case("reviews:completeness", WORKERS, kwargs=_pk, method="post"),
    Case("reviews:documents-request", WORKERS, kwargs=_pk),
    Case(
        "reviews:documents-request",
        WORKERS,
        kwargs=_pk,
        method="post",
        data=lambda w: {"missing": ["Konzept"], "deadline": "2099-01-15"},
    ),
    Case(
        "reviews:content-check",
        WORKERS,
        kwargs=_pk,
        method="post",
        data=lambda w: {"content-result": "passed"},
    ),
    Case("reviews:arithmetic-check", WORKERS, kwargs=_pk, method="post"),
    Case("reviews:score", REVIEWER, kwargs=_pk),
    # not the reviewer, who is not assigned (the superuser passes, as on every row with a role)
    Case("reviews:score", frozenset({"admin"}), kwargs=_unassigned),
    Case(
        "reviews:score",
        REVIEWER,
        kwargs=_pk,
        method="post",
        data=lambda w: {f"points_{w['criterion'].pk}": "4"},
    ),
    Case("reviews:criteria", LAND | REVIEWER, kwargs=_line),
    Case(
        "reviews:criteria",
        CRITERIA_EDITORS,
        kwargs=_line,
        method="post",
        data=lambda w: {"label": "Nachhaltigkeit", "weight": "1", "max_points": "5"},
    ),
    Case(
        "reviews:criterion-remove",
        CRITERIA_EDITORS,
        kwargs=lambda w: {"line_pk": w["criterion"].line_id, "criterion_pk": w["criterion"].pk},
        method="post",
    ),
]
