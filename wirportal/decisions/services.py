"""Writes on grant decisions: propose, approve (four eyes), return, issue the letter, accept,
lapse and revoke. Each locks the decision (and the application) before it checks the state.
"""

import time
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.applications.models import Application, ApplicationStatus, FundingSourceKind
from wirportal.audit.services import audit_record
from wirportal.core.dates import (
    acceptance_deadline_after,
    add_months,
    bekanntgabe_by_download,
    bekanntgabe_by_post,
    format_date,
)
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.core.money import format_eur, format_money, to_money
from wirportal.documents.models import AnbestKind, AnbestVersion
from wirportal.documents.pdf import EmbeddedFile, render_pdf
from wirportal.documents.selectors import anbest_version_on
from wirportal.documents.services import anbest_content, document_store_generated
from wirportal.notifications.services import notify
from wirportal.offices.courts import Court, court_for_office
from wirportal.offices.models import OrganisationKind
from wirportal.programmes.services import budget_commit, budget_release
from wirportal.reviews import selectors as review_selectors
from wirportal.reviews.models import StepKind, StepResult

from .models import ACTIVE, DecisionStatus, Delivery, GrantDecision, Outcome

LETTER_KIND = "zuwendungsbescheid"
REJECTION_KIND = "ablehnungsbescheid"
# Debug switches for the negative control of the race test (reliability brief T3): with the
# lock skipped and a pause between the state check and the writes, both approvals get through
# the check and the second one crashes on the application's concurrent-transition guard.
DEBUG_SKIP_LOCK = False
DEBUG_SLEEP_AFTER_CHECK = 0.0


# --- helpers --------------------------------------------------------------------------------


def acceptance_deadline_for(bekanntgabe: date) -> date:
    """One month after the Bekanntgabe (not the letter date), moved off weekends and Hessian
    holidays (§ 31 HVwVfG with §§ 187 ff. BGB; `core.dates.acceptance_deadline_after`)."""
    return acceptance_deadline_after(bekanntgabe)


def split_by_year(amount: Decimal, start: date, end: date) -> dict[int, Decimal]:
    """Spread a grant over the budget years of the period, by days; cents go to the last year."""
    amount = to_money(amount)
    if start.year == end.year:
        return {start.year: amount}
    days = {}
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        days[year] = (last - first).days + 1
    total_days = sum(days.values())
    result: dict[int, Decimal] = {}
    booked = Decimal(0)
    years = sorted(days)
    for year in years[:-1]:
        share = to_money(amount * days[year] / total_days)
        result[year] = share
        booked += share
    result[years[-1]] = amount - booked
    return {year: value for year, value in result.items() if value > 0}


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else ""


def _applicant_addresses(application: Application) -> list[str]:
    return [a for a in [application.created_by.email, application.organisation.email] if a]


def _authority_addresses(decision: GrantDecision) -> list[str]:
    people = [decision.proposed_by, decision.approved_by]
    return sorted({p.email for p in people if p is not None and p.email})


def _load_decision(decision: GrantDecision, *, lock: bool = True) -> GrantDecision:
    decisions = GrantDecision.objects.select_related(
        "application__organisation",
        "application__line",
        "application__created_by",
        "proposed_by",
        "approved_by",
    )
    if lock and not DEBUG_SKIP_LOCK:
        decisions = decisions.select_for_update(of=("self",))
    return decisions.get(pk=decision.pk)


def _lock_decision(decision: GrantDecision) -> GrantDecision:
    return _load_decision(decision, lock=True)


def _lock_application(application: Application) -> Application:
    applications = Application.objects.select_related("line", "organisation", "created_by", "call")
    if not DEBUG_SKIP_LOCK:
        applications = applications.select_for_update(of=("self",))
    return applications.get(pk=application.pk)


def _require(decision: GrantDecision, *states: str, action: str) -> None:
    if decision.status not in states:
        raise NotAllowed(
            _("Die Entscheidung ist im Status „%(status)s“; %(action)s ist nicht möglich.")
            % {"status": decision.get_status_display(), "action": action}
        )


def _detail_path(decision: GrantDecision) -> str:
    return reverse("decisions:decision-detail", kwargs={"pk": decision.pk})


# --- use cases ------------------------------------------------------------------------------


