"""Every write of the settlement app: one function per use case, atomic, audited.

Proof of use (Verwendungsnachweis): a member of the recipient organisation starts it for an
accepted decision, fills in the Sachbericht and the zahlenmäßiger Nachweis with the Belegliste,
saves as often as needed and submits it; a case worker records the quick check (Kurzprüfung) and
settles it: the final grant and the amount to repay (`final.final_grant`, brief C2–C8).
"""

import secrets
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.caching import bump
from wirportal.core.dates import bekanntgabe_by_post, format_date
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.core.money import format_eur
from wirportal.core.permissions import has_rule
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments import selectors as payment_selectors
from wirportal.programmes.selectors import source_position
from wirportal.programmes.services import budget_book_repayment, budget_claim, budget_revoke

from . import indicators as indicator_rules
from . import letters, sampling
from .deadlines import hearing_deadline, may_revoke_on, revocation_deadline
from .interest import claim
from .models import (
    CheckResult,
    GrantClosure,
    LineIndicator,
    ProofCostLine,
    ProofIndicatorValue,
    ProofOfUse,
    ProofReceipt,
    ProofReminder,
    Recovery,
    RecoveryRepayment,
    ReminderKind,
    SampleVerdict,
)
from .receipts_import import ReceiptRow
from .selectors import (
    claimable,
    due_date_for,
    overdue_or_due_soon,
    policy_for,
    receipts_retention,
    recovery_balance,
    settlement_for,
    unused_money_interest_for,
)


def _lock(proof: ProofOfUse) -> ProofOfUse:
    return (
        ProofOfUse.objects.select_for_update(of=("self",))
        .select_related("decision__application__organisation", "decision__application__line")
        .get(pk=proof.pk)
    )


def _changed(proof: ProofOfUse) -> None:
    """The proof's page shows new content (core.caching): for writes that send no model signal
    (bulk_create, bulk_update, QuerySet.update/delete); `save()` bumps by itself."""
    bump(f"proof:{proof.pk}")


def _allowed(by, perm: str, obj, message: str) -> None:
    if not has_rule(by, perm, obj):
        raise NotAllowed(message)


@transaction.atomic
def proof_start(*, decision: GrantDecision, by, year: int | None = None) -> ProofOfUse:
    """Start the (final or interim) proof of use of an accepted decision, with one row per item
    of the binding plan; starting it twice returns the existing one."""
    decision = (
        GrantDecision.objects.select_for_update(of=("self",))
        .select_related("application__organisation", "application__line")
        .get(pk=decision.pk)
    )
    _allowed(
        by,
        "settlement.add_proofofuse",
        decision,
        _(
            "Einen Verwendungsnachweis können nur Mitglieder des Trägers zu einem angenommenen "
            "Bescheid anlegen."
        ),
    )
    existing = ProofOfUse.objects.filter(decision=decision, year=year).first()
    if existing is not None:
        return existing
    line_indicators_ensure(line=decision.application.line, by=by)
    due_on = due_date_for(decision, year=year)
    if due_on is None:
        raise DomainError(
            _("Der Antrag hat kein Projektende; die Frist für den Nachweis ist nicht bestimmbar.")
        )
    proof = ProofOfUse.objects.create(
        decision=decision,
        year=year,
        due_on=due_on,
        created_by=by,
        full=policy_for(decision.application.line).full_proof,
    )
    items = decision.application.cost_items.select_related("unit_rate").order_by("position", "pk")
    ProofCostLine.objects.bulk_create(
        ProofCostLine(
            proof=proof,
            cost_item=item,
            position=index,
            label=str(item)[:200],
            planned=item.real_costs,
            units_planned=item.units if item.unit_rate_id else None,
        )
        for index, item in enumerate(items)
    )
    audit_record(action="proof_of_use.started", target=proof, by=by)
    return proof


def line_indicators_ensure(*, line, by) -> int:
    """Give a funding line without indicators the defaults for its code (`indicators.DEFAULTS`,
    domain.md 4.2); staff change them in the admin afterwards. Returns how many were created."""
    if LineIndicator.objects.filter(line=line).exists():
        return 0
    created = LineIndicator.objects.bulk_create(
        LineIndicator(
            line=line,
            key=default.key,
            label=default.label,
            kind=default.kind,
            required=default.required,
            position=position,
        )
        for position, default in enumerate(indicator_rules.defaults_for(line.code))
    )
    audit_record(
        action="line_indicator.defaults_created",
        target=line,
        by=by,
        data={"keys": [row.key for row in created]},
    )
    return len(created)


def _set_indicators(proof: ProofOfUse, values: Mapping[str, Decimal | None]) -> None:
    """Store the values of the line's indicators given by key (others unchanged); a value that
    does not fit its kind is refused next to its field."""
    if not values:
        return
    line_indicators = {
        row.key: row
        for row in LineIndicator.objects.filter(line_id=proof.decision.application.line_id)
    }
    existing = {row.indicator_id: row for row in proof.indicator_values.all()}
    new, changed = [], []
    for key, value in values.items():
        indicator = line_indicators.get(key)
        if indicator is None:
            continue
        error = indicator_rules.value_error(indicator.kind, value)
        if error:
            raise DomainError(error, field=f"indicator_{key}")
        row = existing.get(indicator.pk)
        if row is None and value is None:
            continue
        if row is None:
            new.append(ProofIndicatorValue(proof=proof, indicator=indicator, value=value))
        elif row.value != value:
            row.value = value
            changed.append(row)
    ProofIndicatorValue.objects.bulk_create(new)
    ProofIndicatorValue.objects.bulk_update(changed, ["value"])
    _changed(proof)


