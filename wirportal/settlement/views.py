"""Thin views: permission check (rules decide for superusers too), selector/service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wirportal.core.caching import cached_fragment, personal_page
from wirportal.core.dates import format_date
from wirportal.core.exceptions import DomainError
from wirportal.core.permissions import check_rule, has_rule
from wirportal.core.views import Saved, button_action, form_page
from wirportal.decisions.models import GrantDecision

from . import selectors, services
from .deadlines import REVOCATION_WARN_DAYS, revocation_days_left, revocation_deadline
from .forms import (
    CheckForm,
    InterimCheckForm,
    ProofForm,
    ReceiptForm,
    ReceiptImportForm,
    RecoveryForm,
    RecoveryRevokeForm,
    RepaymentForm,
    SettleForm,
)
from .models import ProofOfUse, ProofStatus, Recovery, RecoveryStatus
from .receipts_import import read_receipts
from .rules import is_member_of_recipient


def _proof(pk: int, perm: str, user) -> ProofOfUse:
    proof = selectors.proof_for_page(pk)
    if proof is None:
        raise Http404
    check_rule(user, perm, proof)
    return proof


@login_required
def proof_list(request):
    check_rule(request.user, "settlement.list_proofofuse")
    proofs = selectors.proofs_visible_to(request.user).order_by("due_on", "pk")
    page = Paginator(proofs, 50).get_page(request.GET.get("page"))
    awaiting = selectors.decisions_awaiting_proof(request.user)
    interim = selectors.interim_proofs_awaiting(request.user)
    today = timezone.localdate()
    staff = has_rule(request.user, "settlement.view_overdue_proofs")
    overdue = selectors.overdue_proofs(today=today) if staff else []
    # what the retention job deletes within a month (brief G: staff see it ahead)
    purge_soon = selectors.receipts_retention(today=today, ahead_days=31) if staff else []
    return render(
        request,
        "settlement/proof_list.html",
        {
            "page": page,
            "awaiting": awaiting,
            "interim": interim,
            "overdue": overdue,
            "purge_soon": purge_soon,
        },
    )


@login_required
@require_POST
def proof_start(request, pk):
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__organisation"), pk=pk
    )
    check_rule(request.user, "settlement.add_proofofuse", decision)
    year = request.POST.get("year") or None
    if year is not None and (
        not year.isdigit() or int(year) not in selectors.interim_years(decision)
    ):
        raise Http404

    def start() -> Saved:
        proof = services.proof_start(
            decision=decision, by=request.user, year=int(year) if year else None
        )
        return Saved(reverse("settlement:proof-edit", kwargs={"pk": proof.pk}))

    return button_action(
        request, start, back=reverse("decisions:decision-detail", kwargs={"pk": pk})
    )


def _page_number(request) -> str:
    number = request.GET.get("belege") or "1"
    return number if number.isdigit() and len(number) < 7 else "1"


def _receipts_context(request, proof) -> dict:
    """The Belegliste one page at a time (constant queries however long it is)."""
    summary = selectors.receipts_summary(proof)
    return {
        "receipts": selectors.receipts_page(proof, _page_number(request), count=summary["count"]),
        "receipts_summary": summary,
    }


def _flags(user, proof) -> dict[str, bool]:
    """What the viewer may do on the proof's page (all the page shows that depends on them)."""
    return {
        "can_edit": has_rule(user, "settlement.change_proofofuse", proof),
        "can_check": has_rule(user, "settlement.check_proofofuse", proof),
        "can_settle": has_rule(user, "settlement.settle_proofofuse", proof)
        and not proof.is_interim,
        "can_reclaim": bool(proof.repayment)
        and has_rule(user, "settlement.add_recovery", proof.decision),
    }