@transaction.atomic
def decision_propose(
    *,
    application: Application,
    by,
    outcome: str,
    amount: Decimal | None = None,
    reasons: str = "",
    conditions: str = "",
) -> GrantDecision:
    """A case worker proposes approve / approve in part / reject; another person approves."""
    application = _lock_application(application)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise NotAllowed(
            _(
                "Der Antrag ist im Status „%(status)s“; eine Entscheidung kann nur während der "
                "Prüfung vorgeschlagen werden."
            )
            % {"status": application.get_status_display()}
        )
    if GrantDecision.objects.filter(application=application, status__in=ACTIVE).exists():
        raise NotAllowed(_("Für diesen Antrag liegt bereits eine Entscheidung vor."))
    requested = to_money(application.requested_amount or 0)
    if outcome not in Outcome.values:
        raise DomainError(_("Bitte wählen Sie eine Entscheidung."), field="outcome")
    if outcome == Outcome.REJECT:
        if not reasons.strip():
            raise DomainError(_("Bitte begründen Sie die Ablehnung."), field="reasons")
        amount = None
    else:
        latest = review_selectors.latest_steps(review_selectors.steps_of(application))
        missing = [str(label) for kind, label in StepKind.choices if kind not in latest]
        if missing:
            raise NotAllowed(
                _("Vor einer Bewilligung fehlen noch Prüfschritte: %(steps)s.")
                % {"steps": ", ".join(missing)}
            )
        if latest[StepKind.COMPLETENESS].result != StepResult.PASSED:
            raise NotAllowed(_("Der Antrag ist noch nicht als vollständig festgehalten."))
        if amount is None and outcome == Outcome.APPROVE:
            amount = requested
        if amount is None or to_money(amount) <= 0:
            raise DomainError(_("Bitte geben Sie einen Betrag größer als 0 an."), field="amount")
        amount = to_money(amount)
        if amount > requested:
            raise DomainError(
                _("Der Betrag darf die beantragte Zuwendung von %(requested)s nicht übersteigen.")
                % {"requested": format_money(requested)},
                field="amount",
            )
        if outcome == Outcome.PARTIAL:
            if amount == requested:
                raise DomainError(
                    _("Bei einer Teilbewilligung liegt der Betrag unter dem beantragten."),
                    field="amount",
                )
            if not reasons.strip():
                raise DomainError(
                    _("Bitte begründen Sie, warum nur ein Teil bewilligt wird."), field="reasons"
                )
        if application.period_start is None or application.period_end is None:
            raise DomainError(_("Der Antrag hat keinen Projektzeitraum."))
    decision = GrantDecision.objects.create(
        application=application,
        outcome=outcome,
        amount=amount,
        requested_amount=requested,
        reasons=reasons.strip(),
        conditions=conditions.strip(),
        proposed_by=by,
        year_amounts={
            str(y): str(a)
            for y, a in split_by_year(
                amount, application.period_start, application.period_end
            ).items()
        }
        if amount is not None and application.period_start and application.period_end
        else {},
    )
    audit_record(
        action="decision.proposed",
        target=decision,
        by=by,
        reason=reasons,
        data={
            "outcome": outcome,
            "amount": str(amount) if amount is not None else None,
            "application": application.pk,
        },
    )
    from wirportal.accounts.models import User

    approvers = User.objects.filter(
        role__in=[Role.CASE_WORKER, Role.PROGRAMME_STAFF], is_active=True
    ).exclude(pk=by.pk)
    notify(
        to=sorted({u.email for u in approvers if u.email}),
        template="decisions/email/proposed",
        context={
            "reference": application.reference,
            "title": application.title,
            "outcome": str(decision.get_outcome_display()),
            "amount": format_eur(amount) if amount is not None else "",
            "proposer": _name(by),
            "path": _detail_path(decision),
        },
    )
    return decision


def decision_approve(*, decision: GrantDecision, by) -> GrantDecision:
    """The second person approves: budget bound (every year of the period), application decided.

    Four eyes: the proposer can never approve their own proposal. A lack of budget raises
    `BudgetExceeded` and nothing is changed. The Ablehnungsbescheid of a rejection is rendered
    before the write transaction, so no PDF is rendered while rows are locked; the transaction
    checks the state again under the lock (a proposal never returns to `proposed`).
    """
    current = _load_decision(decision, lock=False)
    rendered: tuple[bytes, date] | None = None
    if (
        current.status == DecisionStatus.PROPOSED
        and not current.grants_money
        and current.proposed_by_id != by.pk
    ):
        today = timezone.localdate()
        current.approved_by = by  # in memory only: the letter is signed by the approver
        pdf = render_pdf(
            "documents/rejection_letter.html", rejection_letter_context(current, issued=today)
        )
        rendered = (pdf, today)
    return _approve(decision=decision, by=by, rendered=rendered)


