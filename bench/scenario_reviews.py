"""Case workers' pages (reviews/decisions): the inbox, a review page, the decision summary.

Runs after scenario_funding (alphabetical), which generated the applications: about 25 % are
submitted or in review. Here every in-review application gets a review case (a third assigned
to the bench case worker) and the three recorded checks; reviewers' scores on a line's criteria.
"""

import random

from django.contrib.auth import get_user_model

from bench.harness import Context, Mix, Scenario
from wirportal.applications.models import Application
from wirportal.programmes.models import FundingLine
from wirportal.reviews.models import ReviewCase, ReviewCriterion, ReviewStep, Score, StepKind


def generate(scale: int) -> None:
    users = get_user_model().objects
    case_worker = users.get(email="bench.case_worker@bench.invalid")
    reviewer = users.get(email="bench.reviewer@bench.invalid")
    criteria = ReviewCriterion.objects.bulk_create(
        ReviewCriterion(line=line, position=n, label=label, weight=weight)
        for line in FundingLine.objects.all()
        for n, (label, weight) in enumerate(
            [("Zielbeitrag", 3), ("Zielgruppen", 2), ("Wirtschaftlichkeit", 2)], start=1
        )
    )
    by_line: dict[int, list[ReviewCriterion]] = {}
    for criterion in criteria:
        by_line.setdefault(criterion.line_id, []).append(criterion)
    open_applications = list(
        Application.objects.filter(status__in=["submitted", "in_review"]).order_by("pk")
    )
    cases = ReviewCase.objects.bulk_create(
        ReviewCase(application=a, assignee=case_worker if random.random() < 0.33 else None)
        for a in open_applications
        if a.status == "in_review" or random.random() < 0.5
    )
    ReviewCase.reviewers.through.objects.bulk_create(
        ReviewCase.reviewers.through(reviewcase_id=case.pk, user_id=reviewer.pk) for case in cases
    )
    in_review = [a for a in open_applications if a.status == "in_review"]
    ReviewStep.objects.bulk_create(
        (
            ReviewStep(
                application=a, kind=kind, result="passed", by=case_worker, submission_number=1
            )
            for a in in_review
            for kind in StepKind.values
        ),
        batch_size=2000,
    )
    Score.objects.bulk_create(
        (
            Score(application=a, criterion=c, reviewer=reviewer, points=random.randint(1, 5))
            for a in in_review
            for c in by_line.get(a.line_id, [])
        ),
        batch_size=2000,
    )


def _in_review(ctx: Context) -> Application:
    application = (
        # a line without unit allocations at both scales (allocated lines add 2 budget queries)
        Application.objects.filter(
            status="in_review", reference__contains="-B", line__allocated_per_office=False
        )
        .order_by("pk")
        .first()
    )
    assert application is not None
    return application


SCENARIOS = [
    Scenario("inbox", path="/pruefung/", role="case_worker", baseline="one-query", target=0.5),
    Scenario(
        "inbox-mine",
        path="/pruefung/?assignee=me&status=in_review",
        role="case_worker",
        baseline="one-query",
        target=0.5,
    ),
    Scenario(
        "review-page",
        path=lambda ctx: f"/pruefung/{_in_review(ctx).pk}/",
        role="case_worker",
        baseline="one-query",
        target=0.5,
    ),
    Scenario(
        "decision-summary",
        path=lambda ctx: f"/entscheidungen/antrag/{_in_review(ctx).pk}/",
        role="case_worker",
        baseline="one-query",
        target=0.5,
    ),
]
MIXES = [
    Mix(
        "inbox-deadline-day",
        foreground="inbox",
        background=(("draft-autosave", 20.0),),
        target=0.7,
    ),
]