def _sample_rows(sample, entered) -> list[dict]:
    """The Stichprobe's rows for its one form: the stored finding, or after a refusal what was
    entered with the refusals next to their fields."""
    values = entered["values"] if entered else {}
    errors = entered["errors"] if entered else {}
    rows = []
    for receipt in sample:
        verdict, note = values.get(receipt.pk, (receipt.sample_verdict, receipt.sample_note))
        refusal = errors.get(receipt.pk, {})
        rows.append(
            {
                "receipt": receipt,
                "verdict": verdict,
                "note": note,
                "verdict_msg": refusal.get("verdict", ""),
                "note_msg": refusal.get("note", ""),
            }
        )
    return rows


def _interim_context(user, proof, *, form=None) -> dict:
    """The year balance of an interim proof (brief F2), outside the cached body (it follows the
    grant's payments): before the check the case worker's computation with the form that
    confirms it (for the amount entered, else the proof's figures), afterwards what was stored
    and whether the next call-down has consumed the set-off."""
    if not proof.is_interim:
        return {}
    if proof.get_deferred_fields():  # the permission check's few columns (`proof_for_rules`)
        proof = selectors.proof_for_page(proof.pk)
    decision = proof.decision
    context: dict = {"interim": True, "proof": proof}
    if has_rule(user, "settlement.check_proofofuse", proof):
        spent = form.cleaned_data.get("spent") if form is not None and form.is_valid() else None
        figures = selectors.year_figures(proof, spent=spent)
        context["figures"] = figures
        context["interim_form"] = form or InterimCheckForm(
            initial={"spent": f"{figures.proposed_spent:.2f}".replace(".", ",")}
        )
    elif proof.spent is not None:
        context["set_off_row"] = selectors.set_off_of(proof)
        context["set_off_interest"], context["set_off_interest_error"] = (
            selectors.set_off_interest_shown(proof)
        )
        context["unspent"] = (proof.set_off or 0) + (proof.repayment or 0)
        context["interim_recoveries"] = list(proof.recoveries.all())
        context["can_reclaim_interim"] = (
            bool(proof.repayment)
            and proof.status == ProofStatus.CHECKED
            and has_rule(user, "settlement.add_recovery", decision)
        )
    return context


def _detail_context(
    request, proof, *, check_form=None, settle_form=None, sample_entered=None
) -> dict:
    if proof.is_interim and check_form is not None:
        interim, check_form = _interim_context(request.user, proof, form=check_form), None
    else:
        interim = _interim_context(request.user, proof)
    flags = _flags(request.user, proof)
    can_check, can_settle = flags["can_check"], flags["can_settle"]
    preview = None
    if can_settle and settle_form is not None and settle_form.is_bound and settle_form.is_valid():
        preview = selectors.settlement_for(proof)
    return {
        "proof": proof,
        "application": proof.decision.application,
        **flags,
        "check_form": check_form or (CheckForm() if can_check else None),
        "settle_form": settle_form or (SettleForm() if can_settle else None),
        "preview": preview,
        # read-only: the sum of the grant's paid call-downs, not typed by the case worker
        "paid": selectors.paid_out(proof.decision) if can_settle else None,
        "indicators": selectors.indicators_of(proof),
        "sample": _sample_rows(selectors.sampled_receipts(proof), sample_entered),
        **_receipts_context(request, proof),
        "recoveries": list(proof.recoveries.all()),
        **interim,
    }


@login_required
# what the page reads outside its body: the proof (rules), payments, set-offs, ledger, closing
@personal_page(lambda pk: (f"proof:{pk}", "payments", "decisions", "budget", "settlement"))
def proof_detail(request, pk):
    """The proof's page (the case worker's check page). Its body is a cached fragment
    (core.caching) keyed by the proof's content versions, the page of the Belegliste and what
    the viewer may do: a repeated view costs the permission check and one version lookup."""
    proof = selectors.proof_for_rules(pk)
    if proof is None:
        raise Http404
    check_rule(request.user, "settlement.view_proofofuse", proof)
    flags = _flags(request.user, proof)
    paid = selectors.paid_out(proof.decision) if flags["can_settle"] else None

    def context() -> dict:
        full = selectors.proof_for_page(pk)
        return _detail_context(request, full)

    body = cached_fragment(
        "settlement/_proof_body.html",
        context,
        key=(pk, _page_number(request), *flags.values(), paid),
        depends_on=selectors.proof_page_versions(proof),
        csrf_for=request,
    )
    # Abschluss der Förderakte, once the final proof is settled: outside the cached body (it
    # depends on payments and repayments, which the proof's versions do not follow)
    closure = (
        _closure_context(request.user, proof.decision)
        if proof.status == ProofStatus.SETTLED and not proof.is_interim
        else {}
    )
    return render(
        request,
        "settlement/proof_detail.html",
        {
            "proof": proof,
            "application": proof.decision.application,
            "body": body,
            **closure,
            **_interim_context(request.user, proof),
        },
    )