@transaction.atomic
def _approve(*, decision: GrantDecision, by, rendered: tuple[bytes, date] | None) -> GrantDecision:
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.PROPOSED, action=_("die Freigabe"))
    if decision.proposed_by_id == by.pk:
        raise NotAllowed(
            _(
                "Vier-Augen-Prinzip: Wer eine Entscheidung vorschlägt, darf sie nicht selbst freigeben."
            )
        )
    application = _lock_application(decision.application)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise NotAllowed(
            _("Der Antrag ist im Status „%(status)s“ und kann nicht mehr entschieden werden.")
            % {"status": application.get_status_display()}
        )
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    if decision.grants_money:
        assert decision.amount is not None
        budget_commit(
            line=application.line,
            year_amounts={int(y): Decimal(a) for y, a in decision.year_amounts.items()},
            source_key=decision.source_key,
            by=by,
            office=application.organisation.office
            if application.line.allocated_per_office
            else None,
            note=f"Bewilligung {application.reference}",
        )
        if decision.outcome == Outcome.PARTIAL:
            application.approve_partially()
        else:
            application.approve()
    else:
        application.reject()
    application.save()
    decision.approve()
    decision.approved_by = by
    decision.approved_at = timezone.now()
    rejection: tuple[bytes, str] | None = None
    if not decision.grants_money:
        # a rejection is a Bescheid too: written with reasons and legal remedy, sent at once
        if rendered is None:  # not expected (see decision_approve); render here rather than fail
            today = timezone.localdate()
            rendered = (
                render_pdf(
                    "documents/rejection_letter.html",
                    rejection_letter_context(decision, issued=today),
                ),
                today,
            )
        rejection = _rejection_letter(decision, by=by, pdf=rendered[0])
    decision.save()
    audit_record(
        action="decision.approved",
        target=decision,
        by=by,
        data={
            "outcome": decision.outcome,
            "amount": str(decision.amount),
            "years": decision.year_amounts,
            "letter": str(decision.letter.public_id) if decision.letter else None,
        },
    )
    audit_record(
        action=f"application.{application.status}",
        target=application,
        by=by,
        reason=decision.reasons,
    )
    notify(
        to=_authority_addresses(decision),
        template="decisions/email/approved",
        context={
            "reference": application.reference,
            "title": application.title,
            "outcome": str(decision.get_outcome_display()),
            "amount": format_eur(decision.amount) if decision.amount is not None else "",
            "approver": _name(by),
            "path": _detail_path(decision),
        },
    )
    if rejection is not None:
        pdf, filename = rejection
        assert decision.letter is not None
        notify(
            to=_applicant_addresses(application),
            template="decisions/email/rejected",
            context={
                "reference": application.reference,
                "title": application.title,
                "reasons": decision.reasons,
                "path": _detail_path(decision),
                "letter_path": reverse(
                    "documents:download", kwargs={"public_id": decision.letter.public_id}
                ),
            },
            attachments=[(filename, pdf, "application/pdf")],
        )
    return decision


@transaction.atomic
def decision_return(*, decision: GrantDecision, by, reason: str) -> GrantDecision:
    """The second person does not approve and sends the proposal back (a new one can follow)."""
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie die Rückgabe."), field="reason")
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.PROPOSED, action=_("die Rückgabe"))
    if decision.proposed_by_id == by.pk:
        raise NotAllowed(_("Die eigene Entscheidung kann nicht zurückgegeben werden."))
    decision.return_to_case_worker()
    decision.returned_reason = reason.strip()
    decision.ended_at = timezone.now()
    decision.save()
    audit_record(action="decision.returned", target=decision, by=by, reason=reason)
    notify(
        to=[decision.proposed_by.email],
        template="decisions/email/returned",
        context={
            "reference": decision.application.reference,
            "title": decision.application.title,
            "reason": reason.strip(),
            "path": reverse("decisions:summary", kwargs={"pk": decision.application_id}),
        },
    )
    return decision


def competent_court(decision: GrantDecision, *, on: date) -> Court:
    """The administrative court for the legal remedy notice: the one of the recipient's seat
    (§ 52 Nr. 3 Satz 2 VwGO, court districts § 1 Abs. 2 HessAGVwGO; `offices.courts`).

    A letter without the right court cannot be signed, so a recipient without a seat (WIR unit)
    on record is refused rather than sent to a guessed court.
    """
    found = court_for_office(decision.application.organisation.office, on)
    if found is None:
        raise NotAllowed(
            _(
                "Für den Träger ist kein Sitz (WIR-Einheit) hinterlegt; das zuständige "
                "Verwaltungsgericht (§ 52 Nr. 3 VwGO) kann nicht bestimmt werden. Bitte ergänzen Sie "
                "die Angaben zum Träger."
            )
        )
    return found[0]


