"""Thin views: permission check, selector/service call, render (htmx partials for the editor)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core import numbers
from wirportal.core.caching import (
    Fragment,
    cached_fragment,
    cached_fragments,
    personal_page,
    render_filtered_list,
)
from wirportal.core.exceptions import DomainError
from wirportal.core.links import object_links
from wirportal.core.permissions import check_perm, check_rule, has_rule
from wirportal.core.views import button_action, form_page
from wirportal.offices.selectors import history_of
from wirportal.programmes.models import Call

from . import selectors, services
from .forms import (
    ApplicationFilterForm,
    AttachmentForm,
    EarlyStartDecisionForm,
    EarlyStartRequestForm,
    StartApplicationForm,
    WithdrawForm,
    editor_values,
)
from .models import (
    Application,
    CostCategory,
    CostItem,
    EarlyStartRequest,
    EarlyStartStatus,
    FundingSource,
    FundingSourceKind,
    OtherFunding,
    OtherFundingDeclaration,
    OtherFundingStatus,
    TargetGroup,
)
from .rules import is_member_of_applicant


def _get(pk: int, perm: str, user) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("organisation", "line", "call"), pk=pk
    )
    # the applicant's own: not even superusers (ADR 0005); the editing permissions hold only
    # while the application is editable (rules.is_editable: submitted content is frozen)
    check_rule(user, perm, application)
    return application


def _form_data(request) -> dict:
    data: dict = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    if "target_groups" in request.POST:  # several values; absent: unchanged (or none if _complete)
        data["target_groups"] = request.POST.getlist("target_groups")
    return data


@login_required
def application_list(request):
    """The filter form and the table are cached fragments (core.caching), per person unless the
    person sees all applications."""
    check_perm(request.user, "applications.list_applications")
    user = request.user
    form = SimpleLazyObject(lambda: ApplicationFilterForm(request.GET or None))

    def results() -> dict:
        filters = form.cleaned_data if form.is_valid() else {}
        applications = selectors.application_list(
            user=user, status=filters.get("status", ""), query=filters.get("q", "")
        )
        page = Paginator(applications, 50).get_page(request.GET.get("page"))
        return {"page": page, "query": request.GET}

    scope, depends_on = selectors.application_list_scope(user, status=request.GET.get("status", ""))
    return render_filtered_list(
        request,
        "applications/application_list.html",
        form=form,
        results=results,
        key=(scope, request.GET.urlencode()),
        depends_on=depends_on,
    )


@login_required
def application_create(request, call_pk):
    check_perm(request.user, "applications.add_application")
    call = get_object_or_404(Call.objects.select_related("line"), pk=call_pk)
    organisations = selectors.eligible_organisations(user=request.user, call=call)
    form = StartApplicationForm(request.POST or None, organisations=organisations)

    def save(data) -> str:
        application = services.application_create(
            call=call, organisation=data["organisation"], by=request.user
        )
        return reverse("applications:application-edit", kwargs={"pk": application.pk})

    return form_page(
        request,
        form,
        save,
        template="applications/application_start.html",
        context={
            "call": call,
            "organisations": organisations,
            "is_open": call.is_open(timezone.localdate()),
        },
        done=_("Ihr Antragsentwurf ist angelegt und wird automatisch gespeichert."),
    )


@login_required
@personal_page(lambda pk: [f"application:{pk}"])  # what the permission check reads
def application_detail(request, pk):
    """The page below the header is one cached fragment (core.caching) per application, content
    versions and what the person may do (buttons, changes and history, the links the other apps
    offer them): the same HTML for everyone with the same permissions. What the person may do is
    decided live, with the application loaded by a prepared query."""
    user = request.user
    application = selectors.application_for_page(pk=pk, user=user)
    if application is None:
        raise Http404
    # the rules decide for superusers too: nobody but the applicant sees a draft (ADR 0005)
    check_rule(user, "applications.view_application", application)
    can_edit = has_rule(user, "applications.change_application", application)
    can_withdraw = has_rule(user, "applications.withdraw_application", application)
    can_see_changes = has_rule(user, "applications.view_application_changes", application)
    links = object_links(application, user)
    mail_scope = selectors.mail_log_scope(application, user)

    def page() -> dict:
        detail = selectors.application_detail(pk=pk)
        context = {
            "application": detail,
            "grant": selectors.grant_for(detail),
            "totals": selectors.financing_totals(detail),
            "documents": selectors.documents_of_application(detail),
            "links": links,
            "can_edit": can_edit,
            "can_withdraw": can_withdraw,
            "can_see_changes": can_see_changes,
            "changes_request": selectors.changes_request_of(detail),
            "mails": selectors.mail_log_for(detail, mail_scope),
        }
        if can_see_changes:
            context["changes"] = selectors.snapshot_diff(detail)
            context["history"] = history_of(detail)
        return context

    template = "applications/application_detail.html"
    page_html = cached_fragment(
        f"{template}#page",
        page,
        key=(pk, can_edit, can_withdraw, can_see_changes, links, mail_scope),
        depends_on=(
            f"application:{pk}",
            "programmes",
            "organisations",
            "offices",
            "people",
            selectors.mail_log_version_of(application),
        ),
    )
    return render(request, template, {"application": application, "page_html": page_html})


def _editor(request, application_pk, *, errors=None, attachment_form=None, status=200):
    application = selectors.application_detail(pk=application_pk)
    items = list(application.cost_items.all())
    sources = list(application.funding_sources.all())
    others = selectors.other_funding_rows(application)
    field_errors: dict[str, list[str]] = {
        key: [numbers.shown_error(entry)]
        for key, entry in (application.invalid_input or {}).items()
    }
    for key, messages_ in (errors or {}).items():
        field_errors.setdefault(key, [])
        field_errors[key] += [m for m in messages_ if m not in field_errors[key]]
    return render(
        request,
        "applications/application_edit.html",
        {
            "application": application,
            "cost_items": items,
            "sources": sources,
            "others": others,
            "values": editor_values(application, items, sources, others),
            "errors": field_errors,
            "submit_errors": errors or {},
            "grant": selectors.grant_for(application),
            "totals": selectors.financing_totals(application),
            "documents": selectors.documents_of_application(application),
            "attachment_form": attachment_form
            or AttachmentForm(labels=application.line.required_attachments or []),
            "target_groups": TargetGroup.choices,
            "categories": CostCategory.choices,
            "source_kinds": FundingSourceKind.choices,
            "unit_rates": list(application.line.unit_rates.all()),
            "declarations": OtherFundingDeclaration.choices,
            "other_statuses": OtherFundingStatus.choices,
            "early_starts": selectors.early_starts_of(application),
            "early_start_possible": selectors.early_start_possible(application.line),
            "early_start_consent": selectors.approved_early_start(application),
        },
        status=status,
    )


@login_required
def application_edit(request, pk):
    application = _get(pk, "applications.change_application", request.user)
    if request.method == "POST":  # without JavaScript: "Zwischenspeichern" posts the whole form
        services.application_autosave(
            application=application, by=request.user, data=_form_data(request), complete_form=True
        )
        messages.success(request, _("Ihre Eingaben sind gespeichert."))
        if request.POST.get("_next") == "early-start":
            return redirect("applications:early-start-create", pk=pk)
        return redirect("applications:application-edit", pk=pk)
    return _editor(request, pk)


@login_required
@require_POST
def application_autosave(request, pk):
    application = selectors.application_for_autosave(pk=pk, user=request.user)
    if application is None:
        raise Http404
    if not has_rule(request.user, "applications.change_application", application):
        if not is_member_of_applicant(request.user, application):
            raise PermissionDenied
        return render(
            request,
            "applications/application_edit.html#save-status",
            {"save_error": _("Der Antrag ist eingereicht und kann nicht mehr geändert werden.")},
        )
    try:
        result = services.application_autosave(
            application=application,
            by=request.user,
            data=_form_data(request),
            complete_form="_complete" in request.POST,
        )
    except DomainError as error:
        return render(
            request,
            "applications/application_edit.html#save-status",
            {"save_error": error.message},
        )
    application = result.application or selectors.application_detail(pk=pk)
    # both parts are cached fragments (core.caching) keyed by all they show: while someone types
    # a text, the status changes once a minute and the grant box not at all
    saved_at = timezone.localtime(result.saved_at)
    status = Fragment(
        "applications/application_edit.html#save-status",
        lambda: {"saved_at": saved_at, "save_errors": selectors.autosave_errors(result.errors)},
        (time_format(saved_at, "TIME_FORMAT"), *result.errors.items()),
    )
    grant = _grant_box(application, grant=result.grant, oob=True)
    status_html, grant_html = cached_fragments(status, grant, token="")  # one read
    return HttpResponse(status_html + grant_html)


def _grant_box(application: Application, *, grant=None, oob: bool = False) -> Fragment:
    """The grant box, rendered once per distinct content (core.caching): it shows nothing but the
    line's financing type and rate, the computation's steps and the totals, all in the key."""
    grant = grant or selectors.grant_for(application)
    totals = selectors.financing_totals(application, grant=grant)
    line = application.line
    context = {"application": application, "grant": grant, "totals": totals, "oob": oob}
    return Fragment(
        "applications/_grant.html",
        lambda: context,
        (
            oob,
            line.financing_type,
            line.rate,
            grant.amount,
            *grant.steps,
            *(f"{name}={value}" for name, value in totals.items()),
        ),
    )


def _back_to_editor(request, pk):
    return redirect("applications:application-edit", pk=pk)


@login_required
@require_POST
def cost_item_add(request, pk):
    application = _get(pk, "applications.change_application", request.user)
    services.application_autosave(
        application=application, by=request.user, data=_form_data(request)
    )
    item = services.cost_item_add(application=application, by=request.user)
    if request.htmx:
        return render(
            request,
            "applications/application_edit.html#cost-row",
            {
                "item": item,
                "values": {},
                "errors": {},
                "categories": CostCategory.choices,
                "unit_rates": list(application.line.unit_rates.all()),
            },
        )
    return _back_to_editor(request, pk)


@login_required
@require_POST
def cost_item_remove(request, pk, item_pk):
    application = _get(pk, "applications.change_application", request.user)
    item = get_object_or_404(CostItem, pk=item_pk, application=application)
    services.cost_item_remove(application=application, item=item, by=request.user)
    if request.htmx:
        return HttpResponse("")
    return _back_to_editor(request, pk)


@login_required
@require_POST
def funding_source_add(request, pk):
    application = _get(pk, "applications.change_application", request.user)
    services.application_autosave(
        application=application, by=request.user, data=_form_data(request)
    )
    source = services.funding_source_add(application=application, by=request.user)
    if request.htmx:
        return render(
            request,
            "applications/application_edit.html#source-row",
            {
                "source": source,
                "values": {},
                "errors": {},
                "source_kinds": FundingSourceKind.choices,
            },
        )
    return _back_to_editor(request, pk)


@login_required
@require_POST
def funding_source_remove(request, pk, source_pk):
    application = _get(pk, "applications.change_application", request.user)
    source = get_object_or_404(FundingSource, pk=source_pk, application=application)
    services.funding_source_remove(application=application, source=source, by=request.user)
    if request.htmx:
        return HttpResponse("")
    return _back_to_editor(request, pk)


@login_required
@require_POST
def other_funding_add(request, pk):
    application = _get(pk, "applications.change_application", request.user)
    services.application_autosave(
        application=application, by=request.user, data=_form_data(request)
    )
    other = services.other_funding_add(application=application, by=request.user)
    if request.htmx:
        return render(
            request,
            "applications/application_edit.html#other-row",
            {
                "other": other,
                "values": {},
                "errors": {},
                "other_statuses": OtherFundingStatus.choices,
            },
        )
    return _back_to_editor(request, pk)


@login_required
@require_POST
def other_funding_remove(request, pk, other_pk):
    application = _get(pk, "applications.change_application", request.user)
    other = get_object_or_404(OtherFunding, pk=other_pk, application=application)
    services.other_funding_remove(application=application, other=other, by=request.user)
    if request.htmx:
        return HttpResponse("")
    return _back_to_editor(request, pk)


@login_required
@require_POST
def attachment_upload(request, pk):
    application = _get(pk, "applications.change_application", request.user)
    form = AttachmentForm(
        request.POST, request.FILES, labels=application.line.required_attachments or []
    )

    def save(data) -> str:
        services.attachment_add(
            application=application, upload=data["file"], label=data["label"], by=request.user
        )
        return reverse("applications:application-edit", kwargs={"pk": pk})

    def next_to_the_file(form, error) -> None:
        form.add_error("file", error.message if isinstance(error, DomainError) else error)

    return form_page(
        request,
        form,
        save,
        page=lambda form, status: _editor(request, pk, attachment_form=form, status=status),
        done=_("Die Anlage wurde hochgeladen."),
        show_error=next_to_the_file,
    )


@login_required
@require_POST
def application_submit(request, pk):
    application = _get(pk, "applications.submit_application", request.user)
    if "_complete" in request.POST:  # the editor's fields come along: save them first
        services.application_autosave(
            application=application, by=request.user, data=_form_data(request), complete_form=True
        )

    def submit():
        try:
            services.application_submit(application=application, by=request.user)
        except services.ApplicationIncomplete as incomplete:  # every gap next to its field
            return _editor(request, pk, errors=incomplete.errors, status=422)
        return None

    return button_action(
        request,
        submit,
        back=reverse("applications:application-detail", kwargs={"pk": pk}),
        done=_(
            "Ihr Antrag ist eingereicht. Die Eingangsbestätigung finden Sie unten und in Ihrem Postfach."
        ),
    )


@login_required
def application_withdraw(request, pk):
    application = _get(pk, "applications.withdraw_application", request.user)

    def save(data) -> str:
        services.application_withdraw(
            application=application, by=request.user, reason=data["reason"]
        )
        return reverse("applications:application-detail", kwargs={"pk": pk})

    return form_page(
        request,
        WithdrawForm(request.POST or None),
        save,
        template="applications/application_withdraw.html",
        context={"application": application},
        done=_("Der Antrag wurde zurückgezogen."),
    )


# --- early start (vorzeitiger Maßnahmebeginn) ------------------------------------------------


@login_required
def early_start_create(request, pk):
    """The applicant sends a request for consent to an early start (from the draft editor)."""
    application = _get(pk, "applications.request_early_start", request.user)
    form = EarlyStartRequestForm(
        request.POST or None,
        initial={"project_title": application.title, "planned_start": application.period_start},
    )

    def save(data) -> str:
        services.early_start_request(application=application, by=request.user, **data)
        return reverse("applications:application-edit", kwargs={"pk": pk})

    return form_page(
        request,
        form,
        save,
        template="applications/early_start_form.html",
        context={
            "application": application,
            "possible": selectors.early_start_possible(application.line),
        },
        done=_(
            "Ihr Antrag auf vorzeitigen Maßnahmebeginn ist gestellt. Sie erhalten die "
            "Entscheidung schriftlich."
        ),
    )


@login_required
def early_start_list(request):
    check_perm(request.user, "applications.list_earlystartrequests")
    status = request.GET.get("status", "")
    if status not in EarlyStartStatus.values:
        status = ""
    requests = selectors.early_start_list(user=request.user, status=status)
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/early_start_list.html",
        {"page": page, "status": status, "statuses": EarlyStartStatus.choices},
    )


def _early_start_context(request, early_start: EarlyStartRequest) -> dict:
    return {
        "early_start": early_start,
        "documents": selectors.documents_of_early_start(early_start),
        "can_decide": has_rule(request.user, "applications.decide_earlystartrequest", early_start),
    }


@login_required
def early_start_detail(request, pk):
    """What the request carries, never the draft (ADR 0005); the decision form for the case
    worker while it is open."""
    try:
        early_start = selectors.early_start_detail(pk=pk)
    except EarlyStartRequest.DoesNotExist:
        raise Http404 from None
    check_rule(request.user, "applications.view_earlystartrequest", early_start)
    context = _early_start_context(request, early_start)
    form = EarlyStartDecisionForm() if context["can_decide"] else None
    return render(request, "applications/early_start_detail.html", {**context, "form": form})


@login_required
@require_POST
def early_start_decide(request, pk):
    try:
        early_start = selectors.early_start_detail(pk=pk)
    except EarlyStartRequest.DoesNotExist:
        raise Http404 from None
    check_rule(request.user, "applications.view_earlystartrequest", early_start)
    check_rule(request.user, "applications.decide_earlystartrequest", early_start)

    def save(data) -> str:
        services.early_start_decide(
            request=early_start,
            by=request.user,
            approve=data["decision"] == "approve",
            approved_start=data["approved_start"],
            reasons=data["reasons"],
        )
        return reverse("applications:early-start-detail", kwargs={"pk": pk})

    return form_page(
        request,
        EarlyStartDecisionForm(request.POST),
        save,
        template="applications/early_start_detail.html",
        context=_early_start_context(request, early_start),
        done=_("Die Entscheidung ist gespeichert; das Schreiben wurde an den Träger versandt."),
    )
