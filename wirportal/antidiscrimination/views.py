"""Pages of the report channel: public (no account) under /diskriminierung-melden/, the unit's
under /antidiskriminierung/.

The public pages speak the public languages by their address (`languages.py`, ADR 0017): German
at /diskriminierung-melden/…, the others at /diskriminierung-melden/<code>/…; no cookie.

The receipt code never travels in a URL (it would land in access logs, the browser history and
Referer headers): it is posted, and the follow-up page is the answer to that POST. Nothing of it
is kept in the session either.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wirportal.core.exceptions import DomainError
from wirportal.core.permissions import check_rule
from wirportal.core.views import button_action, form_page
from wirportal.documents.pdf import render_pdf

from . import selectors, services, throttle
from .forms import (
    AddForm,
    CentreForm,
    CodeForm,
    ReferForm,
    ReplyForm,
    ReportForm,
    RetentionForm,
    TriageForm,
)
from .languages import current, in_language
from .models import CounsellingCentre, Report, ReportStatus


def _too_many_reports() -> str:
    return _(
        "Aus Ihrem Netz kamen in kurzer Zeit sehr viele Meldungen. Bitte versuchen Sie es in "
        "einer Stunde noch einmal – Ihre Angaben bleiben hier stehen."
    )


def _too_many_codes() -> str:
    return _(
        "Zu viele Versuche mit einem Code. Aus Sicherheitsgründen ist die Eingabe für eine "
        "Stunde gesperrt. Bitte versuchen Sie es später noch einmal."
    )


def _wrong_code() -> str:
    return _("Zu diesem Code gibt es keine Meldung. Bitte prüfen Sie die Schreibweise.")


def _opened(request, code: str) -> tuple[Report | None, str]:
    """The report of a posted code, or the reason there is none. Every attempt counts against
    the limit (brute force)."""
    if not throttle.code_attempt_allowed(request):
        return None, _too_many_codes()
    found = selectors.report_for_code(code)
    return found, "" if found is not None else _wrong_code()


def _open(request, code: str) -> Report:
    found, refusal = _opened(request, code)
    if found is None:
        raise DomainError(refusal, field="code")
    return found


# --- public ---------------------------------------------------------------------------------


@in_language
@never_cache
def report(request):
    form = ReportForm(request.POST or None, request.FILES or None)

    def save(data):
        if not throttle.report_allowed(request):
            raise DomainError(_too_many_reports())
        submitted = services.report_submit(
            description=data["description"],
            happened_on=data["happened_on"],
            region=data["region"],
            place=data["place"],
            life_area=data["life_area"],
            grounds=data["grounds"],
            files=data["evidence"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            contact_consent=data["contact_consent"],
            referral_wanted=data["referral_wanted"],
            share_description=data["share_description"],
            share_contact=data["share_contact"],
            share_files=data["share_files"],
        )
        return render(
            request,
            "antidiscrimination/receipt.html",
            {"code": submitted.code, "report": submitted.report},
        )

    return form_page(request, form, save, template="antidiscrimination/report_form.html")


@in_language
@never_cache
@require_POST
def receipt_pdf(request):
    """The receipt as a PDF to print or keep: the code is posted again (it is not stored)."""
    form = CodeForm(request.POST)

    def save(data):
        found = _open(request, data["code"])
        pdf = render_pdf(
            "antidiscrimination/receipt_pdf.html",
            {
                "code": data["code"].strip().upper(),
                "report": found,
                "site_url": settings.WIR_SITE_URL,
                "lang": current(),
            },
            language=current().code,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="Bestaetigung-Meldung.pdf"'
        return response

    return form_page(request, form, save, template="antidiscrimination/follow_up_code.html")


def _follow_up_page(request, found: Report, code: str, *, form=None, status=200, added=False):
    return render(
        request,
        "antidiscrimination/follow_up.html",
        {
            **selectors.reporter_view(found),
            "form": form or AddForm(initial={"code": code}),
            "added": added,
        },
        status=status,
    )


@in_language
@never_cache
def follow_up(request):
    form = CodeForm(request.POST or None)

    def save(data):
        return _follow_up_page(request, _open(request, data["code"]), data["code"])

    return form_page(request, form, save, template="antidiscrimination/follow_up_code.html")


@in_language
@never_cache
@require_POST
def follow_up_add(request):
    found, refusal = _opened(request, request.POST.get("code", ""))
    if found is None:
        code_form = CodeForm(request.POST)
        code_form.is_valid()
        code_form.add_error("code", refusal)
        return render(
            request, "antidiscrimination/follow_up_code.html", {"form": code_form}, status=422
        )
    code = request.POST["code"]
    form = AddForm(request.POST, request.FILES)

    def save(data):
        services.reporter_add(report=found, text=data["text"], files=data["evidence"])
        return _follow_up_page(request, selectors.report_for_code(code) or found, code, added=True)

    return form_page(
        request,
        form,
        save,
        page=lambda form, status: _follow_up_page(request, found, code, form=form, status=status),
    )


# --- the anti-discrimination unit -----------------------------------------------------------


@login_required
def report_list(request):
    check_rule(request.user, "antidiscrimination.view_report")
    status = request.GET.get("status", "")
    if status not in ReportStatus.values:
        status = ""
    return render(
        request,
        "antidiscrimination/report_list.html",
        {
            "reports": selectors.report_list(status=status)[:200],
            "status": status,
            "counts": selectors.status_counts(),
            "statuses": ReportStatus.choices,
        },
    )


def _detail_context(found: Report, *, reply=None, triage=None) -> dict:
    return {
        "report": found,
        "documents": selectors.report_documents(found),
        "reply_form": reply or ReplyForm(),
        "triage_form": triage
        or TriageForm(
            initial={
                "status": found.status
                if found.status in (ReportStatus.NEW, ReportStatus.IN_PROGRESS)
                else ReportStatus.IN_PROGRESS,
                "internal_note": found.internal_note,
            }
        ),
        "closed": found.status == ReportStatus.CLOSED,
    }


def _staff_report(request, pk: int, perm: str = "antidiscrimination.view_report") -> Report:
    check_rule(request.user, perm)
    try:
        return selectors.report_detail(pk)
    except Report.DoesNotExist:
        raise Http404 from None


@login_required
def report_detail(request, pk: int):
    found = _staff_report(request, pk)
    return render(request, "antidiscrimination/report_detail.html", _detail_context(found))


@login_required
@require_POST
def report_reply(request, pk: int):
    found = _staff_report(request, pk, "antidiscrimination.change_report")
    form = ReplyForm(request.POST)
    return form_page(
        request,
        form,
        lambda data: (
            services.staff_reply(report=found, text=data["text"], by=request.user)
            and reverse("antidiscrimination:report-detail", args=[pk])
        ),
        template="antidiscrimination/report_detail.html",
        context=lambda: _detail_context(found, reply=form),
        done=_("Die Antwort ist gespeichert. Die Person liest sie mit ihrem Code."),
    )


@login_required
@require_POST
def report_triage(request, pk: int):
    found = _staff_report(request, pk, "antidiscrimination.change_report")
    form = TriageForm(request.POST)
    return form_page(
        request,
        form,
        lambda data: (
            services.report_triage(
                report=found,
                status=data["status"],
                internal_note=data["internal_note"],
                by=request.user,
            )
            and reverse("antidiscrimination:report-detail", args=[pk])
        ),
        template="antidiscrimination/report_detail.html",
        context=lambda: _detail_context(found, triage=form),
        done=_("Gespeichert."),
    )


@login_required
def report_refer(request, pk: int):
    found = _staff_report(request, pk, "antidiscrimination.change_report")
    centres = selectors.centres_for(found)
    form = ReferForm(request.POST or None, centres=centres)
    return form_page(
        request,
        form,
        lambda data: (
            services.report_refer(report=found, centre=data["centre"], by=request.user)
            and reverse("antidiscrimination:report-detail", args=[pk])
        ),
        template="antidiscrimination/report_refer.html",
        context=lambda: {"report": found, "shared": services.shared_content(found)},
        done=_("Die Meldung wurde an die Beratungsstelle geschickt."),
        error_field="centre",
    )


@login_required
@require_POST
def report_close(request, pk: int):
    found = _staff_report(request, pk, "antidiscrimination.change_report")
    return button_action(
        request,
        lambda: services.report_close(report=found, by=request.user),
        back=reverse("antidiscrimination:report-detail", args=[pk]),
        done=_("Die Meldung ist abgeschlossen."),
    )


@login_required
def statistics(request):
    check_rule(request.user, "antidiscrimination.view_statistics")
    return render(
        request,
        "antidiscrimination/statistics.html",
        {"tables": selectors.statistics(), "threshold": selectors.SUPPRESS_BELOW},
    )


@login_required
def centre_list(request):
    check_rule(request.user, "antidiscrimination.manage_centres")
    return render(
        request, "antidiscrimination/centre_list.html", {"centres": list(selectors.centres())}
    )


@login_required
def centre_edit(request, pk: int | None = None):
    check_rule(request.user, "antidiscrimination.manage_centres")
    centre = get_object_or_404(CounsellingCentre, pk=pk) if pk else None
    initial = {}
    if centre is not None:
        initial = {
            "name": centre.name,
            "regions": list(centre.regions.all()),
            "languages": centre.languages,
            "email": centre.email,
            "phone": centre.phone,
            "website": centre.website,
            "address": centre.address,
            "active": centre.active,
        }
    form = CentreForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda data: (
            services.centre_save(centre=centre, **data, by=request.user)
            and reverse("antidiscrimination:centre-list")
        ),
        template="antidiscrimination/centre_form.html",
        context={"centre": centre},
        done=_("Die Beratungsstelle ist gespeichert."),
    )


@login_required
def retention(request):
    check_rule(request.user, "antidiscrimination.manage_retention")
    policy = selectors.retention_policy()
    form = RetentionForm(
        request.POST or None,
        initial={"closed_days": policy.closed_days, "inactive_days": policy.inactive_days},
    )
    return form_page(
        request,
        form,
        lambda data: (
            services.retention_update(**data, by=request.user)
            and reverse("antidiscrimination:retention")
        ),
        template="antidiscrimination/retention.html",
        done=_("Die Löschfristen sind gespeichert."),
    )
