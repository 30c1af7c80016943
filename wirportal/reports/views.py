"""Dashboards (Auswertungen), their exports and the annual programme report: thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.core.caching import cached_fragment
from wirportal.core.permissions import check_perm
from wirportal.core.routers import replica_reads
from wirportal.core.views import button_action

from . import exports, selectors, services
from .forms import DashboardFilterForm
from .models import ReportRun
from .tables import PAGES, TABLES


def _scope(request):
    """The filter form and the filters in force: a coordinator's figures are their unit's."""
    check_perm(request.user, "reports.view_dashboard")
    office_id = selectors.scope_office(request.user)
    opts = selectors.options(office_id=office_id)
    form = DashboardFilterForm(request.GET or None, opts=opts, own_unit=office_id is not None)
    return form, form.filters(office_id=office_id), opts, office_id


# What each page shows changes with these content versions (core.caching). The indicators are
# not cached: a proof of use renews only its own token ("proof:<pk>").
DEPENDS_ON = {
    "haushalt": ("budget", "programmes", "offices", "organisations"),
    "antraege": ("applications", "decisions", "payments", "programmes", "offices", "organisations"),
    "veranstaltungen": ("events", "event-places", "offices"),
}


@replica_reads  # figures only; the cached fragment fills from the primary just after a change
@login_required
def dashboard(request, page: str = "haushalt"):
    """The page body (filter form, charts, tables) is one cached fragment per page, scope and
    query string, rendered without the request; the figures are computed only on a miss."""
    if page not in PAGES:
        raise Http404
    check_perm(request.user, "reports.view_dashboard")
    office_id = selectors.scope_office(request.user)
    current = PAGES[page]
    can_view_reports = request.user.has_perm("reports.view_reportrun")
    query = request.GET.urlencode()

    def body() -> dict:
        opts = selectors.options(office_id=office_id)
        form = DashboardFilterForm(request.GET or None, opts=opts, own_unit=office_id is not None)
        filters = form.filters(office_id=office_id)
        return {
            "pages": PAGES.values(),
            "current": current,
            "form": form,
            "tables": [build(filters, opts) for build in current.builders],
            "query": query,
            "own_unit": opts.offices.get(office_id) if office_id else None,
            "can_view_reports": can_view_reports,
        }

    template = "reports/dashboard.html"
    if page in DEPENDS_ON:
        html = cached_fragment(
            f"{template}#body",
            body,
            key=(page, office_id or "land", query, can_view_reports),
            depends_on=DEPENDS_ON[page],
        )
    else:
        html = render_to_string(f"{template}#body", body())
    return render(request, template, {"current": current, "body": html})


@replica_reads
@login_required
def export(request, table: str, fmt: str):
    if table not in TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    _form, filters, opts, _office_id = _scope(request)
    data = TABLES[table](filters, opts)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(data), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.to_xlsx(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{table}-{stamp}.{fmt}"'
    return response


@login_required
def report_runs(request):
    """The annual reports made so far (with their date) and the form to make one."""
    check_perm(request.user, "reports.view_reportrun")
    years = selectors.options().years or [timezone.localdate().year]
    if request.method == "POST":
        check_perm(request.user, "reports.add_reportrun")
        try:
            year = int(request.POST.get("jahr", ""))
        except ValueError:
            year = 0
        if year not in years:
            messages.error(request, _("Bitte wählen Sie ein Berichtsjahr aus der Liste."))
            return redirect("reports:report-runs")
        return button_action(
            request,
            lambda: services.report_run_start(by=request.user, year=year),
            back=reverse("reports:report-runs"),
            done=_("Der Programmbericht %(year)s wird im Hintergrund erstellt.") % {"year": year},
        )
    runs = list(ReportRun.objects.select_related("created_by", "document")[:50])
    return render(
        request,
        "reports/report_runs.html",
        {
            "runs": runs,
            "years": years,
            "can_start": request.user.has_perm("reports.add_reportrun"),
        },
    )


@login_required
def report_run_status(request, pk: int):
    """One run's row: polled by htmx while the report is being made."""
    check_perm(request.user, "reports.view_reportrun")
    run = get_object_or_404(ReportRun.objects.select_related("created_by", "document"), pk=pk)
    return render(request, "reports/_report_run.html", {"run": run})