@login_required
def proof_edit(request, pk):
    """The draft: save as often as needed; "Einreichen" saves and submits. A refusal is shown
    next to its field and everything entered stays in the form."""
    proof = _proof(pk, "settlement.change_proofofuse", request.user)
    edit_url = reverse("settlement:proof-edit", kwargs={"pk": proof.pk})

    def save(data) -> str | Saved:
        services.proof_save(
            proof=proof,
            by=request.user,
            report=data["report"],
            indicators=form.indicator_values(),
            own_funds=data["own_funds"],
            third_party_funds=data["third_party_funds"],
            lines=form.lines(),
        )
        if "submit" in request.POST:
            services.proof_submit(proof=proof, by=request.user)
            submitted = _("Der Verwendungsnachweis ist eingereicht.")
            return Saved(reverse("settlement:proof-detail", kwargs={"pk": proof.pk}), submitted)
        return edit_url

    form = _proof_form(request.POST or None, proof)
    return form_page(
        request,
        form,
        save,
        page=lambda form, status: _editor(request, proof, form=form, status=status),
        done=_("Der Entwurf ist gespeichert."),
    )


def _proof_form(data, proof) -> ProofForm:
    return ProofForm(data, proof=proof, indicators=selectors.indicators_of(proof))


def _editor(
    request, proof, *, form=None, receipt_form=None, import_form=None, row_errors=(), status=200
):
    return render(
        request,
        "settlement/proof_edit.html",
        {
            "proof": proof,
            "application": proof.decision.application,
            "form": form or _proof_form(None, proof),
            "receipt_form": receipt_form or ReceiptForm(),
            "import_form": import_form or ReceiptImportForm(),
            "row_errors": row_errors,
            **_receipts_context(request, proof),
        },
        status=status,
    )


@login_required
@require_POST
def proof_autosave(request, pk):
    """The draft as the recipient types (portal.js `form[data-autosave]`, as the application
    draft): saves what can be read and answers with the save status; a submitted proof is
    refused in the status, somebody else's with 403."""
    proof = selectors.proof_for_page(pk)
    if proof is None:
        raise Http404
    if not has_rule(request.user, "settlement.change_proofofuse", proof):
        if not is_member_of_recipient(request.user, proof):
            raise PermissionDenied
        return render(
            request,
            "settlement/proof_edit.html#save-status",
            {
                "save_error": _(
                    "Der Verwendungsnachweis ist eingereicht und kann nicht mehr geändert werden."
                )
            },
        )
    form = _proof_form(request.POST, proof)
    form.is_valid()
    fields, lines, indicators = form.autosave_values()
    try:
        saved_at = services.proof_autosave(
            proof=proof, by=request.user, fields=fields, lines=lines, indicators=indicators
        )
    except DomainError as error:
        return render(
            request, "settlement/proof_edit.html#save-status", {"save_error": error.message}
        )
    save_errors = [
        (form[name].auto_id, form[name].label, " ".join(str(e) for e in errors))
        for name, errors in form.errors.items()
        if name in form.fields
    ]
    return render(
        request,
        "settlement/proof_edit.html#save-status",
        {"saved_at": timezone.localtime(saved_at), "save_errors": save_errors},
    )