@transaction.atomic
def proof_save(
    *,
    proof: ProofOfUse,
    by,
    report: str,
    own_funds: Decimal | None,
    third_party_funds: Decimal | None,
    lines: dict[int, tuple[Decimal | None, Decimal | None]],
    indicators: Mapping[str, Decimal | None] | None = None,
    participants: int | None = None,
) -> ProofOfUse:
    """Save the draft as entered (nothing is required yet). `lines`: per cost line id the actual
    costs and, for unit-rate items, the units held. `indicators`: values by indicator key of the
    line (`LineIndicator`); `participants` is short for the indicator "participants" (callers
    from before the indicators)."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.change_proofofuse",
        proof,
        _("Nur ein Entwurf kann von Mitgliedern des Trägers geändert werden."),
    )
    values = dict(indicators or {})
    if participants is not None:
        values.setdefault(indicator_rules.PARTICIPANTS.key, Decimal(participants))
    _set_indicators(proof, values)
    proof.report = report or ""
    proof.own_funds = own_funds
    proof.third_party_funds = third_party_funds
    proof.save()
    _set_lines(proof, lines)
    audit_record(action="proof_of_use.saved", target=proof, by=by)
    return proof


def _set_lines(proof: ProofOfUse, lines: Mapping[int, tuple[Decimal | None, Decimal | None]]):
    if not lines:
        return
    rows = {row.pk: row for row in proof.cost_lines.all()}
    changed = []
    for pk, (actual, units) in lines.items():
        row = rows.get(pk)
        if row is None:
            continue
        row.actual, row.units_held = actual, units
        changed.append(row)
    ProofCostLine.objects.bulk_update(changed, ["actual", "units_held"])
    _changed(proof)


PROOF_AUTOSAVE_FIELDS = ("report", "own_funds", "third_party_funds")


@transaction.atomic
def proof_autosave(
    *,
    proof: ProofOfUse,
    by,
    fields: Mapping[str, object],
    lines: Mapping[int, tuple[Decimal | None, Decimal | None]],
    indicators: Mapping[str, Decimal | None],
) -> datetime:
    """Save what the recipient has typed so far, as the application draft does
    (`applications.services.application_autosave`): only the fields given (`fields` of
    `PROOF_AUTOSAVE_FIELDS`, the cost lines and indicators by key); an input that cannot be read
    is left out by the caller and stays in the form. Not audited and no history row: the draft
    changes with every pause in typing; saving with the button and submitting are recorded.
    Returns when it was saved."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.change_proofofuse",
        proof,
        _("Der Verwendungsnachweis ist eingereicht und kann nicht mehr geändert werden."),
    )
    _set_indicators(proof, indicators)
    for name, value in fields.items():
        if name in PROOF_AUTOSAVE_FIELDS:
            setattr(proof, name, value if value is not None or name != "report" else "")
    proof.skip_history_when_saving = True  # type: ignore[attr-defined]
    proof.save()
    _set_lines(proof, lines)
    return proof.updated_at


@transaction.atomic
def receipt_add(
    *, proof: ProofOfUse, by, paid_on: date, payee: str, purpose: str, amount: Decimal
) -> ProofReceipt:
    """One row of the Belegliste (date, payee, purpose, amount; domain.md 3.2)."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.change_proofofuse",
        proof,
        _("Nur ein Entwurf kann von Mitgliedern des Trägers geändert werden."),
    )
    if not (payee or "").strip():
        raise DomainError(_("Bitte geben Sie den Empfänger an."), field="payee")
    if not (purpose or "").strip():
        raise DomainError(_("Bitte geben Sie den Zweck an."), field="purpose")
    if amount is None or amount <= 0:
        raise DomainError(_("Bitte geben Sie einen Betrag über 0 an."), field="amount")
    receipt = ProofReceipt.objects.create(
        proof=proof, paid_on=paid_on, payee=payee.strip(), purpose=purpose.strip(), amount=amount
    )
    audit_record(action="proof_of_use.receipt_added", target=proof, by=by)
    return receipt


@transaction.atomic
def receipt_remove(*, receipt: ProofReceipt, by) -> None:
    proof = _lock(receipt.proof)
    _allowed(
        by,
        "settlement.change_proofofuse",
        proof,
        _("Nur ein Entwurf kann von Mitgliedern des Trägers geändert werden."),
    )
    ProofReceipt.objects.filter(pk=receipt.pk, proof=proof).delete()
    _changed(proof)
    audit_record(action="proof_of_use.receipt_removed", target=proof, by=by)


@transaction.atomic
def proof_submit(*, proof: ProofOfUse, by) -> ProofOfUse:
    """Submit the proof: the Sachbericht with the line's required indicators, the actual costs
    of every item (and the units held of unit-rate items) and the own and third-party funds
    must be there."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.submit_proofofuse",
        proof,
        _("Nur ein Entwurf kann von Mitgliedern des Trägers eingereicht werden."),
    )
    if not proof.report.strip():
        raise DomainError(_("Bitte schreiben Sie den Sachbericht."), field="report")
    given = {row.indicator_id: row.value for row in proof.indicator_values.all()}
    for indicator in LineIndicator.objects.filter(
        line_id=proof.decision.application.line_id, required=True
    ):
        if given.get(indicator.pk) is None:
            raise DomainError(
                _("Bitte geben Sie „%(label)s“ an.") % {"label": indicator.label},
                field=f"indicator_{indicator.key}",
            )
    if proof.own_funds is None:
        raise DomainError(
            _("Bitte geben Sie die tatsächlichen Eigenmittel an (0, wenn keine)."),
            field="own_funds",
        )
    if proof.third_party_funds is None:
        raise DomainError(
            _("Bitte geben Sie die tatsächlich erhaltenen Drittmittel an (0, wenn keine)."),
            field="third_party_funds",
        )
    for row in proof.cost_lines.all():
        if row.actual is None:
            raise DomainError(
                _("Bitte geben Sie die tatsächlichen Ausgaben für „%(label)s“ an.")
                % {"label": row.label},
                field=f"actual_{row.pk}",
            )
        if row.units_planned is not None and row.units_held is None:
            raise DomainError(
                _("Bitte geben Sie die tatsächlich erbrachten Einheiten für „%(label)s“ an.")
                % {"label": row.label},
                field=f"units_{row.pk}",
            )
    if proof.full and not proof.receipts.exists():
        raise DomainError(
            _("Für den ausführlichen Verwendungsnachweis ist die Belegliste erforderlich."),
            field="receipts",
        )
    proof.submit()
    proof.submitted_at = timezone.now()
    proof.submitted_by = by
    proof.save()
    audit_record(action="proof_of_use.submitted", target=proof, by=by)
    return proof