def _letter_common(decision: GrantDecision, *, issued: date) -> dict:
    """Letterhead, address, reference data and court every Bescheid on an application shares."""
    application = decision.application
    organisation = application.organisation
    line = application.line
    return {
        "court": competent_court(decision, on=issued),
        "recipient_lines": [
            organisation.name,
            organisation.street,
            f"{organisation.postcode} {organisation.city}".strip(),
        ],
        "reference": application.reference,
        "your_reference": "",
        "date": issued,
        "contact_name": _name(decision.proposed_by),
        "contact_phone": "",
        "contact_email": decision.proposed_by.email,
        "programme": line.programme.name if line.programme_id else "Landesprogramm WIR",
        "funding_line": line.name,
        "project_title": application.title,
        "application_date": timezone.localdate(application.submitted_at)
        if application.submitted_at
        else issued,
        "signatory_name": _name(decision.approved_by),
        "signatory_title": "Bewilligungsbehörde",
    }


# ANBest-P Nr. 1.4 (federal wording): money may be called down only for payments due within six
# weeks after payout. The Hessian value was not found (verify HE; brief B3): a line's own value is
# read from its payment rules when the payments app keeps one (`line.payment_rules`).
DEFAULT_CALL_DOWN_WEEKS = 6
_NUMBER_WORDS = {
    1: "einer",
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
    10: "zehn",
    11: "elf",
    12: "zwölf",
}
# Local authorities get the ANBest-GK (VV zu § 44 LHO, annex for Gebietskörperschaften and their
# Zusammenschlüsse, e.g. Zweckverbände); every other recipient the ANBest-P.
LOCAL_AUTHORITY_KINDS = frozenset(
    {OrganisationKind.MUNICIPALITY, OrganisationKind.DISTRICT, OrganisationKind.ZWECKVERBAND}
)


def anbest_kind_for(organisation) -> str:
    """ANBest-GK for Gemeinden/Städte, Landkreise and Zweckverbände, ANBest-P for all others."""
    return AnbestKind.GK if organisation.kind in LOCAL_AUTHORITY_KINDS else AnbestKind.P


def letter_anbest(decision: GrantDecision, *, on: date) -> AnbestVersion:
    """The ANBest version the Bescheid of `on` embeds. A Bescheid without its ANBest is not
    complete (the Nebenbestimmungen are part of it, § 36 HVwVfG), so none on record is refused."""
    kind = anbest_kind_for(decision.application.organisation)
    version = anbest_version_on(kind, on)
    if version is None or (version.document_id is None and not version.is_demo):
        raise NotAllowed(
            _(
                "Für den %(date)s ist keine Fassung der ANBest-%(kind)s hinterlegt; der "
                "Zuwendungsbescheid kann ohne sie nicht erlassen werden. Bitte laden Sie die "
                "geltende Fassung auf der Seite „ANBest-Fassungen“ hoch."
            )
            % {"date": format_date(on, "SHORT_DATE_FORMAT"), "kind": kind}
        )
    return version


def _call_down_weeks(line) -> int:
    rules = getattr(line, "payment_rules", None)  # payments app, a later layer: no import
    return int(getattr(rules, "call_down_weeks", None) or DEFAULT_CALL_DOWN_WEEKS)


def _weeks_text(weeks: int) -> str:
    word = _NUMBER_WORDS.get(weeks, str(weeks))
    return "einer Woche" if weeks == 1 else f"{word} Wochen"


def _decided(decision: GrantDecision, name: str, fallback):
    """A value the case worker decided (field of the decision form, issue #10) or, while the
    decision has no such field, the fallback derived from the application."""
    value = getattr(decision, name, None)
    return fallback() if value in (None, "", [], {}) else value


def _year_amounts(decision: GrantDecision) -> list[tuple[int, Decimal]]:
    return sorted((int(year), to_money(amount)) for year, amount in decision.year_amounts.items())


def _cost_lines(application: Application) -> list[dict]:
    return [
        {
            "label": item.description or str(item.get_category_display()),
            "requested": item.real_costs,
            "eligible": item.real_costs,
            "reason": "",
        }
        for item in application.cost_items.select_related("unit_rate").order_by("position", "pk")
    ]


def _proof_of_use_fallback(application: Application) -> tuple[date | None, str]:
    """WIR practice (domain.md 3.2, brief C1): einfacher Verwendungsnachweis within three months
    after the end of the Bewilligungszeitraum."""
    end = application.period_end
    if end is None:
        return None, ""
    return add_months(end, 3), (
        "Der Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis, einfacher "
        "Verwendungsnachweis) ist innerhalb von drei Monaten nach Ende des "
        "Bewilligungszeitraums vorzulegen."
    )


