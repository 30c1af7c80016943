"""Thin views: permission check, selector/service call, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.applications.models import Application
from wirportal.applications.selectors import application_for_page
from wirportal.core.caching import cached_fragment, personal_page
from wirportal.core.permissions import check_perm, check_rule, has_rule
from wirportal.core.views import button_action, form_page

from . import selectors, services
from .forms import (
    AcceptForm,
    DecisionFilterForm,
    ExtendDeadlineForm,
    IssueForm,
    PaperAcceptanceForm,
    ProposeForm,
    ReinstateForm,
    ReturnForm,
    RevokeForm,
)
from .models import GrantDecision


def _detail_path(pk: int) -> str:
    return reverse("decisions:decision-detail", kwargs={"pk": pk})


def _decision(pk: int, perm: str, user) -> GrantDecision:
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__organisation", "proposed_by"), pk=pk
    )
    check_perm(user, perm, decision)
    return decision


@login_required
def decision_list(request):
    check_perm(request.user, "decisions.list_decisions")
    form = DecisionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    decisions = selectors.decision_list(user=request.user, status=filters.get("status", ""))
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    return render(request, "decisions/decision_list.html", {"form": form, "page": page})


def _propose_form(application, data=None) -> ProposeForm:
    """The proposal form for the application's plan; a posted form shows the highest grant the
    entered eligible costs allow."""
    form_data = selectors.propose_form_data(application)
    form = ProposeForm(
        data,
        lines=form_data["lines"],
        years=form_data["years"],
        max_grant=form_data["max_grant"],
        initial=form_data["initial"],
    )
    if data is not None:
        form.is_valid()  # the eligible costs entered, even if other fields are refused
        eligible = form.entered_eligible()
        if eligible:
            form.show_max_grant(
                selectors.propose_form_data(application, eligible=eligible)["max_grant"]
            )
    return form


def _summary_context(request, pk: int, form=None) -> dict:
    context = selectors.summary(pk=pk)
    application = context["application"]
    can_propose = request.user.has_perm("decisions.propose_decision", application) and (
        context["decision"] is None
    )
    context.update(
        can_propose=can_propose,
        form=form or (_propose_form(application) if can_propose else None),
    )
    return context


# What the summary shows: the application, its review, decisions, the budget left, people.
SUMMARY_DEPENDS_ON = ("reviews", "decisions", "budget", "programmes", "organisations", "people")


@login_required
@personal_page(lambda pk: [f"application:{pk}"])  # what the permission check reads
def summary(request, pk):
    """The summary is one cached fragment (core.caching) per application and per whether the
    person may propose; the budget left changes with every booking, so "budget" is in the key."""
    application = application_for_page(pk=pk, user=request.user)
    if application is None:
        raise Http404
    # the rule decides for superusers too: no summary of a never-submitted draft (ADR 0005)
    check_rule(request.user, "decisions.view_summary", application)
    may_propose = request.user.has_perm("decisions.propose_decision", application)
    body_html = cached_fragment(
        "decisions/summary.html#body",
        lambda: _summary_context(request, pk),
        key=(pk, may_propose),
        depends_on=(f"application:{pk}", *SUMMARY_DEPENDS_ON),
        csrf_for=request,
    )
    return render(
        request, "decisions/summary.html", {"application": application, "body_html": body_html}
    )


@login_required
@require_POST
def propose(request, pk):
    application = get_object_or_404(Application, pk=pk)
    check_perm(request.user, "decisions.propose_decision", application)
    form = _propose_form(selectors.application_with_plan(pk=pk), request.POST)

    def save(data) -> str:
        decision = services.decision_propose(
            application=application, by=request.user, **form.service_kwargs()
        )
        return reverse("decisions:decision-detail", kwargs={"pk": decision.pk})

    return form_page(
        request,
        form,
        save,
        page=lambda form, status: render(
            request, "decisions/summary.html", _summary_context(request, pk, form), status=422
        ),
        done=_("Der Vorschlag ist gespeichert; eine zweite Person muss ihn freigeben."),
        show_error=lambda _form, error: form.show_error(error),
    )


@login_required
def decision_detail(request, pk):
    decision = _decision(pk, "decisions.view_grantdecision", request.user)
    decision = selectors.decision_detail(pk=decision.pk)
    user = request.user
    context = {
        "decision": decision,
        "application": decision.application,
        "can_approve": user.has_perm("decisions.approve_grantdecision", decision)
        and has_rule(user, "decisions.countersign_grantdecision", decision),
        "can_issue": user.has_perm("decisions.issue_grantdecision", decision),
        "can_accept": user.has_perm("decisions.accept_grantdecision", decision),
        "can_view_summary": user.has_perm("decisions.view_summary", decision.application),
        "can_revoke": user.has_perm("decisions.revoke_grantdecision", decision),
        "cost_lines": list(decision.cost_lines.all()),
        "return_form": ReturnForm(),
        "issue_form": IssueForm(),
        **selectors.portal_offer(decision, today=timezone.localdate()),
    }
    return render(request, "decisions/decision_detail.html", context)


@login_required
def letter(request, pk):
    """The Bescheid of a decision: a recipient's first download is recorded (and may be the
    Bekanntgabe, § 41 Abs. 2a HVwVfG), then the authorised document download serves the file."""
    decision = _decision(pk, "decisions.view_grantdecision", request.user)
    if decision.letter_id is None:
        raise Http404
    services.decision_record_download(decision=decision, by=request.user)
    decision.refresh_from_db(fields=["letter"])
    assert decision.letter is not None
    return redirect("documents:download", public_id=decision.letter.public_id)


def _four_eyes(decision: GrantDecision, user) -> None:
    """Also for superusers: the proposer never approves or returns their own proposal (T16)."""
    check_rule(user, "decisions.countersign_grantdecision", decision)


@login_required
@require_POST
def approve(request, pk):
    decision = _decision(pk, "decisions.approve_grantdecision", request.user)
    _four_eyes(decision, request.user)
    return button_action(
        request,
        lambda: services.decision_approve(decision=decision, by=request.user),
        back=_detail_path(pk),
        done=_("Die Entscheidung ist freigegeben."),
    )


@login_required
@require_POST
def return_proposal(request, pk):
    decision = _decision(pk, "decisions.approve_grantdecision", request.user)
    _four_eyes(decision, request.user)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte begründen Sie die Rückgabe."))
        return redirect("decisions:decision-detail", pk=pk)
    reason = form.cleaned_data["reason"]
    return button_action(
        request,
        lambda: services.decision_return(decision=decision, by=request.user, reason=reason),
        back=_detail_path(pk),
        done=_("Der Vorschlag wurde zurückgegeben."),
    )


@login_required
@require_POST
def issue(request, pk):
    decision = _decision(pk, "decisions.issue_grantdecision", request.user)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie, wie der Bescheid bekanntgegeben wird."))
        return redirect("decisions:decision-detail", pk=pk)
    delivery = form.cleaned_data["delivery"]
    return button_action(
        request,
        lambda: services.decision_issue(decision=decision, by=request.user, delivery=delivery),
        back=_detail_path(pk),
        done=_("Der Zuwendungsbescheid wurde erstellt und versandt."),
    )


@login_required
def accept(request, pk):
    decision = _decision(pk, "decisions.accept_grantdecision", request.user)
    decision = selectors.decision_detail(pk=decision.pk)

    def save(data) -> str:
        services.decision_accept(
            decision=decision,
            by=request.user,
            bank_details_confirmed=data["bank_details_confirmed"],
        )
        return _detail_path(pk)

    return form_page(
        request,
        AcceptForm(request.POST or None),
        save,
        template="decisions/accept.html",
        context={"decision": decision, "organisation": decision.application.organisation},
        done=_("Vielen Dank: Ihre Annahmeerklärung ist eingegangen."),
    )


@login_required
def revoke(request, pk):
    """Widerruf in two steps: reason, then a summary of the consequences to confirm."""
    decision = _decision(pk, "decisions.revoke_grantdecision", request.user)
    decision = selectors.decision_detail(pk=decision.pk)
    form = RevokeForm(request.POST or None)
    confirming = False

    def save(data) -> str | None:
        nonlocal confirming
        if not data["confirmed"]:
            confirming = True  # first the consequences, then the confirmed Widerruf
            return None
        services.decision_revoke(decision=decision, by=request.user, reason=data["reason"])
        return _detail_path(pk)

    def context() -> dict:
        # brief D5: only the unpaid part is released, the paid part is claimed back
        released, claimed = selectors.revocation_preview(decision) if confirming else ({}, {})
        return {
            "decision": decision,
            "application": decision.application,
            "confirming": confirming,
            "released": released,
            "claimed": claimed,
        }

    return form_page(
        request,
        form,
        save,
        template="decisions/revoke.html",
        context=context,
        done=_("Der Bescheid wurde widerrufen; der Träger wurde benachrichtigt."),
    )


# --- acceptance on paper, deadline extension, reinstatement (§§ 31, 32, 41 HVwVfG) ------------


def _acceptance_page(request, pk, *, perm, form_class, template, run, success):
    """GET shows the form; POST validates it and calls the service (`core.views.form_page`):
    bad input re-renders the bound form (422) with the message next to its field."""
    decision = _decision(pk, perm, request.user)
    decision = selectors.decision_detail(pk=decision.pk)

    def save(data) -> str:
        run(decision, data)
        return _detail_path(pk)

    return form_page(
        request,
        form_class(request.POST or None, request.FILES or None),
        save,
        template=template,
        context={
            "decision": decision,
            "application": decision.application,
            "organisation": decision.application.organisation,
            "changes": selectors.deadline_changes(decision),
        },
        done=success,
    )


@login_required
def paper_acceptance(request, pk):
    """The case worker records a signed paper Annahmeerklärung with its scan."""

    def run(decision, data):
        services.decision_record_paper_acceptance(
            decision=decision,
            by=request.user,
            received_on=data["received_on"],
            scan=data["scan"],
            bank_details_confirmed=data["bank_details_confirmed"],
        )

    return _acceptance_page(
        request,
        pk,
        perm="decisions.record_paper_acceptance",
        form_class=PaperAcceptanceForm,
        template="decisions/paper_acceptance.html",
        run=run,
        success=_("Die schriftliche Annahme ist erfasst; der Träger wurde benachrichtigt."),
    )


@login_required
def extend_deadline(request, pk):
    """Fristverlängerung (§ 31 Abs. 7 HVwVfG), also retroactively for a lapsed decision."""

    def run(decision, data):
        services.decision_extend_deadline(
            decision=decision,
            by=request.user,
            new_deadline=data["new_deadline"],
            reason=data["reason"],
        )

    return _acceptance_page(
        request,
        pk,
        perm="decisions.extend_deadline",
        form_class=ExtendDeadlineForm,
        template="decisions/extend_deadline.html",
        run=run,
        success=_("Die Frist zur Annahme ist verlängert; der Träger wurde benachrichtigt."),
    )


@login_required
def reinstate(request, pk):
    """Wiedereinsetzung in den vorigen Stand (§ 32 HVwVfG) of a lapsed decision."""

    def run(decision, data):
        services.decision_reinstate(decision=decision, by=request.user, **data)

    return _acceptance_page(
        request,
        pk,
        perm="decisions.reinstate_grantdecision",
        form_class=ReinstateForm,
        template="decisions/reinstate.html",
        run=run,
        success=_("Die Wiedereinsetzung ist gewährt; der Träger wurde benachrichtigt."),
    )