@transaction.atomic
def proof_check(
    *, proof: ProofOfUse, by, result: str, note: str = "", spent: Decimal | None = None
) -> ProofOfUse:
    """Record the quick check (Kurzprüfung of the proof of use under the VV zu § 44 LHO; federal
    VV-BHO Nr. 11.1, verify HE): complete and plausible, or with objections (then a note).

    For an interim proof (Zwischennachweis, brief F2) the case worker confirms in the same step
    what of the year's payments was `spent`: the year balance (`selectors.year_figures`) is
    stored with the proof, the unspent money is set off against the next payment as far as the
    later payments go (`payments.services.set_off_register`, ANBest-P Nr. 1.4, verify HE) and the
    rest is left to reclaim (`proof.repayment`: the Rückforderung with § 49a interest from the
    payout, `recovery_open`)."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.check_proofofuse",
        proof,
        _("Nur Sachbearbeitende prüfen einen eingereichten Verwendungsnachweis."),
    )
    if result not in CheckResult.values:
        raise DomainError(_("Bitte wählen Sie das Ergebnis der Prüfung."), field="result")
    if result == CheckResult.OBJECTIONS and not (note or "").strip():
        raise DomainError(_("Bitte beschreiben Sie die Beanstandungen."), field="note")
    if proof.is_interim:
        if spent is None:
            raise DomainError(
                _("Bitte geben Sie an, wie viel der Zahlungen des Jahres verausgabt wurde."),
                field="spent",
            )
        if spent < 0:
            raise DomainError(
                _("Die verausgabten Mittel können nicht unter 0 liegen."), field="spent"
            )
    if result == CheckResult.PASSED:
        _require_clean_sample(proof)
    proof.record_check()
    proof.check_result = result
    proof.check_note = (note or "").strip()
    proof.checked_at = timezone.now()
    proof.checked_by = by
    data: dict = {"result": result}
    if proof.is_interim:
        data.update(_year_balance_confirm(proof, by=by, spent=spent))
    proof.save()
    audit_record(action="proof_of_use.checked", target=proof, by=by, data=data)
    return proof


def _year_balance_confirm(proof: ProofOfUse, *, by, spent) -> dict:
    """Store the year balance of an interim proof and register its set-off (brief F2)."""
    from wirportal.payments import services as payment_services

    from .selectors import year_figures

    figures = year_figures(proof, spent=spent)
    balance = figures.balance
    with translation.override(settings.LANGUAGE_CODE):  # the file's record is German
        steps = _year_steps(figures)
        try:
            unused = unused_money_interest_for(proof)
        except DomainError as error:
            unused = None
            steps.append(
                _("Zinsen für nicht alsbald verwendete Mittel (§ 49a Abs. 4 HVwVfG): %(reason)s")
                % {"reason": error.message}
            )
        if unused is not None and unused.amount:
            steps.append(
                _(
                    "Zinsen für im Jahr verspätet verwendete Mittel (§ 49a Abs. 4 HVwVfG, nach "
                    "den Auszahlungstagen und der Belegliste; Ermessen):"
                )
            )
            steps.extend(str(step) for step in unused.steps)
        source = _("Zwischennachweis %(year)s") % {"year": figures.year}
    proof.paid = figures.paid
    proof.spent = figures.spent
    proof.set_off = balance.set_off
    proof.repayment = balance.reclaimed
    proof.settlement_steps = steps
    set_off = None
    if balance.set_off > 0:
        set_off = payment_services.set_off_register(
            decision=proof.decision,
            year=figures.year,
            amount=balance.set_off,
            by=by,
            source=str(source),
        )
    return {
        "year": figures.year,
        "paid": str(figures.paid),
        "spent": str(figures.spent),
        "unspent": str(balance.unspent),
        "set_off": str(balance.set_off),
        "reclaimed": str(balance.reclaimed),
        "set_off_id": set_off.pk if set_off is not None else None,
        "unused_interest": str(unused.amount) if unused is not None else "",
    }


def _year_steps(figures) -> list[str]:
    """The year balance in words, for the file (brief F2)."""
    balance = figures.balance
    steps = [
        _(
            "Ausgezahlt für %(year)s: %(paid)s; davon verausgabt: %(spent)s; nicht verbraucht: %(unspent)s."
        )
        % {
            "year": figures.year,
            "paid": format_eur(figures.paid),
            "spent": format_eur(figures.spent),
            "unspent": format_eur(balance.unspent),
        }
    ]
    if balance.set_off:
        steps.append(
            _(
                "%(amount)s werden mit der nächsten Zahlung verrechnet (Nr. 1.4 ANBest-P): "
                "noch auszuzahlen waren %(next)s."
            )
            % {"amount": format_eur(balance.set_off), "next": format_eur(figures.next_payment)}
        )
    if balance.reclaimed:
        steps.append(
            _(
                "%(amount)s sind zurückzufordern (§§ 49, 49a HVwVfG), weil keine spätere Zahlung "
                "sie aufnimmt; Zinsen nach § 49a Abs. 3 HVwVfG ab der Auszahlung am %(day)s."
            )
            % {
                "amount": format_eur(balance.reclaimed),
                "day": format_date(figures.last_payout, "SHORT_DATE_FORMAT")
                if figures.last_payout
                else "–",
            }
        )
    return steps


def _require_clean_sample(proof: ProofOfUse) -> None:
    """ "Ohne Beanstandung" needs the Stichprobe drawn (when there is a Belegliste) and every
    sampled receipt found in order (VV Nr. 11.1 zu § 44 LHO federal, verify HE)."""
    receipts = proof.receipts.all()
    if proof.sample_drawn_at is None:
        if receipts.exists():
            raise DomainError(
                _(
                    "Bitte ziehen Sie zuerst die Stichprobe der Belege und prüfen Sie sie, bevor "
                    "Sie „Ohne Beanstandung“ erfassen."
                ),
                field="result",
            )
        return
    open_count = receipts.filter(sampled=True, sample_verdict=SampleVerdict.OPEN).count()
    if open_count:
        raise DomainError(
            _(
                "%(count)s Belege der Stichprobe sind noch nicht geprüft; „Ohne Beanstandung“ "
                "ist erst danach möglich."
            )
            % {"count": open_count},
            field="result",
        )
    if receipts.filter(sampled=True, sample_verdict=SampleVerdict.OBJECTED).exists():
        raise DomainError(
            _(
                "Ein Beleg der Stichprobe ist beanstandet; bitte erfassen Sie „Mit "
                "Beanstandungen“ mit einem Vermerk."
            ),
            field="result",
        )


@transaction.atomic
def receipt_sample_draw(*, proof: ProofOfUse, by, seed: int | None = None) -> list[int]:
    """Draw the Stichprobe of the Belegliste for the check: `sampling.sample_size` receipts by the
    line's settings, chosen at random with a stored seed, so the same choice can be shown to be
    the one drawn (`sampling.draw`). Drawn once: a second call returns the first choice."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.check_proofofuse",
        proof,
        _("Nur Sachbearbeitende prüfen einen eingereichten Verwendungsnachweis."),
    )
    receipts = ProofReceipt.objects.filter(proof=proof)
    if proof.sample_drawn_at is not None:
        return list(receipts.filter(sampled=True).order_by("pk").values_list("pk", flat=True))
    ids = list(receipts.values_list("pk", flat=True))
    if not ids:
        raise DomainError(_("Die Belegliste ist leer; es gibt keine Stichprobe."), field="sample")
    policy = policy_for(proof.decision.application.line)
    size = sampling.sample_size(len(ids), percent=policy.sample_percent, minimum=policy.sample_min)
    proof.sample_seed = secrets.randbits(62) if seed is None else seed
    chosen = sampling.draw(ids, seed=proof.sample_seed, size=size)
    receipts.filter(pk__in=chosen).update(sampled=True)
    _changed(proof)
    proof.sample_drawn_at = timezone.now()
    proof.sample_drawn_by = by
    proof.save()
    audit_record(
        action="proof_of_use.sample_drawn",
        target=proof,
        by=by,
        data={"seed": proof.sample_seed, "size": size, "of": len(ids), "receipts": chosen},
    )
    return chosen