def _legal_basis(line) -> list[str]:
    """§§ 23, 44 LHO with the VV zu § 44, the programme's guideline and the IntTG (domain 3.1)."""
    items = [
        "§§ 23 und 44 der Hessischen Landeshaushaltsordnung (LHO) und die "
        "Verwaltungsvorschriften zu § 44 LHO"
    ]
    guideline = (line.programme.legal_basis or "").strip() if line.programme_id else ""
    if guideline:
        items.append(guideline)
    if "IntTG" not in guideline:
        items.append(
            "§§ 11 und 12 des Hessischen Integrations- und Teilhabegesetzes (IntTG) vom "
            "22. März 2023"
        )
    return items


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c == "-" else "-" for c in text).strip("-")


def annex_names(reference: str, anbest_kind: str) -> dict[str, str]:
    """File names of the files embedded in the Zuwendungsbescheid (PDF/A-3 associated files)."""
    return {
        "anbest": f"ANBest-{anbest_kind}.pdf",
        "declaration": f"Erklaerung-zum-Zuwendungsbescheid-{_safe_name(reference)}.pdf",
    }


def letter_context(
    decision: GrantDecision,
    *,
    issued: date,
    deadline: date | None,
    bekanntgabe: date | None = None,
    delivery: str = Delivery.POST,
    anbest: AnbestVersion | None = None,
) -> dict:
    """Plain data for `documents/decision_letter.html` (deadline and Bekanntgabe are known at
    issue for a letter by post, not for one offered for download).

    The decided figures (`period_*`, `year_amounts`, `eligible_costs`, `eligible_cost_lines`,
    `proof_of_use_*`, `partial*`) come from the decision; where it has no such field yet they are
    derived from the application (period, cost plan) and the decision (years, reasons).
    """
    application = decision.application
    organisation = application.organisation
    line = application.line
    plan_lines = _cost_lines(application)
    sources = list(application.funding_sources.order_by("pk"))
    own = [
        (s.name or str(s.get_kind_display()), to_money(s.amount or 0))
        for s in sources
        if s.kind == FundingSourceKind.OWN
    ]
    third = [
        (s.name or str(s.get_kind_display()), to_money(s.amount or 0))
        for s in sources
        if s.kind == FundingSourceKind.THIRD_PARTY
    ]
    amount = to_money(decision.amount or 0)
    partial = decision.outcome == Outcome.PARTIAL
    financing = str(line.financing_type)

    own_total = sum((value for _n, value in own), Decimal(0))
    third_total = sum((value for _n, value in third), Decimal(0))

    def eligible_fallback() -> Decimal:
        if partial and financing in {"fehlbedarf", "voll"}:
            # a cut gap grant means lower eligible costs: A = Z + E (ANBest-P Nr. 2.1.2)
            return amount + own_total + third_total
        return sum((row["eligible"] for row in plan_lines), Decimal(0))

    eligible = to_money(_decided(decision, "eligible_costs", eligible_fallback))
    requested_costs = sum((row["requested"] for row in plan_lines), Decimal(0))
    if eligible != requested_costs and getattr(decision, "eligible_cost_lines", None) is None:
        # the plan's rows as applied for; how the cut falls on them is the case worker's
        # decision (decision form), so no row claims an eligible amount it was not given
        plan_lines = [{**row, "eligible": None} for row in plan_lines]
    proof_deadline, proof_rule = _proof_of_use_fallback(application)
    kind = anbest_kind_for(organisation)
    anbest = anbest or letter_anbest(decision, on=issued)
    common = _letter_common(decision, issued=issued)
    names = annex_names(common["reference"] or "", kind)
    reasons = [" ".join(p.split()) for p in decision.reasons.split("\n\n") if p.strip()]
    weeks = _call_down_weeks(line)
    return {
        **common,
        "amount": amount,
        "requested_amount": decision.requested_amount,
        "purpose_text": (line.description or "").strip(),
        "programme_purpose": (line.programme.description or "").strip()
        if line.programme_id
        else "",
        "financing_type": financing,
        "funding_share": line.rate,
        "period_start": _decided(decision, "period_start", lambda: application.period_start),
        "period_end": _decided(decision, "period_end", lambda: application.period_end),
        "year_amounts": _year_amounts(decision),
        "eligible_costs": eligible,
        "eligible_cost_lines": _decided(decision, "eligible_cost_lines", lambda: plan_lines),
        "requested_costs": requested_costs,
        "own_funds": own,
        "own_total": own_total,
        "third_funds": third,
        "third_total": third_total,
        "total_financing": own_total + third_total + amount,
        "nebenbestimmungen": "anbest_gk" if kind == AnbestKind.GK else "anbest_p",
        "anbest": {
            "kind": kind,
            "short_name": f"ANBest-{kind}",
            "title": anbest.title,
            "version_date": anbest.version_date,
            "source": anbest.source,
            "is_demo": anbest.is_demo,
        },
        "annex_names": names,
        "legal_basis": _legal_basis(line),
        "call_down_period": _weeks_text(weeks),
        "conditions": decision.condition_list,
        "acceptance_deadline": deadline,
        "bekanntgabe": bekanntgabe,
        "delivery": str(delivery),
        "proof_of_use_deadline": _decided(
            decision, "proof_of_use_deadline", lambda: proof_deadline
        ),
        "proof_of_use_rule_text": _decided(decision, "proof_of_use_rule_text", lambda: proof_rule),
        "partial": partial,
        "partial_reasons": _decided(decision, "partial_reasons", lambda: reasons)
        if partial
        else [],
        "account_holder": organisation.account_holder,
        "iban_display": " ".join(
            organisation.iban[i : i + 4] for i in range(0, len(organisation.iban or ""), 4)
        ),
        "bank_name": organisation.bank_name,
    }


