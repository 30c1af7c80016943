"""Thin views of the review: permission check, selector/service call, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.applications.models import Application
from wirportal.applications.selectors import (
    application_for_page,
    documents_of_application,
    snapshot_diff,
)
from wirportal.core.caching import cached_fragment, personal_page, render_filtered_list
from wirportal.core.permissions import check_perm, check_rule
from wirportal.core.views import Saved, button_action, form_page
from wirportal.offices.models import Office
from wirportal.programmes.models import Call, FundingLine

from . import selectors, services
from .forms import (
    AssignForm,
    ContentCheckForm,
    CriterionForm,
    DocumentsRequestForm,
    InboxFilterForm,
    NoteForm,
    ReviewersForm,
    ScoreForm,
)
from .models import ReviewCriterion


def _application(pk: int, perm: str, user) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("organisation", "line", "call"), pk=pk
    )
    # nobody, superusers included, works on a never-submitted draft (ADR 0005)
    check_rule(user, "reviews.view_review", application)
    check_perm(user, perm, application)
    return application


def _back(pk: int):
    return redirect("reviews:review-detail", pk=pk)


def _detail(pk: int) -> str:
    return reverse("reviews:review-detail", kwargs={"pk": pk})


# What the inbox shows: applications, their review cases, organisations, units, lines, people.
INBOX_DEPENDS_ON = ("applications", "reviews", "organisations", "offices", "programmes", "people")


@login_required
def inbox(request):
    """Filter form and result table are cached fragments (core.caching) keyed by what the person
    may see (`inbox_scope`) and the query; the queries run only when something changed."""
    check_perm(request.user, "reviews.view_inbox")
    user = request.user
    form = SimpleLazyObject(lambda: _inbox_form(request))

    def results() -> dict:
        filters = form.cleaned_data if form.is_valid() else {}
        applications = selectors.inbox(
            user=user,
            call=filters.get("call"),
            line=filters.get("line"),
            office=filters.get("office"),
            status=filters.get("status", ""),
            assignee=filters.get("assignee", ""),
            query=filters.get("q", ""),
        )
        page = Paginator(applications.values_list("pk", flat=True), 50).get_page(
            request.GET.get("page")
        )
        rows = selectors.inbox_rows(list(page.object_list))
        return {"page": page, "rows": rows, "query": request.GET}

    scope = selectors.inbox_scope(user, assignee=request.GET.get("assignee", ""))
    return render_filtered_list(
        request,
        "reviews/inbox.html",
        form=form,
        results=results,
        key=(scope, request.GET.urlencode(), timezone.localdate().year),
        depends_on=INBOX_DEPENDS_ON,
    )


def _inbox_form(request) -> InboxFilterForm:
    return InboxFilterForm(
        request.GET or None,
        lines=FundingLine.objects.order_by("name"),
        calls=Call.objects.filter(last_year__gte=timezone.localdate().year - 1).order_by(
            "-closes_at"
        ),
        offices=Office.objects.order_by("name"),
        case_workers=list(selectors.case_workers()),
    )


# What the review page shows besides the application: its case, checks, scores and documents.
REVIEW_DEPENDS_ON = ("reviews", "programmes", "organisations", "offices", "people")


@login_required
@personal_page(lambda pk: [f"application:{pk}"])  # what the permission check reads
def review_detail(request, pk):
    """The page body is one cached fragment (core.caching) per application and per set of
    permissions; only the permission checks and the documents list run on every request."""
    user = request.user
    application = application_for_page(pk=pk, user=user)
    if application is None:
        raise Http404
    check_rule(user, "reviews.view_review", application)  # superusers too (ADR 0005)
    can_work = user.has_perm("reviews.work_application", application)
    flags = {
        "can_work": can_work,
        "can_assign": user.has_perm("reviews.assign_application", application) and can_work,
        "can_score": user.has_perm("reviews.score_application", application),
        "can_view_summary": user.has_perm("decisions.view_summary", application),
    }

    def body() -> dict:
        detail = selectors.review_detail(pk=pk)
        case = selectors.review_case_of(detail)
        steps = selectors.steps_of(detail)
        context = {
            "application": detail,
            "case": case,
            "steps": steps,
            "overview": selectors.step_overview(steps),
            "checklist": selectors.completeness_checklist(detail),
            "arithmetic": selectors.arithmetic_check(detail),
            "changes": snapshot_diff(detail),
            "documents": documents_of_application(detail),
            "sheet": selectors.score_sheet(detail, selectors.criteria_of(detail.line)),
            **flags,
        }
        if can_work:
            context.update(
                assign_form=AssignForm(
                    case_workers=selectors.case_workers(),
                    initial={"assignee": case.assignee_id if case else user.pk},
                ),
                reviewers_form=ReviewersForm(
                    reviewers=selectors.reviewers(),
                    initial={"reviewers": list(case.reviewers.all()) if case else []},
                ),
                completeness_form=NoteForm(prefix="completeness"),
                content_form=ContentCheckForm(prefix="content"),
                arithmetic_form=NoteForm(prefix="arithmetic"),
            )
        return context

    # the assignee form suggests the viewer when nobody is assigned: then the entry is theirs
    key = (pk, tuple(flags.values()), user.pk if flags["can_assign"] else None)
    body_html = cached_fragment(
        "reviews/review_detail.html#body",
        body,
        key=key,
        depends_on=(f"application:{pk}", *REVIEW_DEPENDS_ON),
        csrf_for=request,
    )
    return render(
        request,
        "reviews/review_detail.html",
        {"application": application, "body_html": body_html},
    )


@login_required
@require_POST
def assign(request, pk):
    application = _application(pk, "reviews.work_application", request.user)
    check_perm(request.user, "reviews.assign_application", application)
    form = AssignForm(request.POST, case_workers=selectors.case_workers())
    if not form.is_valid():
        messages.error(
            request, _("Bitte wählen Sie eine Sachbearbeiterin oder einen Sachbearbeiter.")
        )
        return _back(pk)
    assignee = form.cleaned_data["assignee"]
    return button_action(
        request,
        lambda: services.review_assign(application=application, assignee=assignee, by=request.user),
        back=_detail(pk),
        done=_("Die Zuständigkeit wurde gespeichert."),
    )


@login_required
@require_POST
def reviewers_assign(request, pk):
    application = _application(pk, "reviews.work_application", request.user)
    form = ReviewersForm(request.POST, reviewers=selectors.reviewers())
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie Personen aus der Liste."))
        return _back(pk)
    reviewers = list(form.cleaned_data["reviewers"])
    return button_action(
        request,
        lambda: services.reviewers_assign(
            application=application, reviewers=reviewers, by=request.user
        ),
        back=_detail(pk),
        done=_("Die Begutachtung wurde vergeben."),
    )


@login_required
@require_POST
def completeness(request, pk):
    application = _application(pk, "reviews.work_application", request.user)
    form = NoteForm(request.POST, prefix="completeness")
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    return button_action(
        request,
        lambda: services.completeness_record(application=application, by=request.user, note=note),
        back=_detail(pk),
        done=_("Die Vollständigkeitsprüfung wurde festgehalten."),
    )


@login_required
def documents_request(request, pk):
    application = _application(pk, "reviews.work_application", request.user)
    checklist = selectors.completeness_checklist(application)
    labels = [row.label for row in checklist]
    form = DocumentsRequestForm(
        request.POST or None,
        labels=labels,
        initial={
            "deadline": services.default_document_deadline(),
            "missing": [row.label for row in checklist if not row.present],
        },
    )

    def save(data) -> str:
        services.documents_request(
            application=application,
            by=request.user,
            missing=data["missing"],
            note=data["note"],
            deadline=data["deadline"],
        )
        return _detail(pk)

    return form_page(
        request,
        form,
        save,
        template="reviews/documents_request.html",
        context={"application": application, "checklist": checklist},
        done=_("Die Unterlagen wurden angefordert; der Antrag liegt beim Träger."),
    )


@login_required
@require_POST
def content_check(request, pk):
    application = _application(pk, "reviews.work_application", request.user)
    form = ContentCheckForm(request.POST, prefix="content")
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie das Ergebnis der sachlichen Prüfung."))
        return _back(pk)
    passed, note = form.cleaned_data["result"] == "passed", form.cleaned_data["note"]
    return button_action(
        request,
        lambda: services.content_check_record(
            application=application, by=request.user, passed=passed, note=note
        ),
        back=_detail(pk),
        done=_("Die sachliche Prüfung wurde festgehalten."),
    )


@login_required
@require_POST
def arithmetic_check(request, pk):
    application = _application(pk, "reviews.work_application", request.user)
    form = NoteForm(request.POST, prefix="arithmetic")
    form.is_valid()
    note = form.cleaned_data.get("note", "")

    def record() -> Saved:
        step = services.arithmetic_check_record(application=application, by=request.user, note=note)
        if step.data.get("differences"):
            differences = _("Die rechnerische Prüfung hat Abweichungen ergeben.")
            return Saved(_detail(pk), differences, level=messages.WARNING)
        return Saved(_detail(pk), _("Die rechnerische Prüfung ist ohne Abweichungen."))

    return button_action(request, record, back=_detail(pk))


@login_required
def score(request, pk):
    application = _application(pk, "reviews.score_application", request.user)
    criteria = selectors.criteria_of(application.line)
    existing = selectors.scores_of_reviewer(application, request.user)
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores=existing)

    def save(data) -> str:
        services.scores_record(
            application=application,
            by=request.user,
            points={c.pk: data[f"points_{c.pk}"] for c in criteria},
            comments={c.pk: data[f"comment_{c.pk}"] for c in criteria},
        )
        return _detail(pk)

    return form_page(
        request,
        form,
        save,
        template="reviews/score.html",
        context={"application": application, "criteria": criteria},
        done=_("Ihre Bewertung wurde gespeichert."),
    )


@login_required
def criteria(request, line_pk):
    line = get_object_or_404(FundingLine, pk=line_pk)
    check_perm(request.user, "reviews.view_criteria")
    can_change = request.user.has_perm("reviews.change_criteria")
    form = CriterionForm(request.POST or None)
    if request.method == "POST":
        check_perm(request.user, "reviews.change_criteria")

    def save(data) -> str:
        services.criterion_add(line=line, by=request.user, **data)
        return reverse("reviews:criteria", kwargs={"line_pk": line.pk})

    return form_page(
        request,
        form,
        save,
        template="reviews/criteria.html",
        context=lambda: {
            "line": line,
            "criteria": selectors.criteria_of(line),
            "can_change": can_change,
        },
        done=_("Das Kriterium wurde hinzugefügt."),
    )


@login_required
@require_POST
def criterion_remove(request, line_pk, criterion_pk):
    check_perm(request.user, "reviews.change_criteria")
    criterion = get_object_or_404(ReviewCriterion, pk=criterion_pk, line_id=line_pk)
    return button_action(
        request,
        lambda: services.criterion_remove(criterion=criterion, by=request.user),
        back=reverse("reviews:criteria", kwargs={"line_pk": line_pk}),
        done=_("Das Kriterium wurde entfernt."),
    )