class SampleFindingsInvalid(DomainError):
    """Findings on the Stichprobe refused: `errors` maps a receipt's pk to {field: message}."""

    def __init__(self, errors: dict[int, dict[str, str]]) -> None:
        super().__init__(_("Bitte prüfen Sie die markierten Belege der Stichprobe."))
        self.errors = errors


def _finding_errors(receipt: ProofReceipt | None, verdict: str, note: str) -> dict[str, str]:
    """What is wrong with one finding (empty when it may be recorded)."""
    if receipt is None or not receipt.sampled:
        return {"verdict": str(_("Dieser Beleg ist nicht in der Stichprobe."))}
    if verdict not in (SampleVerdict.OK, SampleVerdict.OBJECTED):
        return {"verdict": str(_("Bitte wählen Sie das Ergebnis für den Beleg."))}
    if verdict == SampleVerdict.OBJECTED and not note:
        return {"note": str(_("Bitte beschreiben Sie, was am Beleg zu beanstanden ist."))}
    return {}


@transaction.atomic
def receipt_sample_record_all(
    *, proof: ProofOfUse, by, findings: dict[int, tuple[str, str]]
) -> int:
    """The case worker's findings on the receipts of the Stichprobe, all saved or none: each in
    order, or objected (then a note is required; the check of the receipts is recorded in the
    file, VV Nr. 11.1 zu § 44 LHO federal, verify HE). `findings` maps a receipt to (verdict, note); a row with
    neither stays open, an unchanged one is not recorded again. Returns how many were recorded;
    raises SampleFindingsInvalid with the refusals per receipt (nothing saved then)."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.check_proofofuse",
        proof,
        _("Nur Sachbearbeitende prüfen einen eingereichten Verwendungsnachweis."),
    )
    receipts = ProofReceipt.objects.select_for_update().in_bulk(list(findings))
    errors: dict[int, dict[str, str]] = {}
    changed: list[tuple[ProofReceipt, str, str]] = []
    for pk, (verdict, note) in findings.items():
        receipt = receipts.get(pk)
        if receipt is not None and receipt.proof_id != proof.pk:
            receipt = None
        note = (note or "").strip()
        if not verdict and not note:
            continue  # left open
        refusal = _finding_errors(receipt, verdict, note)
        if refusal:
            errors[pk] = refusal
        elif receipt is not None and (receipt.sample_verdict, receipt.sample_note) != (
            verdict,
            note,
        ):
            changed.append((receipt, verdict, note))
    if errors:
        raise SampleFindingsInvalid(errors)
    now = timezone.now()
    for receipt, verdict, note in changed:
        receipt.sample_verdict = verdict
        receipt.sample_note = note
        receipt.sample_checked_at = now
        receipt.sample_checked_by = by
        receipt.save(
            update_fields=[
                "sample_verdict",
                "sample_note",
                "sample_checked_at",
                "sample_checked_by",
            ]
        )
        audit_record(
            action="proof_of_use.receipt_checked",
            target=proof,
            by=by,
            data={"receipt": receipt.pk, "verdict": verdict},
        )
    return len(changed)


def receipt_sample_record(
    *, receipt: ProofReceipt, by, verdict: str, note: str = ""
) -> ProofReceipt:
    """The finding on one receipt of the Stichprobe (receipt_sample_record_all with one row); a
    refusal is a DomainError naming its field."""
    if not verdict:
        raise DomainError(_("Bitte wählen Sie das Ergebnis für den Beleg."), field="verdict")
    try:
        receipt_sample_record_all(
            proof=receipt.proof, by=by, findings={receipt.pk: (verdict, note)}
        )
    except SampleFindingsInvalid as error:
        field, message = next(iter(error.errors[receipt.pk].items()))
        raise DomainError(message, field=field) from error
    receipt.refresh_from_db()
    return receipt


@transaction.atomic
def proof_settle(*, proof: ProofOfUse, by) -> ProofOfUse:
    """Schlussabrechnung: compute the final grant and what is to be repaid (brief C2–C8) against
    what was paid out (the grant's paid call-downs) and keep the computation with the proof. A
    claim not pursued under the Kleinbetragsgrenze (C8) is recorded in the file (audit entry and
    the stored steps). Where the Belegliste dates the spending, the interest for money not used
    promptly (§ 49a Abs. 4 HVwVfG, D2) is computed from the real payout days and recorded.

    The ledger then keeps bound only what the grant still needs (brief D5): the final grant, or
    what was paid if more (until the over-payment is repaid after the Widerruf); the rest is
    released. A final grant above what was paid stays bound and may still be called down."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.settle_proofofuse",
        proof,
        _("Nur Sachbearbeitende rechnen einen geprüften Verwendungsnachweis ab."),
    )
    if proof.is_interim:
        raise DomainError(
            _("Ein Zwischennachweis wird nicht abgerechnet; das geschieht mit dem Schlussnachweis.")
        )
    decision = proof.decision
    if payment_selectors.has_open_requests(decision):
        raise DomainError(
            _(
                "Es sind noch Mittelabrufe in Bearbeitung. Bitte zahlen Sie sie aus oder lehnen "
                "Sie sie ab, bevor Sie abrechnen."
            )
        )
    # the computation is kept in the file in German, whatever language the case worker reads
    unused_interest = ""
    with translation.override(settings.LANGUAGE_CODE):
        result = settlement_for(proof)
        steps = [str(step) for step in result.steps]
        try:
            unused = unused_money_interest_for(proof)
        except DomainError as error:
            steps.append(
                _("Zinsen für nicht alsbald verwendete Mittel (§ 49a Abs. 4 HVwVfG): %(reason)s")
                % {"reason": error.message}
            )
        else:
            if unused is not None:
                unused_interest = str(unused.amount)
                steps.append(
                    _(
                        "Zinsen für nicht alsbald verwendete Mittel (§ 49a Abs. 4 HVwVfG, nach "
                        "den Auszahlungstagen und der Belegliste; Ermessen):"
                    )
                )
                steps.extend(str(step) for step in unused.steps)
    proof.settle()
    proof.paid = result.paid
    proof.final_grant = result.final_grant
    proof.repayment = result.repayment
    proof.small_amount_waived = result.small_amount_waived
    proof.settlement_steps = steps
    proof.settled_at = timezone.now()
    proof.settled_by = by
    proof.save()
    booked = budget_revoke(
        line=decision.application.line,
        source_key=decision.source_key,
        by=by,
        remaining=max(result.final_grant, result.paid),
        note=f"Schlussabrechnung {decision.application.reference}"[:200],
    )
    audit_record(
        action="proof_of_use.settled",
        target=proof,
        by=by,
        data={
            "paid": str(result.paid),
            "final_grant": str(result.final_grant),
            "overpaid": str(result.overpaid),
            "repayment": str(result.repayment),
            "still_to_pay": str(result.still_to_pay),
            "small_amount_waived": result.small_amount_waived,
            "released": str(booked.released),
            "unused_interest": unused_interest,
        },
    )
    return proof