def letter_attachments(context: dict, anbest: AnbestVersion) -> list[EmbeddedFile]:
    """The ANBest version and the prefilled acceptance declaration, embedded in the PDF/A-3
    Zuwendungsbescheid as associated files (rendered before any write transaction)."""
    names = context["annex_names"]
    declaration = render_pdf("documents/acceptance_declaration.html", context)
    return [
        EmbeddedFile(
            name=names["anbest"],
            content=anbest_content(anbest),
            description=f"Anlage 1: {anbest.title}, Fassung vom {anbest.version_date:%d.%m.%Y}",
            relationship="Supplement",
        ),
        EmbeddedFile(
            name=names["declaration"],
            content=declaration,
            description="Anlage 2: Erklärung zum Zuwendungsbescheid (Annahmeerklärung)",
            relationship="Supplement",
        ),
    ]


def rejection_letter_context(decision: GrantDecision, *, issued: date) -> dict:
    """Plain data for `documents/rejection_letter.html`: the case worker's reasons by paragraph."""
    paragraphs = [p.strip() for p in decision.reasons.split("\n\n") if p.strip()]
    return {
        **_letter_common(decision, issued=issued),
        "requested_amount": decision.requested_amount or None,
        "reasons": [" ".join(p.split()) for p in paragraphs],
    }


def _rejection_letter(decision: GrantDecision, *, by, pdf: bytes) -> tuple[bytes, str]:
    """Store the rendered Ablehnungsbescheid (PDF/A) on the decision; returns PDF and name."""
    application = decision.application
    filename = f"Ablehnungsbescheid-{application.reference}.pdf"
    decision.letter = document_store_generated(
        content=pdf,
        filename=filename,
        attach_to=decision,
        kind=REJECTION_KIND,
        by=by,
        label=f"Ablehnungsbescheid {application.reference}",
    )
    decision.issued_at = timezone.now()
    return pdf, filename


def _check_issuable(decision: GrantDecision, delivery: str) -> None:
    _require(decision, DecisionStatus.APPROVED, action=_("der Erlass des Bescheids"))
    if not decision.grants_money:
        raise NotAllowed(_("Für eine Ablehnung wird kein Zuwendungsbescheid erstellt."))
    if delivery not in Delivery.values:
        raise DomainError(
            _("Bitte wählen Sie, wie der Bescheid bekanntgegeben wird."), field="delivery"
        )


