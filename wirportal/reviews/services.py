"""Writes of the review: assignment, the three checks as recorded steps, requests, scores.

Every service locks the application row first, so two case workers recording at the same moment
are serialised and the status checks below hold until the transaction ends.
"""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.applications import services as application_services
from wirportal.applications.models import Application, ApplicationStatus
from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.notifications.services import notify
from wirportal.programmes.models import FundingLine, next_working_day

from . import selectors
from .models import ReviewCase, ReviewCriterion, ReviewStep, Score, StepKind, StepResult

REVIEWABLE = {ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW}
DOCUMENT_DEADLINE_DAYS = 14


def default_document_deadline(today: date | None = None) -> date:
    """Two weeks from today, moved off weekends and Hessian public holidays."""
    return next_working_day(
        (today or timezone.localdate()) + timedelta(days=DOCUMENT_DEADLINE_DAYS)
    )


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("line", "call", "organisation", "created_by")
        .get(pk=application.pk)
    )


def _case(application: Application) -> ReviewCase:
    case, _created = ReviewCase.objects.get_or_create(application=application)
    return case


def _require_reviewable(application: Application) -> None:
    if application.status not in REVIEWABLE:
        raise NotAllowed(
            _("Der Antrag ist im Status „%(status)s“ und kann nicht geprüft werden.")
            % {"status": application.get_status_display()}
        )


def _in_review(application: Application, *, by) -> Application:
    """A recorded check starts the review of a (re)submitted application."""
    _require_reviewable(application)
    if application.status == ApplicationStatus.SUBMITTED:
        application = application_services.application_start_review(application=application, by=by)
    return application


def _submission_number(application: Application) -> int:
    return application.snapshots.count()


@transaction.atomic
def review_assign(*, application: Application, assignee, by) -> ReviewCase:
    """Make a case worker responsible; starts the review if the application is just submitted."""
    if assignee is None or assignee.role != "case_worker" or not assignee.is_active:
        raise DomainError(
            _("Bitte wählen Sie eine Sachbearbeiterin oder einen Sachbearbeiter."), field="assignee"
        )
    application = _lock(application)
    _require_reviewable(application)
    case = _case(application)
    previous = case.assignee_id
    case.assignee = assignee
    case.save()
    _in_review(application, by=by)
    audit_record(
        action="review.assigned",
        target=application,
        by=by,
        data={"assignee": assignee.pk, "previous": previous},
    )
    if assignee.pk != getattr(by, "pk", None):
        notify(
            to=[assignee.email],
            template="reviews/email/assigned",
            context={
                "reference": application.reference,
                "title": application.title,
                "path": reverse("reviews:review-detail", kwargs={"pk": application.pk}),
            },
            about=application.mail_log_key,
        )
    return case


@transaction.atomic
def reviewers_assign(*, application: Application, reviewers: list, by) -> ReviewCase:
    """Choose the reviewers who score the application against the line's criteria."""
    if any(r.role != "reviewer" for r in reviewers):
        raise DomainError(
            _("Nur Personen mit der Rolle Begutachtung können bewerten."), field="reviewers"
        )
    application = _lock(application)
    _require_reviewable(application)
    case = _case(application)
    before = set(case.reviewers.values_list("pk", flat=True))
    case.reviewers.set(reviewers)
    added = [r for r in reviewers if r.pk not in before]
    audit_record(
        action="review.reviewers_assigned",
        target=application,
        by=by,
        data={"reviewers": sorted(r.pk for r in reviewers)},
    )
    if added:
        notify(
            to=[r.email for r in added],
            template="reviews/email/reviewer_assigned",
            context={
                "reference": application.reference,
                "title": application.title,
                "path": reverse("reviews:score", kwargs={"pk": application.pk}),
            },
            about=application.mail_log_key,
        )
    return case


def _record(
    application: Application,
    *,
    kind: str,
    result: str,
    by,
    note: str = "",
    data: dict[str, Any] | None = None,
    deadline: date | None = None,
) -> ReviewStep:
    step = ReviewStep.objects.create(
        application=application,
        kind=kind,
        result=result,
        note=note,
        data=data or {},
        deadline=deadline,
        submission_number=_submission_number(application),
        by=by,
    )
    audit_record(
        action=f"review.{kind}_recorded",
        target=application,
        by=by,
        reason=note,
        data={"result": result, **({"deadline": deadline.isoformat()} if deadline else {})},
    )
    return step


@transaction.atomic
def completeness_record(*, application: Application, by, note: str = "") -> ReviewStep:
    """Record the completeness check: complete if every required attachment is there."""
    application = _lock(application)
    application = _in_review(application, by=by)
    checklist = selectors.completeness_checklist(application)
    missing = [row.label for row in checklist if not row.present]
    if missing:
        raise DomainError(
            _("Es fehlen Anlagen: %(missing)s. Bitte fordern Sie sie beim Träger an.")
            % {"missing": ", ".join(f"„{m}“" for m in missing)},
            field="note",
        )
    return _record(
        application,
        kind=StepKind.COMPLETENESS,
        result=StepResult.PASSED,
        by=by,
        note=note,
        data={"checklist": {row.label: row.present for row in checklist}},
    )