def recovery_open(
    *,
    decision: GrantDecision,
    by,
    principal: Decimal,
    reason: str,
    effective_from: date,
    facts_known_on: date,
    hearing_posted_on: date,
    in_full: bool = False,
    proof: ProofOfUse | None = None,
    today: date | None = None,
) -> Recovery:
    """Start a (partial) Widerruf with the hearing (Anhörung, § 28 Abs. 1 HVwVfG): the hearing
    letter is posted on `hearing_posted_on`, bekanntgegeben on the third day (§ 41 Abs. 2), the
    recipient may comment within two weeks (`deadlines.hearing_deadline`). Refused once the year
    after the facts were known has passed (§ 49 Abs. 3 Satz 2 with § 48 Abs. 4 HVwVfG).

    The Anhörungsschreiben (PDF/A, `letters.py`) is rendered before the write transaction (no PDF
    rendering under row locks), stored with the recovery and e-mailed to the recipient."""
    kwargs = {
        "decision": decision,
        "by": by,
        "principal": principal,
        "reason": reason,
        "effective_from": effective_from,
        "facts_known_on": facts_known_on,
        "hearing_posted_on": hearing_posted_on,
        "in_full": in_full,
        "proof": proof,
        "today": today or timezone.localdate(),
    }
    facts = _check_recovery_open(**kwargs)
    pdf = letters.render_hearing_letter(facts, by=by)
    return _recovery_open(**kwargs, pdf=pdf)


def _check_recovery_open(
    *,
    decision: GrantDecision,
    by,
    principal: Decimal,
    reason: str,
    effective_from: date,
    facts_known_on: date,
    hearing_posted_on: date,
    in_full: bool,
    proof: ProofOfUse | None,
    today: date,
) -> letters.HearingFacts:
    _allowed(
        by,
        "settlement.add_recovery",
        decision,
        _("Eine Rückforderung leitet nur die Bewilligungsbehörde ein."),
    )
    if not (reason or "").strip():
        raise DomainError(_("Bitte begründen Sie die Rückforderung."), field="reason")
    if principal is None or principal <= 0:
        raise DomainError(
            _("Bitte geben Sie den zu erstattenden Betrag an (über 0)."), field="principal"
        )
    open_to_claim = claimable(decision)
    if principal > open_to_claim:
        raise DomainError(
            _(
                "Zurückgefordert werden kann nur, was ausgezahlt und noch nicht zurückgefordert "
                "ist: höchstens %(amount)s (§ 49a Abs. 1 HVwVfG)."
            )
            % {"amount": format_eur(open_to_claim)},
            field="principal",
        )
    if in_full and principal != open_to_claim:
        # § 49a Abs. 1 HVwVfG: a Widerruf of the whole grant for the past reclaims all that was paid
        raise DomainError(
            _(
                "Wird der Bescheid in vollem Umfang widerrufen, ist alles Ausgezahlte zu "
                "erstatten: %(amount)s."
            )
            % {"amount": format_eur(open_to_claim)},
            field="principal",
        )
    deadline = revocation_deadline(facts_known_on)
    if today > deadline:
        raise DeadlineMissed(
            _(
                "Der Widerruf ist nur bis zum %(deadline)s möglich, ein Jahr nach Kenntnis der "
                "Tatsachen (§ 49 Abs. 3 Satz 2 mit § 48 Abs. 4 HVwVfG)."
            )
            % {"deadline": format_date(deadline, "SHORT_DATE_FORMAT")},
            field="facts_known_on",
        )
    bekanntgabe = bekanntgabe_by_post(hearing_posted_on)
    if hearing_deadline(bekanntgabe) >= deadline:  # no day left for the Widerruf after it
        raise DeadlineMissed(
            _(
                "Die Frist zur Stellungnahme endet erst am %(hearing)s; der Widerruf ist aber nur "
                "bis zum %(deadline)s möglich (§ 28 und § 48 Abs. 4 HVwVfG). Bitte versenden Sie "
                "das Anhörungsschreiben früher."
            )
            % {
                "hearing": format_date(hearing_deadline(bekanntgabe), "SHORT_DATE_FORMAT"),
                "deadline": format_date(deadline, "SHORT_DATE_FORMAT"),
            },
            field="hearing_posted_on",
        )
    return letters.HearingFacts(
        decision=decision,
        principal=principal,
        in_full=in_full,
        reason=reason.strip(),
        effective_from=effective_from,
        facts_known_on=facts_known_on,
        posted_on=hearing_posted_on,
        bekanntgabe_on=bekanntgabe,
        deadline=hearing_deadline(bekanntgabe),
    )