@login_required
@require_POST
def receipt_add(request, pk):
    proof = _proof(pk, "settlement.change_proofofuse", request.user)

    def save(data) -> str:
        services.receipt_add(proof=proof, by=request.user, **data)
        return reverse("settlement:proof-edit", kwargs={"pk": proof.pk})

    return form_page(
        request,
        ReceiptForm(request.POST),
        save,
        page=lambda form, status: _editor(request, proof, receipt_form=form, status=422),
        done=_("Der Beleg ist in die Belegliste aufgenommen."),
    )


@login_required
@require_POST
def receipt_import(request, pk):
    """A Belegliste from CSV/XLSX: all rows or, if any row is wrong, none and every error with
    its row; the draft itself is untouched."""
    proof = _proof(pk, "settlement.change_proofofuse", request.user)
    import_form = ReceiptImportForm(request.POST, request.FILES)

    def save(data) -> Saved | HttpResponse:
        upload = data["file"]
        upload.file.seek(0)
        rows, row_errors = read_receipts(upload.file.read(), upload.kind)
        if row_errors:
            import_form.add_error(
                "file",
                _("Die Datei enthält Fehler; es wurde nichts übernommen. Details unten."),
            )
            return _editor(
                request, proof, import_form=import_form, row_errors=row_errors, status=422
            )
        count = services.receipts_import(proof=proof, by=request.user, rows=rows)
        imported = ngettext(
            "%(count)s Beleg ist in die Belegliste übernommen.",
            "%(count)s Belege sind in die Belegliste übernommen.",
            count,
        ) % {"count": count}
        return Saved(reverse("settlement:proof-edit", kwargs={"pk": proof.pk}), imported)

    return form_page(
        request,
        import_form,
        save,
        page=lambda form, status: _editor(request, proof, import_form=form, status=422),
    )


@login_required
@require_POST
def receipt_remove(request, pk, receipt_pk):
    proof = _proof(pk, "settlement.change_proofofuse", request.user)
    receipt = get_object_or_404(proof.receipts.all(), pk=receipt_pk)
    services.receipt_remove(receipt=receipt, by=request.user)
    messages.success(request, _("Der Beleg ist entfernt."))
    return redirect("settlement:proof-edit", pk=proof.pk)


@login_required
@require_POST
def proof_check(request, pk):
    """The Kurzprüfung. For an interim proof the year balance (brief F2) is part of it: "Berechnung
    anzeigen" shows it for the amount entered, "confirmed" stores it with the check and applies
    the set-off; a refusal stands next to its field with everything entered kept."""
    proof = _proof(pk, "settlement.check_proofofuse", request.user)
    interim = proof.is_interim

    def save(data) -> str | None:
        if interim and not request.POST.get("confirmed"):
            return None  # first the year balance for the amount entered
        services.proof_check(proof=proof, by=request.user, **data)
        return reverse("settlement:proof-detail", kwargs={"pk": proof.pk})

    def detail_page(form, status):
        context = _detail_context(request, proof, check_form=form)
        return render(request, "settlement/proof_detail.html", context, status=status)

    return form_page(
        request,
        InterimCheckForm(request.POST) if interim else CheckForm(request.POST),
        save,
        page=detail_page,
        done=_("Das Ergebnis der Kurzprüfung ist gespeichert.")
        if not interim
        else _("Das Ergebnis der Kurzprüfung und das Jahresergebnis sind gespeichert."),
    )


@login_required
@require_POST
def sample_draw(request, pk):
    """Draw the Stichprobe of the Belegliste (once; reproducible from its stored seed)."""
    proof = _proof(pk, "settlement.check_proofofuse", request.user)
    back = reverse("settlement:proof-detail", args=[proof.pk]) + "#sample-heading"

    def draw() -> Saved:
        chosen = services.receipt_sample_draw(proof=proof, by=request.user)
        drawn = ngettext(
            "Die Stichprobe ist gezogen: %(count)s Beleg.",
            "Die Stichprobe ist gezogen: %(count)s Belege.",
            len(chosen),
        ) % {"count": len(chosen)}
        return Saved(back, drawn)

    return button_action(request, draw, back=back)