def decision_issue(
    *, decision: GrantDecision, by, today: date | None = None, delivery: str = Delivery.POST
) -> GrantDecision:
    """Generate the Zuwendungsbescheid (PDF/A), store it and send it to the recipient.

    The acceptance deadline runs from the Bekanntgabe, not from the letter date:
    - by post (`Delivery.POST`, the letter is posted today): bekanntgegeben on the third day after
      posting (§ 41 Abs. 2 Satz 1 HVwVfG), so the deadline is known now;
    - offered for download in the portal (`Delivery.PORTAL`, with the recipient's consent): the
      day after the recipient's first download (§ 41 Abs. 2a HVwVfG, `decision_record_download`);
      until then there is no Bekanntgabe and no deadline, so nothing can lapse.

    The letter is rendered before the write transaction (no PDF rendering under row locks); the
    transaction checks the state again under the lock, so of two concurrent issues one wins and
    the other's rendering is discarded unstored.
    """
    current = _load_decision(decision, lock=False)
    _check_issuable(current, delivery)
    today = today or timezone.localdate()
    bekanntgabe = bekanntgabe_by_post(today) if delivery == Delivery.POST else None
    deadline = acceptance_deadline_after(bekanntgabe) if bekanntgabe else None
    anbest = letter_anbest(current, on=today)
    context = letter_context(
        current,
        issued=today,
        deadline=deadline,
        bekanntgabe=bekanntgabe,
        delivery=delivery,
        anbest=anbest,
    )
    pdf = render_pdf(
        "documents/decision_letter.html",
        context,
        attachments=letter_attachments(context, anbest),
    )
    return _issue_with_letter(
        decision=decision,
        by=by,
        pdf=pdf,
        today=today,
        delivery=delivery,
        bekanntgabe=bekanntgabe,
        deadline=deadline,
    )


@transaction.atomic
def _issue_with_letter(
    *,
    decision: GrantDecision,
    by,
    pdf: bytes,
    today: date,
    delivery: str,
    bekanntgabe: date | None,
    deadline: date | None,
) -> GrantDecision:
    decision = _lock_decision(decision)
    _check_issuable(decision, delivery)
    application = decision.application
    letter = document_store_generated(
        content=pdf,
        filename=f"Zuwendungsbescheid-{application.reference}.pdf",
        attach_to=decision,
        kind=LETTER_KIND,
        by=by,
        label=f"Zuwendungsbescheid {application.reference}",
        embedded_pdfs=True,  # ANBest and acceptance declaration as PDF/A-3 associated files
    )
    decision.issue()
    decision.letter = letter
    decision.issued_at = timezone.now()
    decision.delivery = delivery
    decision.dispatched_on = today
    decision.bekanntgabe_on = bekanntgabe
    decision.acceptance_deadline = deadline
    decision.save()
    audit_record(
        action="decision.issued",
        target=decision,
        by=by,
        data={
            "delivery": delivery,
            "bekanntgabe": bekanntgabe.isoformat() if bekanntgabe else None,
            "acceptance_deadline": deadline.isoformat() if deadline else None,
            "letter": str(letter.public_id),
        },
    )
    notify(
        to=_applicant_addresses(application),
        template="decisions/email/issued",
        context={
            "reference": application.reference,
            "title": application.title,
            "amount": format_eur(decision.amount),
            "deadline": format_date(deadline, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE)
            if deadline
            else "",
            "path": _detail_path(decision),
            "letter_path": reverse("decisions:letter", kwargs={"pk": decision.pk}),
        },
    )
    return decision


@transaction.atomic
def decision_record_download(*, decision: GrantDecision, by, now=None) -> GrantDecision:
    """A member of the recipient opens the Zuwendungsbescheid in the portal: the first download
    is recorded (who, when) and, for a letter offered for download, is its Bekanntgabe on the
    next day (§ 41 Abs. 2a Satz 3 HVwVfG) - unless the ten days after the notice have passed
    (Satz 4: no Bekanntgabe; the authority has to send the letter again). Staff downloads and
    later downloads change nothing."""
    decision = _lock_decision(decision)
    if decision.letter_id is None or not decision.grants_money:
        return decision
    if not decision.application.organisation.memberships.filter(user=by).exists():
        return decision
    if decision.first_downloaded_at is not None:
        return decision
    now = now or timezone.now()
    decision.first_downloaded_at = now
    decision.first_downloaded_by = by
    if (
        decision.delivery == Delivery.PORTAL
        and decision.bekanntgabe_on is None
        and decision.dispatched_on is not None
        and decision.status == DecisionStatus.ISSUED
    ):
        bekanntgabe = bekanntgabe_by_download(
            decision.dispatched_on, timezone.localtime(now).date()
        )
        if bekanntgabe is not None:
            decision.bekanntgabe_on = bekanntgabe
            decision.acceptance_deadline = acceptance_deadline_after(bekanntgabe)
    decision.save()
    audit_record(
        action="decision.downloaded",
        target=decision,
        by=by,
        data={
            "bekanntgabe": decision.bekanntgabe_on.isoformat() if decision.bekanntgabe_on else None,
            "acceptance_deadline": decision.acceptance_deadline.isoformat()
            if decision.acceptance_deadline
            else None,
        },
    )
    return decision