@transaction.atomic
def _recovery_open(*, pdf: bytes, **kwargs) -> Recovery:
    kwargs["decision"] = GrantDecision.objects.select_for_update(of=("self",)).get(
        pk=kwargs["decision"].pk
    )
    facts = _check_recovery_open(**kwargs)  # again, under the lock
    by = kwargs["by"]
    recovery = Recovery.objects.create(
        decision=facts.decision,
        proof=kwargs["proof"],
        principal=facts.principal,
        in_full=facts.in_full,
        reason=facts.reason,
        effective_from=facts.effective_from,
        facts_known_on=facts.facts_known_on,
        hearing_bekanntgabe_on=facts.bekanntgabe_on,
        hearing_deadline=facts.deadline,
        created_by=by,
    )
    recovery.hearing_letter = _store_letter(
        recovery, pdf=pdf, by=by, kind=letters.HEARING_KIND, title="Anhoerung"
    )
    recovery.save(update_fields=["hearing_letter"])
    _send_letter(recovery, pdf=pdf, template="settlement/email/hearing_letter")
    audit_record(
        action="recovery.hearing_opened",
        target=recovery,
        by=by,
        data={
            "principal": str(facts.principal),
            "hearing_deadline": recovery.hearing_deadline.isoformat(),
            "letter": str(recovery.hearing_letter.public_id),
        },
    )
    return recovery


def _store_letter(recovery: Recovery, *, pdf: bytes, by, kind: str, title: str):
    """Store a rendered letter of the recovery (validated PDF/A; downloadable by whoever may
    see the recovery: `settlement.view_recovery`)."""
    from wirportal.documents.services import document_store_generated

    reference = recovery.decision.application.reference
    return document_store_generated(
        content=pdf,
        filename=f"{title}-{reference}.pdf",
        attach_to=recovery,
        kind=kind,
        by=by,
        label=f"{title} {reference}",
    )


def _send_letter(recovery: Recovery, *, pdf: bytes, template: str) -> None:
    """E-mail the letter to the recipient's members and address (sent after commit by notify)."""
    from django.urls import reverse

    from wirportal.notifications.services import notify

    application = recovery.decision.application
    organisation = application.organisation
    to = [m.user.email for m in organisation.memberships.select_related("user")]
    to.append(organisation.email)
    letter = recovery.revocation_letter or recovery.hearing_letter
    assert letter is not None
    notify(
        to=[address for address in to if address],
        template=template,
        context={
            "reference": application.reference,
            "title": application.title,
            "deadline": format_date(
                recovery.hearing_deadline, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE
            ),
            "url": settings.WIR_SITE_URL.rstrip("/")
            + reverse("settlement:recovery-detail", kwargs={"pk": recovery.pk}),
        },
        attachments=[(letter.display_name, pdf, "application/pdf")],
        about=application.mail_log_key,
    )


def _lock_recovery(recovery: Recovery) -> Recovery:
    return (
        Recovery.objects.select_for_update(of=("self",))
        .select_related("decision__application")
        .get(pk=recovery.pk)
    )


def recovery_revoke(
    *,
    recovery: Recovery,
    by,
    statement: str = "",
    waive_interest: bool = False,
    waiver_reason: str = "",
    today: date | None = None,
) -> Recovery:
    """The Widerruf and the demand for repayment with interest (§§ 49, 49a HVwVfG), after the
    hearing period and within the year (D6). Waiving the interest needs a recorded reason
    (§ 49a Abs. 3 Satz 2 HVwVfG, D4).

    The Widerrufs- und Erstattungsbescheid (PDF/A, `letters.py`) is rendered before the write
    transaction, which checks everything again under the lock, stores it and e-mails it.

    The ledger (brief D5): a Rückforderung of everything paid and not yet claimed is a full
    Widerruf: the decision is revoked in the same transaction (`decisions.services.
    decision_revoke`: audited, nothing more is paid, the unpaid commitment is released, the paid
    money booked as a receivable). A partial one leaves the decision in force with the grant
    reduced to what the recipient keeps: the principal is booked as a receivable."""
    today = today or timezone.localdate()
    current = (
        Recovery.objects.select_related(
            "decision__application__organisation__office",
            "decision__application__line__programme",
            "decision__proposed_by",
            "decision__approved_by",
        )
        .prefetch_related("repayments")
        .get(pk=recovery.pk)
    )
    _check_revoke(current, by=by, today=today)
    claim(
        principal=current.principal,
        interest=Decimal(0),
        waive_interest=waive_interest,
        waiver_reason=waiver_reason,
    )
    current.statement = (statement or "").strip()  # in memory only: the letter quotes it
    pdf = letters.render_revocation_letter(
        current,
        by=by,
        issued=today,
        waive_interest=waive_interest,
        waiver_reason=waiver_reason,
    )
    return _recovery_revoke(
        recovery=recovery,
        by=by,
        statement=statement,
        waive_interest=waive_interest,
        waiver_reason=waiver_reason,
        today=today,
        pdf=pdf,
    )