@transaction.atomic
def documents_request(
    *, application: Application, by, missing: list[str], note: str, deadline: date
) -> ReviewStep:
    """Request missing documents: the application goes back to the applicant until a deadline."""
    today = timezone.localdate()
    if deadline <= today:
        raise DomainError(_("Die Frist muss in der Zukunft liegen."), field="deadline")
    if not missing and not note.strip():
        raise DomainError(
            _("Bitte wählen Sie die fehlenden Unterlagen aus oder beschreiben Sie sie."),
            field="missing",
        )
    deadline = next_working_day(deadline)
    application = _lock(application)
    _require_reviewable(application)
    step = _record(
        application,
        kind=StepKind.COMPLETENESS,
        result=StepResult.MISSING,
        by=by,
        note=note,
        data={"missing": missing},
        deadline=deadline,
    )
    lines = [f"- {label}" for label in missing]
    if note.strip():
        lines.append(note.strip())
    reason = f"Bitte reichen Sie bis zum {deadline:%d.%m.%Y} nach:\n" + "\n".join(lines)
    application_services.application_request_changes(application=application, by=by, reason=reason)
    return step


@transaction.atomic
def content_check_record(*, application: Application, by, passed: bool, note: str) -> ReviewStep:
    """Sachliche Prüfung: eligibility, aims and plausibility, with the case worker's note."""
    if not passed and not note.strip():
        raise DomainError(_("Bitte begründen Sie die Beanstandung."), field="note")
    application = _lock(application)
    application = _in_review(application, by=by)
    return _record(
        application,
        kind=StepKind.CONTENT,
        result=StepResult.PASSED if passed else StepResult.CONCERNS,
        by=by,
        note=note,
    )


@transaction.atomic
def arithmetic_check_record(*, application: Application, by, note: str = "") -> ReviewStep:
    """Rechnerische Prüfung: recompute sums and grant; differences are recorded, not hidden."""
    application = _lock(application)
    application = _in_review(application, by=by)
    result = selectors.arithmetic_check(application)
    return _record(
        application,
        kind=StepKind.ARITHMETIC,
        result=StepResult.DIFFERENCES if result.differences else StepResult.PASSED,
        by=by,
        note=note,
        data={"figures": result.figures, "differences": result.differences},
    )


@transaction.atomic
def scores_record(
    *, application: Application, by, points: dict[int, int], comments: dict[int, str] | None = None
) -> list[Score]:
    """An assigned reviewer scores every criterion of the line (0 … max points)."""
    application = _lock(application)
    _require_reviewable(application)
    case = ReviewCase.objects.filter(application=application, reviewers=by).first()
    if case is None:
        raise NotAllowed(_("Sie sind für diesen Antrag nicht als Gutachter*in benannt."))
    criteria = selectors.criteria_of(application.line)
    if not criteria:
        raise DomainError(_("Für diese Förderlinie sind keine Bewertungskriterien festgelegt."))
    comments = comments or {}
    saved = []
    for criterion in criteria:
        value = points.get(criterion.pk)
        if value is None:
            raise DomainError(
                _("Bitte bewerten Sie „%(criterion)s“.") % {"criterion": criterion.label},
                field=f"points_{criterion.pk}",
            )
        if not 0 <= int(value) <= criterion.max_points:
            raise DomainError(
                _("Für „%(criterion)s“ sind 0 bis %(max)s Punkte möglich.")
                % {"criterion": criterion.label, "max": criterion.max_points},
                field=f"points_{criterion.pk}",
            )
        score, _created = Score.objects.update_or_create(
            application=application,
            criterion=criterion,
            reviewer=by,
            defaults={"points": int(value), "comment": comments.get(criterion.pk, "")},
        )
        saved.append(score)
    audit_record(
        action="review.scored",
        target=application,
        by=by,
        data={str(c.pk): int(points[c.pk]) for c in criteria},
    )
    if case.assignee is not None:
        notify(
            to=[case.assignee.email],
            template="reviews/email/scored",
            context={"reference": application.reference, "title": application.title},
            about=application.mail_log_key,
        )
    return saved


@transaction.atomic
def criterion_add(
    *,
    line: FundingLine,
    by,
    label: str,
    weight: int = 1,
    max_points: int = 5,
    description: str = "",
) -> ReviewCriterion:
    if not label.strip():
        raise DomainError(_("Bitte benennen Sie das Kriterium."), field="label")
    position = ReviewCriterion.objects.filter(line=line).count() + 1
    criterion = ReviewCriterion(
        line=line,
        label=label.strip(),
        weight=weight,
        max_points=max_points,
        description=description,
        position=position,
    )
    criterion.full_clean()
    criterion.save()
    audit_record(action="review.criterion_added", target=line, by=by, data={"label": label})
    return criterion


@transaction.atomic
def criterion_remove(*, criterion: ReviewCriterion, by) -> None:
    if criterion.scores.exists():
        raise DomainError(
            _("Nach diesem Kriterium wurde bereits bewertet; es kann nicht entfernt werden.")
        )
    audit_record(
        action="review.criterion_removed",
        target=criterion.line,
        by=by,
        data={"label": criterion.label},
    )
    criterion.delete()
