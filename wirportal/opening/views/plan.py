"""The action plan and the progress of a unit over the years."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.core.permissions import check_perm
from wirportal.core.views import form_page
from wirportal.offices.models import Office

from .. import selectors, services
from ..forms import (
    MeasureForm,
    MeasureUpdateForm,
)
from .self_check import _check


@login_required
def plan(request, pk):
    check = _check(request, pk, "opening.view_plan")
    may_change = request.user.has_perm("opening.change_plan", check)
    form = MeasureForm(request.POST or None, questionnaire=check.questionnaire)
    if request.method == "POST":
        check_perm(request.user, "opening.change_plan", check)
    return form_page(
        request,
        form,
        lambda data: (
            services.measure_create(
                check=check,
                by=request.user,
                field=data["field"],
                title=data["title"],
                owner=data["owner"],
                deadline=data["deadline"],
            )
            and reverse("opening:plan", kwargs={"pk": check.pk})
        ),
        template="opening/plan.html",
        context=lambda: {
            "check": check,
            "measures": selectors.measures_of(check),
            "may_change": may_change,
            "today": timezone.localdate(),
        },
        done=_("Die Maßnahme ist eingetragen."),
    )


@login_required
def measure_edit(request, pk):
    measure = selectors.measure_for_page(pk)
    if measure is None:
        raise Http404
    check_perm(request.user, "opening.change_measure", measure)
    check = measure.self_check
    form = MeasureUpdateForm(
        request.POST or None,
        questionnaire=check.questionnaire,
        initial={
            "title": measure.title,
            "field": measure.field,
            "owner": measure.owner,
            "deadline": measure.deadline,
            "status": measure.status,
            "completion_evidence": measure.completion_evidence,
        },
    )
    return form_page(
        request,
        form,
        lambda data: (
            services.measure_update(measure=measure, by=request.user, **data)
            and reverse("opening:plan", kwargs={"pk": check.pk})
        ),
        template="opening/measure_edit.html",
        context={"check": check, "measure": measure},
        done=_("Die Maßnahme ist gespeichert."),
    )


@login_required
def progress(request, slug):
    office = get_object_or_404(Office, slug=slug)
    check_perm(request.user, "opening.view_progress", office)
    return render(request, "opening/progress.html", {"progress": selectors.progress(office)})