def _check_revoke(recovery: Recovery, *, by, today: date) -> None:
    _allowed(
        by,
        "settlement.revoke_recovery",
        recovery,
        _("Den Widerruf erlässt nur die Bewilligungsbehörde nach der Anhörung."),
    )
    if today <= recovery.hearing_deadline:
        raise NotAllowed(
            _("Die Frist zur Stellungnahme läuft noch bis zum %(deadline)s (§ 28 HVwVfG).")
            % {"deadline": format_date(recovery.hearing_deadline, "SHORT_DATE_FORMAT")}
        )
    if not may_revoke_on(
        today, hearing_ends=recovery.hearing_deadline, facts_known=recovery.facts_known_on
    ):
        raise DeadlineMissed(
            _(
                "Der Widerruf ist nur bis zum %(deadline)s möglich, ein Jahr nach Kenntnis der "
                "Tatsachen (§ 49 Abs. 3 Satz 2 mit § 48 Abs. 4 HVwVfG)."
            )
            % {
                "deadline": format_date(
                    revocation_deadline(recovery.facts_known_on), "SHORT_DATE_FORMAT"
                )
            },
        )


@transaction.atomic
def _recovery_revoke(
    *,
    recovery: Recovery,
    by,
    statement: str,
    waive_interest: bool,
    waiver_reason: str,
    today: date,
    pdf: bytes,
) -> Recovery:
    recovery = _lock_recovery(recovery)
    _check_revoke(recovery, by=by, today=today)
    decided = claim(
        principal=recovery.principal,
        interest=Decimal(0),
        waive_interest=waive_interest,
        waiver_reason=waiver_reason,
    )
    decision = recovery.decision
    open_to_claim = claimable(decision, exclude=recovery)
    if recovery.principal > open_to_claim:
        raise DomainError(
            _(
                "Zurückgefordert werden kann nur, was ausgezahlt und noch nicht zurückgefordert "
                "ist: höchstens %(amount)s (§ 49a Abs. 1 HVwVfG)."
            )
            % {"amount": format_eur(open_to_claim)}
        )
    line = decision.application.line
    # Brief D5: a Widerruf in full (the case worker's choice in the hearing) revokes the decision,
    # releases what was not paid and claims all that was; a partial one claims the principal
    # and leaves the money still to be paid bound (a multi-year grant goes on).
    full = recovery.in_full
    if full and recovery.principal != open_to_claim:
        raise DomainError(
            _(
                "Seit der Anhörung hat sich der ausgezahlte Betrag geändert; ein Widerruf in "
                "vollem Umfang erstattet alles Ausgezahlte (%(amount)s). Bitte leiten Sie die "
                "Anhörung neu ein."
            )
            % {"amount": format_eur(open_to_claim)}
        )
    recovery.revoke()
    if full and decision.status != DecisionStatus.REVOKED:
        from wirportal.decisions.services import decision_revoke

        decision_revoke(decision=decision, by=by, reason=recovery.reason)
    else:  # in part, or the decision was revoked already: the principal becomes a receivable
        budget_claim(
            line=line,
            source_key=decision.source_key,
            by=by,
            amount=recovery.principal,
            note=f"Widerruf {decision.application.reference}"[:200],
        )
    recovery.statement = (statement or "").strip()
    recovery.revoked_on = today
    recovery.revoked_by = by
    recovery.interest_waived = decided.interest_waived
    recovery.waiver_reason = decided.waiver_reason
    recovery.revocation_letter = _store_letter(
        recovery, pdf=pdf, by=by, kind=letters.REVOCATION_KIND, title="Widerrufsbescheid"
    )
    recovery.save()
    _send_letter(recovery, pdf=pdf, template="settlement/email/revocation_letter")
    audit_record(
        action="recovery.revoked",
        target=recovery,
        by=by,
        reason=recovery.waiver_reason,
        data={
            "interest_waived": recovery.interest_waived,
            "full": full,
            "letter": str(recovery.revocation_letter.public_id),
        },
    )
    return recovery


@transaction.atomic
def repayment_book(
    *, recovery: Recovery, by, received_on: date, amount: Decimal, reference: str
) -> RecoveryRepayment:
    """Book money received back; when principal and interest are paid the claim is closed."""
    recovery = _lock_recovery(recovery)
    _allowed(
        by,
        "settlement.book_repayment",
        recovery,
        _("Rückzahlungen bucht nur die Bewilligungsbehörde zu einem erlassenen Widerruf."),
    )
    if amount is None or amount <= 0:
        raise DomainError(_("Bitte geben Sie einen Betrag über 0 an."), field="amount")
    if not (reference or "").strip():
        raise DomainError(_("Bitte geben Sie den Verwendungszweck an."), field="reference")
    principal_open = max(
        recovery.principal - sum((r.amount for r in recovery.repayments.all()), Decimal(0)),
        Decimal(0),
    )
    repayment = RecoveryRepayment.objects.create(
        recovery=recovery,
        received_on=received_on,
        amount=amount,
        reference=reference.strip()[:140],
        booked_by=by,
    )
    # the ledger takes the principal part (brief D5); interest is the state's, not the line's
    # money (§ 49a Abs. 3 HVwVfG); a claim from before the ledger knew receivables books nothing
    decision = recovery.decision
    line = decision.application.line
    in_ledger = min(
        amount,
        principal_open,
        source_position(line=line, source_key=decision.source_key).open_receivable,
    )
    if in_ledger > 0:
        budget_book_repayment(
            line=line,
            source_key=decision.source_key,
            amount=in_ledger,
            by=by,
            note=reference.strip()[:200],
        )
    # The money is booked in any case; the claim closes only when the interest can be computed
    # (a half-year without a Basiszinssatz on record keeps it open until staff enter the rate).
    try:
        still_open = str(recovery_balance(recovery, on=received_on).total_open)
    except DomainError:
        still_open = ""
    if still_open and Decimal(still_open) <= 0:
        recovery.close()
        recovery.save()
    audit_record(
        action="recovery.repayment_booked",
        target=recovery,
        by=by,
        data={
            "amount": str(amount),
            "received_on": received_on.isoformat(),
            "open": still_open,
            "ledger": str(in_ledger),
        },
    )
    return repayment