@transaction.atomic
def decision_accept(
    *, decision: GrantDecision, by, bank_details_confirmed: bool, today: date | None = None
) -> GrantDecision:
    """Annahmeerklärung of the recipient within the deadline, confirming the bank details."""
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.ISSUED, action=_("die Annahme"))
    application = decision.application
    if not application.organisation.memberships.filter(user=by).exists():
        raise NotAllowed(_("Nur Mitglieder des Trägers können den Bescheid annehmen."))
    today = today or timezone.localdate()
    if decision.acceptance_deadline and today > decision.acceptance_deadline:
        raise DeadlineMissed(
            _("Die Frist zur Annahme ist am %(deadline)s abgelaufen.")
            % {"deadline": format_date(decision.acceptance_deadline, "SHORT_DATE_FORMAT")}
        )
    if not application.organisation.iban:
        raise DomainError(
            _(
                "Für den Träger ist keine Bankverbindung hinterlegt. Bitte ergänzen Sie sie in den "
                "Angaben zum Träger."
            ),
            field="bank_details_confirmed",
        )
    if not bank_details_confirmed:
        raise DomainError(
            _("Bitte bestätigen Sie die Bankverbindung."), field="bank_details_confirmed"
        )
    decision.accept()
    decision.accepted_at = timezone.now()
    decision.accepted_by = by
    decision.bank_details_confirmed = True
    decision.save()
    audit_record(action="decision.accepted", target=decision, by=by)
    notify(
        to=_authority_addresses(decision) + _applicant_addresses(application),
        template="decisions/email/accepted",
        context={
            "reference": application.reference,
            "title": application.title,
            "amount": format_eur(decision.amount),
            "accepted_at": format_date(
                decision.accepted_at, "SHORT_DATETIME_FORMAT", language=settings.LANGUAGE_CODE
            ),
            "by": _name(by),
        },
    )
    return decision


def _end(decision: GrantDecision, *, by, reason: str, action: str, template: str) -> None:
    budget_release(line=decision.application.line, source_key=decision.source_key, by=by)
    decision.ended_at = timezone.now()
    decision.ended_reason = reason
    decision.save()
    audit_record(action=action, target=decision, by=by, reason=reason)
    notify(
        to=_authority_addresses(decision) + _applicant_addresses(decision.application),
        template=template,
        context={
            "reference": decision.application.reference,
            "title": decision.application.title,
            "reason": reason,
        },
    )


@transaction.atomic
def decision_lapse(*, decision: GrantDecision, by=None, today: date | None = None) -> GrantDecision:
    """No acceptance within the deadline: the decision lapses and the bound money is released."""
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.ISSUED, action=_("das Unwirksamwerden"))
    today = today or timezone.localdate()
    if decision.bekanntgabe_on is None or decision.acceptance_deadline is None:
        # § 43 Abs. 1 HVwVfG: a Verwaltungsakt not bekanntgegeben has no effect, no deadline runs
        raise NotAllowed(
            _("Der Bescheid ist noch nicht bekanntgegeben; die Frist zur Annahme läuft nicht.")
        )
    if today <= decision.acceptance_deadline:
        raise NotAllowed(_("Die Frist zur Annahme läuft noch."))
    decision.lapse()
    _end(
        decision,
        by=by,
        reason=f"Keine Annahme bis {decision.acceptance_deadline:%d.%m.%Y}.",
        action="decision.lapsed",
        template="decisions/email/lapsed",
    )
    return decision


def decisions_lapse_overdue(*, today: date | None = None) -> int:
    """Scheduled job: lapse every issued decision whose acceptance deadline has passed. A decision
    without Bekanntgabe (§ 41 HVwVfG; e.g. a letter in the portal never downloaded) never lapses."""
    today = today or timezone.localdate()
    overdue = GrantDecision.objects.filter(
        status=DecisionStatus.ISSUED, bekanntgabe_on__isnull=False, acceptance_deadline__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(overdue):
        try:
            decision_lapse(decision=GrantDecision(pk=pk), today=today)
        except NotAllowed:
            continue  # accepted in the meantime
        count += 1
    return count


@transaction.atomic
def decision_revoke(*, decision: GrantDecision, by, reason: str) -> GrantDecision:
    """Widerruf (§ 49 HVwVfG): the decision ends; money not yet paid is released."""
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie den Widerruf."), field="reason")
    decision = _lock_decision(decision)
    _require(decision, DecisionStatus.ISSUED, DecisionStatus.ACCEPTED, action=_("der Widerruf"))
    decision.revoke()
    _end(
        decision,
        by=by,
        reason=reason.strip(),
        action="decision.revoked",
        template="decisions/email/revoked",
    )
    return decision
