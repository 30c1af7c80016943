"""Thin views: check the permission, call a selector or service, render."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.caching import Fragment, cached_fragments
from wirportal.core.permissions import check_perm
from wirportal.core.views import form_page
from wirportal.offices.selectors import history_of

from . import selectors, services
from .forms import (
    BudgetYearFilterForm,
    BudgetYearForm,
    CallForm,
    FundingLineForm,
    LineBudgetForm,
    OfficeAllocationForm,
    ProgrammeForm,
    UnitRateForm,
)
from .models import BudgetYear, Call, FundingLine, LineBudget, Programme, UnitRate

MANAGE = "programmes.change_programme"


def _form_page(request, form, save, *, title: str, back: str, done: str):
    return form_page(
        request,
        form,
        save,
        template="programmes/form.html",
        context={"title": title, "back": back},
        done=done,
    )


def programme_list(request):
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": selectors.programme_list(), "can_manage": request.user.has_perm(MANAGE)},
    )


def programme_detail(request, pk):
    try:
        programme = selectors.programme_detail(pk=pk)
    except Programme.DoesNotExist:
        return render(request, "404.html", status=404)
    return render(
        request,
        "programmes/programme_detail.html",
        {"programme": programme, "can_manage": request.user.has_perm(MANAGE)},
    )


@login_required
def programme_create(request):
    check_perm(request.user, MANAGE)
    return _form_page(
        request,
        ProgrammeForm(request.POST or None),
        lambda data: services.programme_save(by=request.user, **data),
        title=_("Förderprogramm anlegen"),
        back="programmes:programme-list",
        done=_("Das Förderprogramm wurde angelegt."),
    )


@login_required
def programme_update(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    check_perm(request.user, MANAGE, programme)
    return _form_page(
        request,
        ProgrammeForm(request.POST or None, instance=Programme.objects.get(pk=pk)),
        lambda data: services.programme_save(by=request.user, programme=programme, **data),
        title=_("Förderprogramm bearbeiten"),
        back="programmes:programme-list",
        done=_("Das Förderprogramm wurde gespeichert."),
    )


@login_required
def budget_year_create(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    check_perm(request.user, MANAGE, programme)
    return _form_page(
        request,
        BudgetYearForm(request.POST or None),
        lambda data: (
            services.budget_year_save(by=request.user, programme=programme, **data).programme
        ),
        title=_("Haushaltsjahr anlegen"),
        back="programmes:programme-list",
        done=_("Das Haushaltsjahr wurde angelegt."),
    )


@login_required
def budget_year_update(request, pk):
    budget_year = get_object_or_404(BudgetYear.objects.select_related("programme"), pk=pk)
    check_perm(request.user, MANAGE, budget_year.programme)
    return _form_page(
        request,
        BudgetYearForm(request.POST or None, instance=BudgetYear.objects.get(pk=pk)),
        lambda data: (
            services.budget_year_save(
                by=request.user, programme=budget_year.programme, budget_year=budget_year, **data
            ).programme
        ),
        title=_("Haushaltsjahr bearbeiten"),
        back="programmes:programme-list",
        done=_("Das Haushaltsjahr wurde gespeichert."),
    )


@login_required
def line_create(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    check_perm(request.user, MANAGE, programme)
    return _form_page(
        request,
        FundingLineForm(request.POST or None),
        lambda data: services.funding_line_save(by=request.user, programme=programme, **data),
        title=_("Förderlinie anlegen"),
        back="programmes:programme-list",
        done=_("Die Förderlinie wurde angelegt."),
    )


def line_detail(request, pk):
    try:
        line = selectors.line_detail(pk=pk)
    except FundingLine.DoesNotExist:
        return render(request, "404.html", status=404)
    return render(
        request,
        "programmes/line_detail.html",
        {
            "line": line,
            "can_manage": request.user.has_perm(MANAGE),
            "can_view_budget": request.user.has_perm("programmes.view_budget"),
            "today": timezone.localdate(),
            "history": history_of(line)
            if request.user.has_perm("programmes.view_budget")
            else None,
        },
    )


@login_required
def line_update(request, pk):
    line = get_object_or_404(FundingLine, pk=pk)
    check_perm(request.user, MANAGE, line)
    return _form_page(
        request,
        FundingLineForm(request.POST or None, instance=FundingLine.objects.get(pk=pk)),
        lambda data: services.funding_line_save(
            by=request.user, programme=line.programme, line=line, **data
        ),
        title=_("Förderlinie bearbeiten"),
        back="programmes:programme-list",
        done=_("Die Förderlinie wurde gespeichert."),
    )


@login_required
def unit_rate_create(request, pk):
    line = get_object_or_404(FundingLine, pk=pk)
    check_perm(request.user, MANAGE, line)
    return _form_page(
        request,
        UnitRateForm(request.POST or None),
        lambda data: services.unit_rate_save(by=request.user, line=line, **data).line,
        title=_("Pauschale anlegen"),
        back="programmes:programme-list",
        done=_("Die Pauschale wurde angelegt."),
    )


@login_required
def unit_rate_update(request, pk):
    unit_rate = get_object_or_404(UnitRate.objects.select_related("line"), pk=pk)
    check_perm(request.user, MANAGE, unit_rate.line)
    return _form_page(
        request,
        UnitRateForm(request.POST or None, instance=UnitRate.objects.get(pk=pk)),
        lambda data: (
            services.unit_rate_save(
                by=request.user, line=unit_rate.line, unit_rate=unit_rate, **data
            ).line
        ),
        title=_("Pauschale bearbeiten"),
        back="programmes:programme-list",
        done=_("Die Pauschale wurde gespeichert."),
    )


@login_required
@require_POST
def unit_rate_delete(request, pk):
    unit_rate = get_object_or_404(UnitRate.objects.select_related("line"), pk=pk)
    check_perm(request.user, MANAGE, unit_rate.line)
    line = unit_rate.line
    services.unit_rate_delete(by=request.user, unit_rate=unit_rate)
    messages.success(request, _("Die Pauschale wurde gelöscht."))
    return redirect(line)


@login_required
def line_budget_create(request, pk):
    line = get_object_or_404(FundingLine.objects.select_related("programme"), pk=pk)
    check_perm(request.user, MANAGE, line)
    return _form_page(
        request,
        LineBudgetForm(request.POST or None),
        lambda data: services.line_budget_save(by=request.user, line=line, **data).line,
        title=_("Budget der Förderlinie anlegen"),
        back="programmes:programme-list",
        done=_("Das Budget wurde angelegt."),
    )


@login_required
def line_budget_update(request, pk):
    line_budget = get_object_or_404(LineBudget.objects.select_related("line__programme"), pk=pk)
    check_perm(request.user, MANAGE, line_budget.line)
    return _form_page(
        request,
        LineBudgetForm(request.POST or None, instance=LineBudget.objects.get(pk=pk)),
        lambda data: (
            services.line_budget_save(
                by=request.user, line=line_budget.line, line_budget=line_budget, **data
            ).line
        ),
        title=_("Budget der Förderlinie bearbeiten"),
        back="programmes:programme-list",
        done=_("Das Budget wurde gespeichert."),
    )


@login_required
def allocation_create(request, pk):
    line_budget = get_object_or_404(LineBudget.objects.select_related("line"), pk=pk)
    check_perm(request.user, MANAGE, line_budget.line)
    return _form_page(
        request,
        OfficeAllocationForm(request.POST or None),
        lambda data: (
            services.office_allocation_save(
                by=request.user, line_budget=line_budget, **data
            ).line_budget.line
        ),
        title=_("Kontingent einer WIR-Einheit festlegen"),
        back="programmes:programme-list",
        done=_("Das Kontingent wurde gespeichert."),
    )


def call_list(request):
    today = timezone.localdate()
    calls = list(selectors.call_list())
    return render(
        request,
        "programmes/call_list.html",
        {
            "open_calls": [c for c in calls if c.is_open(today)],
            "other_calls": [c for c in calls if not c.is_open(today)],
            "today": today,
        },
    )


def call_detail(request, pk):
    try:
        call = selectors.call_detail(pk=pk)
    except Call.DoesNotExist:
        return render(request, "404.html", status=404)
    user = request.user
    today = timezone.localdate()
    may_apply = user.has_perm("applications.add_application")
    kinds = selectors.organisation_kinds_of(user) if may_apply else set()
    return render(
        request,
        "programmes/call_detail.html",
        {
            "call": call,
            "today": today,
            "is_open": call.is_open(today),
            "not_yet_open": today < call.opens_at,
            "may_apply": may_apply,
            "has_organisation": bool(kinds),
            "eligible": bool(kinds & set(call.line.eligible_kinds or [])),
            "can_manage": user.has_perm(MANAGE),
        },
    )


@login_required
def call_create(request, pk):
    line = get_object_or_404(FundingLine, pk=pk)
    check_perm(request.user, MANAGE, line)
    return _form_page(
        request,
        CallForm(request.POST or None),
        lambda data: services.call_save(by=request.user, line=line, **data),
        title=_("Förderaufruf anlegen"),
        back="programmes:call-list",
        done=_("Der Förderaufruf wurde angelegt."),
    )


@login_required
def call_update(request, pk):
    call = get_object_or_404(Call.objects.select_related("line"), pk=pk)
    check_perm(request.user, MANAGE, call.line)
    return _form_page(
        request,
        CallForm(request.POST or None, instance=Call.objects.get(pk=pk)),
        lambda data: services.call_save(by=request.user, line=call.line, call=call, **data),
        title=_("Förderaufruf bearbeiten"),
        back="programmes:call-list",
        done=_("Der Förderaufruf wurde gespeichert."),
    )


@login_required
def budget_overview(request):
    """Heading, year filter and ledger table are one cached fragment (core.caching), the page
    title another, per query string and current year: the ledger changes with every booking, the
    years on offer with the line budgets. On a hit neither the years nor the form are needed."""
    check_perm(request.user, "programmes.view_budget")
    current = timezone.localdate().year

    @functools.cache
    def resolved() -> tuple[BudgetYearFilterForm, int]:
        years = selectors.budget_years_available() or [current]
        form = BudgetYearFilterForm(request.GET or None, years=years)
        year = form.cleaned_data.get("jahr") if form.is_valid() else None
        return form, year or (current if current in years else years[0])

    def page() -> dict:
        form, year = resolved()
        rows = selectors.budget_overview(year=year)
        return {"form": form, "year": year, "rows": rows, "totals": selectors.budget_totals(rows)}

    template = "programmes/budget_overview.html"
    key = (current, request.GET.urlencode())
    page_html, title = cached_fragments(
        Fragment(f"{template}#page", page, key),
        Fragment(f"{template}#title", lambda: {"year": resolved()[1]}, key),
        depends_on=("budget", "programmes", "offices"),
    )
    return render(request, template, {"title": title, "page_html": page_html})
