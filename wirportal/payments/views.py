"""Thin views: permission check, selector/service call, render or redirect."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wirportal.core.caching import ONE_TIME_SLOT, cached_fragment, personal_page
from wirportal.core.permissions import check_perm
from wirportal.core.views import button_action, form_page
from wirportal.decisions.models import GrantDecision

from . import selectors, services
from .forms import CallDownForm, RefuseForm, RequestFilterForm, RunForm
from .models import PaymentRequest, PaymentRun


def _request(pk: int, perm: str, user) -> PaymentRequest:
    payment = get_object_or_404(
        PaymentRequest.objects.select_related("decision__application__organisation"), pk=pk
    )
    check_perm(user, perm, payment)
    return payment


def _run(pk: int, perm: str, user) -> PaymentRun:
    run = get_object_or_404(PaymentRun, pk=pk)
    check_perm(user, perm, run)
    return run


@login_required
def request_list(request):
    check_perm(request.user, "payments.list_requests")
    form = RequestFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    payments = selectors.request_list(user=request.user, status=filters.get("status", ""))
    page = Paginator(payments, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "is_staff": selectors.is_staff_user(request.user),
        "grants": (
            []
            if selectors.is_staff_user(request.user)
            else selectors.decisions_to_call(user=request.user)
        ),
    }
    return render(request, "payments/request_list.html", context)


@login_required
@personal_page("decisions")  # the decision the permission check reads; the body's names recorded
def call_down(request, decision_pk):
    """Mittelabruf of an accepted grant, with the instalment plan; a refusal says why next to
    the field and keeps what was entered.

    GET: the page body (plan and empty form) is one cached fragment per grant (core.caching),
    invalidated by every payment, ledger, decision or programme change; the decision is loaded
    by a prepared query with the columns the permission check needs. The whole page is cached
    per person too (`personal_page`); the CSRF token and the form's one-time token
    (`ONE_TIME_SLOT`, an idempotency key) are filled in per response, whichever process or
    server rendered the entry."""
    if request.method != "POST":
        decision = selectors.decision_for_call_down(pk=decision_pk, user=request.user)
        if decision is None:
            raise Http404
        check_perm(request.user, "payments.call_down", decision)
        pk = decision.pk

        def body() -> dict:
            full = selectors.decision_for_call_down_page(pk=pk)
            return {
                "decision": full,
                "form": CallDownForm(initial={"token": ONE_TIME_SLOT}),
                "plan": selectors.instalment_plan(full),
                "set_offs": selectors.set_offs_of(full),
                "weeks": services.call_down_weeks(full.application.line),
            }

        html = cached_fragment(
            "payments/call_down.html#body",
            body,
            key=(pk,),
            depends_on=(
                "payments",
                "budget",
                "decisions",
                "programmes",
                f"application:{decision.application_id}",
            ),
            csrf_for=request,
        )
        return render(request, "payments/call_down.html", {"body_html": html})
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__line", "application__organisation"),
        pk=decision_pk,
    )
    check_perm(request.user, "payments.call_down", decision)

    def save(data) -> str:
        payment = services.payment_request_create(
            decision=decision,
            by=request.user,
            amount=data["amount"],
            needed_on=data["needed_on"],
            due_expenses=data["due_expenses"],
            token=data["token"],
        )
        return reverse("payments:request-detail", kwargs={"pk": payment.pk})

    return form_page(
        request,
        CallDownForm(request.POST),
        save,
        template="payments/call_down.html",
        context=lambda: {
            "decision": decision,
            "plan": selectors.instalment_plan(decision),
            "set_offs": selectors.set_offs_of(decision),
            "weeks": services.call_down_weeks(decision.application.line),
        },
        done=_("Ihr Mittelabruf ist eingegangen und wird geprüft."),
    )


@login_required
def request_detail(request, pk):
    payment = _request(pk, "payments.view_paymentrequest", request.user)
    payment = selectors.request_detail(pk=payment.pk)
    user = request.user
    set_offs = selectors.set_offs_of(payment.decision)
    context = {
        "payment": payment,
        "decision": payment.decision,
        "plan": selectors.instalment_plan(payment.decision),
        "set_offs": set_offs,
        "consumed": [row for row in set_offs if row.consumed_by_id == payment.pk],
        "can_check": user.has_perm("payments.check_paymentrequest", payment),
        "can_order": user.has_perm("payments.order_paymentrequest", payment)
        and payment.checked_by_id != user.pk,
        "can_refuse": user.has_perm("payments.refuse_paymentrequest", payment),
        "refuse_form": RefuseForm(),
    }
    return render(request, "payments/request_detail.html", context)


def _act(request, pk, perm: str, action, success: str):
    payment = _request(pk, perm, request.user)
    return button_action(
        request,
        lambda: action(payment=payment, by=request.user),
        back=reverse("payments:request-detail", kwargs={"pk": pk}),
        done=success,
    )


@login_required
@require_POST
def request_check(request, pk):
    return _act(
        request,
        pk,
        "payments.check_paymentrequest",
        services.payment_request_check,
        _("Die sachliche Richtigkeit ist festgestellt; eine zweite Person ordnet die Zahlung an."),
    )


@login_required
@require_POST
def request_order(request, pk):
    payment = _request(pk, "payments.order_paymentrequest", request.user)
    if payment.checked_by_id == request.user.pk:
        raise PermissionDenied  # four eyes also for superusers (VV zu §§ 70–80 LHO)
    return _act(
        request,
        pk,
        "payments.order_paymentrequest",
        services.payment_request_order,
        _("Die Zahlung ist angeordnet und wird mit dem nächsten Zahllauf ausgezahlt."),
    )


@login_required
def request_refuse(request, pk):
    payment = _request(pk, "payments.refuse_paymentrequest", request.user)

    def save(data) -> str:
        services.payment_request_refuse(payment=payment, by=request.user, reason=data["reason"])
        return reverse("payments:request-detail", kwargs={"pk": pk})

    return form_page(
        request,
        RefuseForm(request.POST or None),
        save,
        template="payments/refuse.html",
        context={"payment": payment},
        done=_("Der Mittelabruf ist abgelehnt; der Träger wurde benachrichtigt."),
    )


@login_required
def run_list(request):
    check_perm(request.user, "payments.view_paymentrun")
    can_build = request.user.has_perm("payments.build_paymentrun")
    form = RunForm(request.POST or None, initial={"execution_date": timezone.localdate()})
    if request.method == "POST":
        check_perm(request.user, "payments.build_paymentrun")

    def save(data) -> str:
        run = services.payment_run_build(by=request.user, execution_date=data["execution_date"])
        return reverse("payments:run-detail", kwargs={"pk": run.pk})

    return form_page(
        request,
        form,
        save,
        template="payments/run_list.html",
        context=lambda: {
            "form": form if can_build else None,
            "runs": Paginator(selectors.run_list(), 50).get_page(request.GET.get("page")),
            "waiting": selectors.ordered_waiting(),
        },
        done=_("Der Zahllauf ist erstellt und gegen das XSD-Schema geprüft."),
    )


@login_required
def run_detail(request, pk):
    run = _run(pk, "payments.view_paymentrun", request.user)
    run = selectors.run_detail(pk=run.pk)
    context = {
        "run": run,
        "items": selectors.run_items(run),
        "can_download": request.user.has_perm("payments.download_paymentrun", run),
        "can_execute": request.user.has_perm("payments.execute_paymentrun", run)
        and run.status == "built",
    }
    return render(request, "payments/run_detail.html", context)


@login_required
def run_download(request, pk):
    """The SEPA file exactly as built and validated (never rebuilt)."""
    run = _run(pk, "payments.download_paymentrun", request.user)
    services.payment_run_record_download(run=run, by=request.user)
    response = HttpResponse(run.xml.encode("utf-8"), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def run_execute(request, pk):
    run = _run(pk, "payments.execute_paymentrun", request.user)
    return button_action(
        request,
        lambda: services.payment_run_execute(run=run, by=request.user),
        back=reverse("payments:run-detail", kwargs={"pk": pk}),
        done=_("Der Zahllauf ist als ausgeführt gebucht."),
    )