@transaction.atomic
def receipts_import(*, proof: ProofOfUse, by, rows: list[ReceiptRow]) -> int:
    """Add the rows read from a CSV/XLSX Belegliste (`receipts_import.read_receipts`), all or
    none; returns how many were added."""
    proof = _lock(proof)
    _allowed(
        by,
        "settlement.change_proofofuse",
        proof,
        _("Nur ein Entwurf kann von Mitgliedern des Trägers geändert werden."),
    )
    ProofReceipt.objects.bulk_create(
        ProofReceipt(
            proof=proof,
            paid_on=row.paid_on,
            payee=row.payee,
            purpose=row.purpose,
            amount=row.amount,
        )
        for row in rows
    )
    _changed(proof)
    audit_record(
        action="proof_of_use.receipts_imported", target=proof, by=by, data={"rows": len(rows)}
    )
    return len(rows)


#: Days before the due date on which the recipient is reminded (no norm; a service of the portal).
REMIND_DAYS_BEFORE = 14


def _reminder(decision: GrantDecision, *, kind: str, due_on: date, today: date) -> bool:
    """Send one reminder unless it was sent already (unique row; the job may run twice)."""
    from django.urls import reverse

    from wirportal.notifications.services import notify

    _, created = ProofReminder.objects.get_or_create(
        decision=decision, kind=kind, due_on=due_on, defaults={"sent_on": today}
    )
    if not created:
        return False
    application = decision.application
    members = [m.user.email for m in application.organisation.memberships.all()]
    to = [*members, application.organisation.email]
    if kind == ReminderKind.OVERDUE:
        to += [p.email for p in (decision.proposed_by, decision.approved_by) if p is not None]
    notify(
        to=to,
        template="settlement/email/overdue"
        if kind == ReminderKind.OVERDUE
        else "settlement/email/due_soon",
        context={
            "reference": application.reference,
            "title": application.title,
            "due": format_date(due_on, "SHORT_DATE_FORMAT", language=settings.LANGUAGE_CODE),
            "url": settings.WIR_SITE_URL.rstrip("/") + reverse("settlement:proof-list"),
        },
        about=application.mail_log_key,
    )
    return True


@transaction.atomic
def proof_reminders_send(*, today: date | None = None) -> int:
    """Daily job: remind the recipient 14 days before a proof of use is due, and the recipient
    and the case workers once it is overdue (issue #11). Sends each reminder once."""
    today = today or timezone.localdate()
    sent = 0
    for decision, due_on in overdue_or_due_soon(today=today, days_before=REMIND_DAYS_BEFORE):
        kind = ReminderKind.OVERDUE if due_on < today else ReminderKind.BEFORE
        sent += _reminder(decision, kind=kind, due_on=due_on, today=today)
    return sent


@transaction.atomic
def receipts_retention_purge(*, today: date | None = None) -> int:
    """Daily job (brief G; deletion concept after DIN 66398): delete the Belegliste (payees are
    personal data) of every proof whose retention period has ended, its history rows included;
    keep the anonymised figures (number and sum of the receipts). Logged without the deleted data;
    running it twice changes nothing. Returns the number of proofs purged."""
    from django.db.models import Count, Sum

    today = today or timezone.localdate()
    purged = 0
    for proof, end in receipts_retention(today=today):
        figures = ProofReceipt.objects.filter(proof=proof).aggregate(
            n=Count("pk"), total=Sum("amount")
        )
        ProofReceipt.objects.filter(proof=proof).delete()
        ProofReceipt.history.filter(proof_id=proof.pk).delete()  # type: ignore[attr-defined]
        ProofOfUse.objects.filter(pk=proof.pk).update(
            receipts_purged_at=timezone.now(),
            receipts_count=figures["n"] or 0,
            receipts_total=figures["total"] or Decimal(0),
        )
        _changed(proof)
        audit_record(
            action="proof_of_use.receipts_purged",
            target=proof,
            by=None,
            data={"rows": figures["n"] or 0, "retention_end": end.isoformat()},
        )
        purged += 1
    return purged


# --- Closing the grant's file (Abschluss der Förderakte) ------------------------------------


@transaction.atomic
def grant_close(*, decision: GrantDecision, by) -> GrantClosure:
    """Close a grant's file once its proof of use is settled and all money is settled (issue
    #11): no call-down on its way, nothing of the final grant left to pay, every Rückforderung
    closed (principal and § 49a interest) and no open receivable in the ledger
    (`selectors.closure_state` names each obstacle; the refusal gives them all).

    The commitment still bound and not paid is released (`programmes.services.budget_release`
    without amounts: paid money is never released, § 49a Abs. 1 HVwVfG, brief D5), so the grant
    keeps bound exactly what was paid and not repaid. The closing day starts the retention
    periods that run from it (`retention.StartEvent.SETTLEMENT_CLOSED`, brief G). Closing twice
    is refused; the decision row lock and the one-per-decision constraint keep two closings at
    the same moment apart."""
    from wirportal.core.money import to_money
    from wirportal.programmes.services import budget_release

    from .selectors import closure_state

    decision = (
        GrantDecision.objects.select_for_update(of=("self",))
        .select_related("application__organisation", "application__line")
        .get(pk=decision.pk)
    )
    _allowed(
        by,
        "settlement.close_grant",
        decision,
        _("Eine Förderakte schließen nur Sachbearbeitende der Bewilligungsbehörde ab."),
    )
    state = closure_state(decision)
    if state.closure is not None:
        raise DomainError(
            _("Die Förderakte ist bereits seit dem %(day)s abgeschlossen.")
            % {
                "day": format_date(
                    timezone.localtime(state.closure.closed_at).date(), "SHORT_DATE_FORMAT"
                )
            }
        )
    if state.blockers:
        raise DomainError(
            _("Die Förderakte kann noch nicht abgeschlossen werden: %(reasons)s")
            % {"reasons": " ".join(state.blockers)}
        )
    entries = budget_release(line=decision.application.line, source_key=decision.source_key, by=by)
    released = to_money(sum((entry.amount for entry in entries), Decimal(0)))
    closure = GrantClosure.objects.create(
        decision=decision, closed_at=timezone.now(), closed_by=by, released=released
    )
    audit_record(
        action="grant.closed",
        target=decision,
        by=by,
        data={
            "released": str(released),
            "paid": str(payment_selectors.paid_total(decision)),
            "proof": state.proof.pk if state.proof is not None else None,
        },
    )
    return closure