@login_required
@require_POST
def sample_save(request, pk):
    """The findings on the whole Stichprobe in one form: all saved, or the refusals shown next
    to their fields with every value entered kept."""
    proof = _proof(pk, "settlement.check_proofofuse", request.user)
    findings = {
        receipt.pk: (
            request.POST.get(f"verdict-{receipt.pk}", ""),
            request.POST.get(f"note-{receipt.pk}", ""),
        )
        for receipt in selectors.sampled_receipts(proof)
    }
    try:
        count = services.receipt_sample_record_all(proof=proof, by=request.user, findings=findings)
    except services.SampleFindingsInvalid as error:
        context = _detail_context(
            request, proof, sample_entered={"values": findings, "errors": error.errors}
        )
        messages.error(request, error.message)
        return render(request, "settlement/proof_detail.html", context, status=422)
    messages.success(
        request,
        ngettext(
            "Das Ergebnis für %(count)s Beleg ist gespeichert.",
            "Die Ergebnisse für %(count)s Belege sind gespeichert.",
            count,
        )
        % {"count": count}
        if count
        else _("Es gab keine neuen Ergebnisse zu speichern."),
    )
    return redirect(reverse("settlement:proof-detail", args=[proof.pk]) + "#sample-heading")


@login_required
@require_POST
def proof_settle(request, pk):
    """Two steps: the computation is shown for the amount paid; "confirmed" settles."""
    proof = _proof(pk, "settlement.settle_proofofuse", request.user)

    def save(data) -> str | None:
        if not request.POST.get("confirmed"):
            return None  # first the computation for the amount paid
        services.proof_settle(proof=proof, by=request.user, **data)
        return reverse("settlement:proof-detail", kwargs={"pk": proof.pk})

    def detail_page(form, status):
        context = _detail_context(request, proof, settle_form=form)
        return render(request, "settlement/proof_detail.html", context, status=status)

    return form_page(
        request,
        SettleForm(request.POST),
        save,
        page=detail_page,
        done=_("Die Schlussabrechnung ist gespeichert."),
    )


def _recovery(pk: int, perm: str, user) -> Recovery:
    recovery = selectors.recovery_for_page(pk)
    if recovery is None:
        raise Http404
    check_rule(user, perm, recovery)
    return recovery


@login_required
def recovery_open(request, pk):
    """Start a Rückforderung (hearing first) for a decision; from a settled proof of use the
    amount to repay is filled in."""
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__organisation"), pk=pk
    )
    check_rule(request.user, "settlement.add_recovery", decision)
    proof = selectors.settled_proof_of(
        decision, request.GET.get("nachweis") or request.POST.get("proof")
    )
    initial = {"principal": f"{proof.repayment:.2f}".replace(".", ",")} if proof else {}
    if proof is not None and proof.is_interim:
        # brief F2/D2: the unspent money is the year's last payout; interest runs from it
        full = selectors.proof_for_page(proof.pk)
        last = selectors.year_figures(full).last_payout if full is not None else None
        if last is not None:
            initial["effective_from"] = format_date(last, "SHORT_DATE_FORMAT")

    def save(data) -> Saved:
        recovery = services.recovery_open(decision=decision, by=request.user, proof=proof, **data)
        opened = _("Die Anhörung ist eingeleitet; Stellungnahme bis %(deadline)s.") % {
            "deadline": format_date(recovery.hearing_deadline, "SHORT_DATE_FORMAT")
        }
        return Saved(reverse("settlement:recovery-detail", kwargs={"pk": recovery.pk}), opened)

    return form_page(
        request,
        RecoveryForm(request.POST or None, initial=initial),
        save,
        template="settlement/recovery_open.html",
        context={"decision": decision, "application": decision.application, "proof": proof},
    )


