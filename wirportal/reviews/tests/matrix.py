"""Access matrix of the review: case workers work, assigned reviewers score, Land staff read.

Coordinators and applicants are denied everywhere here (ADR 0005)."""

from wirportal.core.testing import LAND, Case

WORKERS = frozenset({"case_worker", "admin"})
CRITERIA_EDITORS = frozenset({"programme_staff", "admin"})


def build(world):
    from .factories import ReviewCriterionFactory, application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
    )
    application.review_case.reviewers.add(world.users["reviewer"])
    world.objects["review_application"] = application
    world.objects["criterion"] = ReviewCriterionFactory(line=application.line, label="Wirkung")


def _pk(w):
    return {"pk": w["review_application"].pk}


def _line(w):
    return {"line_pk": w["review_application"].line_id}


CASES = [
    Case("reviews:inbox", LAND),
    Case("reviews:inbox", LAND, query="status=in_review&assignee=none&q=WIR"),
    Case("reviews:review-detail", LAND, kwargs=_pk),
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
    Case("reviews:score", frozenset({"reviewer"}), kwargs=_pk),
    Case(
        "reviews:score",
        frozenset({"reviewer"}),
        kwargs=_pk,
        method="post",
        data=lambda w: {f"points_{w['criterion'].pk}": "4"},
    ),
    Case("reviews:criteria", LAND, kwargs=_line),
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