def _recovery_context(request, recovery, *, revoke_form=None, repayment_form=None) -> dict:
    user = request.user
    can_revoke = has_rule(user, "settlement.revoke_recovery", recovery)
    can_book = has_rule(user, "settlement.book_repayment", recovery)
    balance, balance_error = None, ""
    try:
        balance = selectors.recovery_balance(recovery, on=timezone.localdate())
    except DomainError as error:
        balance_error = error.message
    return {
        "recovery": recovery,
        "application": recovery.decision.application,
        "revocation_deadline": revocation_deadline(recovery.facts_known_on),
        # D6: while the hearing runs, the year for the Widerruf is watched (warning, or passed)
        "revocation_days_left": (
            revocation_days_left(timezone.localdate(), recovery.facts_known_on)
            if recovery.status == RecoveryStatus.HEARING
            else None
        ),
        "revocation_warn_days": REVOCATION_WARN_DAYS,
        "balance": balance,
        "balance_error": balance_error,
        "can_revoke": can_revoke,
        "can_book": can_book,
        "revoke_form": revoke_form or (RecoveryRevokeForm() if can_revoke else None),
        "repayment_form": repayment_form or (RepaymentForm() if can_book else None),
        # a grant revoked in full closes from here: it has no settled proof of use to close from
        **(
            _closure_context(user, recovery.decision)
            if recovery.in_full and recovery.status == RecoveryStatus.CLOSED
            else {}
        ),
    }


@login_required
def recovery_detail(request, pk):
    recovery = _recovery(pk, "settlement.view_recovery", request.user)
    return render(request, "settlement/recovery_detail.html", _recovery_context(request, recovery))


@login_required
@require_POST
def recovery_revoke(request, pk):
    recovery = _recovery(pk, "settlement.revoke_recovery", request.user)

    def save(data) -> str:
        services.recovery_revoke(recovery=recovery, by=request.user, **data)
        return reverse("settlement:recovery-detail", kwargs={"pk": recovery.pk})

    def detail_page(form, status):
        context = _recovery_context(request, recovery, revoke_form=form)
        return render(request, "settlement/recovery_detail.html", context, status=422)

    return form_page(
        request,
        RecoveryRevokeForm(request.POST),
        save,
        page=detail_page,
        done=_("Der Widerruf ist erfasst; die Erstattung ist offen."),
    )


@login_required
@require_POST
def repayment_book(request, pk):
    recovery = _recovery(pk, "settlement.book_repayment", request.user)

    def save(data) -> str:
        services.repayment_book(recovery=recovery, by=request.user, **data)
        return reverse("settlement:recovery-detail", kwargs={"pk": recovery.pk})

    def detail_page(form, status):
        context = _recovery_context(request, recovery, repayment_form=form)
        return render(request, "settlement/recovery_detail.html", context, status=422)

    return form_page(
        request,
        RepaymentForm(request.POST),
        save,
        page=detail_page,
        done=_("Die Rückzahlung ist gebucht."),
    )


def _closure_context(user, decision) -> dict:
    """The closing panel: the state with its obstacles for whoever may see it, the action for
    case workers (`settlement.close_grant`)."""
    return {
        "closure": selectors.closure_state(decision),
        "closure_decision": decision,
        "can_close_grant": has_rule(user, "settlement.close_grant", decision),
        "show_release": has_rule(user, "settlement.view_overdue_proofs"),
    }


@login_required
def grant_close(request, pk):
    """Abschluss der Förderakte: what still stands in the way, or the closing itself (POST, case
    workers only); the recipient sees whether the file is closed."""
    decision = get_object_or_404(
        GrantDecision.objects.select_related("application__organisation", "application__line"),
        pk=pk,
    )
    check_rule(request.user, "settlement.view_closure", decision)
    if request.method == "POST":
        check_rule(request.user, "settlement.close_grant", decision)
        return button_action(
            request,
            lambda: services.grant_close(decision=decision, by=request.user),
            back=reverse("settlement:grant-close", kwargs={"pk": decision.pk}),
            done=_("Die Förderakte ist abgeschlossen."),
        )
    context = {"application": decision.application, **_closure_context(request.user, decision)}
    return render(request, "settlement/closure.html", context)
