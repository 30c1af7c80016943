"""Writes of money out: call-down, check, order (four eyes), refusal, payment runs, execution.

Never paid twice: call-downs of one grant are serialised on the decision row and a retried
request (same token) returns the first one; a run locks the ordered requests it takes and moves
them on with a conditional update, and each request can be in one run only (one-to-one in the
database); executing a run locks the run, so a second execution is refused.
"""

import functools
import hashlib
import time
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from lxml import etree
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from wirportal.audit.services import audit_record
from wirportal.core.caching import bump
from wirportal.core.exceptions import DomainError, NotAllowed
from wirportal.core.money import format_eur, format_money, to_money
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.notifications.services import notify
from wirportal.programmes.services import budget_book_payment

from . import calldown
from .models import (
    DEFAULT_CALL_DOWN_WEEKS,
    PaymentRequest,
    PaymentRules,
    PaymentRun,
    PaymentRunItem,
    RequestStatus,
    RunStatus,
    SetOff,
)
from .selectors import eligible_costs, open_set_offs_query, payable_after, year_position

R = RequestStatus
SCHEMA = "pain.001.001.09"
XSD_PATH = settings.BASE_DIR / "wirportal" / "payments" / "schemas" / f"{SCHEMA}.xsd"

# Debug switches for the negative control of the race tests (reliability brief T3)
DEBUG_SKIP_LOCK = False
DEBUG_SLEEP_AFTER_CHECK = 0.0


def _date(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def call_down_weeks(line) -> int:
    rules = PaymentRules.objects.filter(line=line).first()
    return rules.call_down_weeks if rules else DEFAULT_CALL_DOWN_WEEKS


def _recipient_addresses(decision: GrantDecision) -> list[str]:
    application = decision.application
    return [a for a in [application.created_by.email, application.organisation.email] if a]


def _lock_decision(decision: GrantDecision) -> GrantDecision:
    decisions = GrantDecision.objects.select_related(
        "application__organisation", "application__line", "application__created_by"
    )
    if not DEBUG_SKIP_LOCK:
        decisions = decisions.select_for_update(of=("self",))
    return decisions.get(pk=decision.pk)


def _lock_request(payment: PaymentRequest) -> PaymentRequest:
    requests = PaymentRequest.objects.select_related(
        "decision__application__organisation",
        "decision__application__line",
        "decision__application__created_by",
    )
    if not DEBUG_SKIP_LOCK:
        requests = requests.select_for_update(of=("self",))
    return requests.get(pk=payment.pk)


def _require(payment: PaymentRequest, *states: str) -> None:
    if payment.status not in states:
        raise NotAllowed(
            _("Der Mittelabruf ist im Status „%(status)s“; das ist jetzt nicht möglich.")
            % {"status": payment.get_status_display()}
        )


def _require_grant_in_force(payment: PaymentRequest) -> None:
    """A revoked or otherwise ended grant pays nothing more (§ 49 HVwVfG; B1)."""
    if payment.decision.status != DecisionStatus.ACCEPTED:
        raise NotAllowed(
            _("Der Bescheid ist im Status „%(status)s“; es wird nichts mehr ausgezahlt.")
            % {"status": payment.decision.get_status_display()}
        )


def check_call_down(
    *,
    decision: GrantDecision,
    amount: Decimal,
    needed_on: date,
    due_expenses: Decimal | None,
    today: date,
) -> int:
    """Every rule a call-down must meet; returns the budget year it is paid from.

    B1: only an accepted grant is paid. B3: only for payments due within the line's call-down
    period (ANBest-P Nr. 1.4, 6 weeks by default, verify HE). B2: Anteil and Fehlbedarf only
    pro rata to the other funds. Never more than granted minus what is called (not refused) or
    paid. B4: money of a budget year only in that year (§ 45 LHO; Jährlichkeit) and only when
    it is bound for the grant in the ledger.
    """
    if decision.status != DecisionStatus.ACCEPTED:
        raise NotAllowed(
            _("Mittel können erst abgerufen werden, wenn der Bescheid angenommen ist."),
            field="amount",
        )
    if amount <= 0:
        raise DomainError(_("Bitte geben Sie einen Betrag größer als 0 an."), field="amount")
    line = decision.application.line
    weeks = call_down_weeks(line)
    until = calldown.call_down_until(today, weeks)
    if needed_on > until:
        raise DomainError(
            _(
                "Mittel dürfen nur für Zahlungen abgerufen werden, die innerhalb von %(weeks)s "
                "Wochen fällig werden, also bis zum %(until)s (Nr. 1.4 ANBest-P). Bitte rufen "
                "Sie diesen Betrag später ab."
            )
            % {"weeks": weeks, "until": _date(until)},
            field="needed_on",
        )
    if line.financing_type in calldown.PRO_RATA_TYPES:
        if due_expenses is None:
            raise DomainError(
                _(
                    "Bitte geben Sie die Ausgaben an, die im Abrufzeitraum fällig werden; "
                    "abrufbar ist nur der Anteil der Zuwendung daran."
                ),
                field="due_expenses",
            )
        maximum = calldown.pro_rata_maximum(
            due_expenses=due_expenses,
            grant=decision.amount or Decimal(0),
            eligible_costs=eligible_costs(decision),
            financing_type=line.financing_type,
        )
        if amount > maximum:
            raise DomainError(
                _(
                    "Bei %(type)s dürfen Mittel nur anteilig zu den übrigen Finanzierungsmitteln "
                    "abgerufen werden (Nr. 1.4 ANBest-P): von %(due)s fälligen Ausgaben höchstens "
                    "%(max)s."
                )
                % {
                    "type": line.get_financing_type_display(),
                    "due": format_money(due_expenses),
                    "max": format_money(maximum),
                },
                field="amount",
            )
    year = today.year
    if needed_on.year > year:
        raise DomainError(
            _(
                "Mittel des Haushaltsjahres %(year)s können erst ab dem 01.01.%(year)s "
                "abgerufen werden."
            )
            % {"year": needed_on.year},
            field="needed_on",
        )
    position = year_position(decision, year)
    if position.granted <= 0:
        later = sorted(int(y) for y in (decision.year_amounts or {}) if int(y) > year)
        if later:
            message = _(
                "Für %(year)s ist keine Rate bewilligt. Die Rate für %(next)s kann ab dem "
                "01.01.%(next)s abgerufen werden."
            ) % {"year": year, "next": later[0]}
        else:
            message = _(
                "Für %(year)s ist keine Rate bewilligt; nicht abgerufene Mittel früherer Jahre "
                "verfallen, soweit sie nicht als Ausgaberest übertragen wurden (§ 45 LHO)."
            ) % {"year": year}
        raise DomainError(message, field="amount")
    if position.bound <= 0:
        raise DomainError(
            _("Die Mittel für %(year)s sind im Haushalt noch nicht gebunden.") % {"year": year},
            field="amount",
        )
    total_open = (decision.amount or Decimal(0)) - position.called_total
    available = min(position.available, total_open)
    if amount > available:
        raise DomainError(
            _(
                "Abrufbar sind noch %(available)s: bewilligt für %(year)s %(granted)s, davon "
                "bereits abgerufen oder ausgezahlt %(called)s."
            )
            % {
                "available": format_money(max(available, Decimal(0))),
                "year": year,
                "granted": format_money(position.granted),
                "called": format_money(position.called + position.set_off),
            },
            field="amount",
        )
    return year


@transaction.atomic
def payment_request_create(
    *,
    decision: GrantDecision,
    by,
    amount: Decimal,
    needed_on: date,
    token: uuid.UUID,
    due_expenses: Decimal | None = None,
    today: date | None = None,
) -> PaymentRequest:
    """Mittelabruf by a member of the recipient. Sent again with the same token (a retried
    form), it returns the first request instead of a second one."""
    decision = _lock_decision(decision)
    existing = PaymentRequest.objects.filter(token=token).first()
    if existing is not None:
        if existing.decision_id != decision.pk:
            raise NotAllowed(_("Diese Abrufkennung gehört zu einem anderen Bescheid."))
        return existing
    if not decision.application.organisation.memberships.filter(user=by).exists():
        raise NotAllowed(_("Nur Mitglieder des Trägers können Mittel abrufen."))
    amount = to_money(amount)
    due = to_money(due_expenses) if due_expenses is not None else None
    today = today or timezone.localdate()
    year = check_call_down(
        decision=decision, amount=amount, needed_on=needed_on, due_expenses=due, today=today
    )
    set_offs = _open_set_offs(decision)
    set_off = sum((row.amount for row in set_offs), Decimal(0))
    if set_off and amount <= set_off:
        raise DomainError(
            _(
                "Von Ihrer nächsten Zahlung werden %(set_off)s nicht verbrauchte Mittel aus "
                "%(years)s abgezogen (Verrechnung, Nr. 1.4 ANBest-P). Bitte verwenden Sie zuerst "
                "diese Mittel und rufen Sie einen höheren Betrag ab."
            )
            % {"set_off": format_money(set_off), "years": _years(set_offs)},
            field="amount",
        )
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    number = (
        PaymentRequest.objects.filter(decision=decision).aggregate(n=models.Max("number"))["n"] or 0
    ) + 1
    payment = PaymentRequest.objects.create(
        decision=decision,
        number=number,
        token=token,
        amount=amount - set_off,
        set_off=set_off,
        due_expenses=due,
        needed_on=needed_on,
        budget_year=year,
        requested_by=by,
    )
    if set_offs:
        SetOff.objects.filter(pk__in=[row.pk for row in set_offs]).update(
            consumed_by=payment, consumed_at=timezone.now(), updated_at=timezone.now()
        )
        bump("payments")  # core.caching: QuerySet.update sends no signal
    audit_record(
        action="payment.requested",
        target=payment,
        by=by,
        data={
            "amount": str(payment.amount),
            "needed_on": needed_on.isoformat(),
            "year": year,
            "set_off": str(set_off),
            "set_offs": [row.pk for row in set_offs],
        },
    )
    return payment


def _open_set_offs(decision: GrantDecision) -> list[SetOff]:
    """The grant's set-offs no call-down has consumed, locked (the decision's lock already
    serialises call-downs; the rows' own lock keeps any other writer out)."""
    rows = open_set_offs_query(decision)
    if not DEBUG_SKIP_LOCK:
        rows = rows.select_for_update()
    return list(rows)


def _years(set_offs: list[SetOff]) -> str:
    return ", ".join(str(year) for year in sorted({row.year for row in set_offs}))


@transaction.atomic
def set_off_register(
    *, decision: GrantDecision, year: int, amount: Decimal, by, source: str
) -> SetOff:
    """Record that `amount` of `year`'s money, paid and not spent, is deducted from the grant's
    next call-down (Verrechnung, brief F2; ANBest-P Nr. 1.4 federal wording, verify HE: money is
    called down only as far as it is needed, so money still at the recipient's disposal lowers
    the next payment). Called by settlement when the case worker confirms a year's interim proof
    of use (`settlement.services.proof_check`); what the later payments cannot absorb is not set
    off but reclaimed there (§§ 49, 49a HVwVfG). One set-off per grant and year."""
    decision = _lock_decision(decision)
    amount = to_money(amount)
    if amount <= 0:
        raise DomainError(_("Bitte geben Sie einen Betrag größer als 0 an."), field="amount")
    if SetOff.objects.filter(decision=decision, year=year).exists():
        raise DomainError(
            _("Für %(year)s ist bereits eine Verrechnung erfasst.") % {"year": year},
            field="amount",
        )
    payable = payable_after(decision, year)
    if amount > payable:
        raise DomainError(
            _(
                "Verrechnet werden kann höchstens, was nach %(year)s noch ausgezahlt wird: "
                "%(payable)s. Der Rest ist zurückzufordern."
            )
            % {"year": year, "payable": format_money(payable)},
            field="amount",
        )
    set_off = SetOff.objects.create(
        decision=decision, year=year, amount=amount, source=source[:100], created_by=by
    )
    audit_record(
        action="payment.set_off_registered",
        target=decision,
        by=by,
        data={"set_off": set_off.pk, "year": year, "amount": str(amount), "source": source},
    )
    return set_off


@transaction.atomic
def payment_request_check(*, payment: PaymentRequest, by) -> PaymentRequest:
    """Feststellung der sachlichen Richtigkeit by the case worker (VV Nr. 1.1.3 zu § 70 LHO)."""
    payment = _lock_request(payment)
    _require(payment, R.REQUESTED)
    _require_grant_in_force(payment)
    payment.status = R.CHECKED
    payment.checked_by = by
    payment.checked_at = timezone.now()
    payment.save(update_fields=["status", "checked_by", "checked_at", "updated_at"])
    audit_record(action="payment.checked", target=payment, by=by)
    return payment


@transaction.atomic
def payment_request_order(*, payment: PaymentRequest, by) -> PaymentRequest:
    """Zahlungsanordnung by a second person: Hessian VV zu §§ 70–80 LHO Nr. 1.1.3, "An einer
    Anordnung, die zu einer Auszahlung führt, darf nicht nur eine Person allein beteiligt sein"
    (also a database constraint, `payment_four_eyes`)."""
    payment = _lock_request(payment)
    _require(payment, R.CHECKED)
    _require_grant_in_force(payment)
    if payment.checked_by_id == by.pk:
        raise NotAllowed(
            _(
                "Sie haben die sachliche Richtigkeit festgestellt; die Zahlung muss eine andere "
                "Person anordnen (VV zu §§ 70–80 LHO)."
            )
        )
    payment.status = R.ORDERED
    payment.ordered_by = by
    payment.ordered_at = timezone.now()
    payment.save(update_fields=["status", "ordered_by", "ordered_at", "updated_at"])
    audit_record(action="payment.ordered", target=payment, by=by)
    return payment


@transaction.atomic
def payment_request_refuse(*, payment: PaymentRequest, by, reason: str) -> PaymentRequest:
    """Refuse a call-down (before it is ordered); the recipient is told why."""
    if not reason.strip():
        raise DomainError(_("Bitte begründen Sie die Ablehnung."), field="reason")
    payment = _lock_request(payment)
    _require(payment, R.REQUESTED, R.CHECKED)
    payment.status = R.REFUSED
    payment.refused_by = by
    payment.refused_at = timezone.now()
    payment.refusal_reason = reason.strip()
    payment.save(
        update_fields=["status", "refused_by", "refused_at", "refusal_reason", "updated_at"]
    )
    # a refused call-down paid nothing: the set-off it consumed waits for the next one (F2)
    released = SetOff.objects.filter(consumed_by=payment).update(
        consumed_by=None, consumed_at=None, updated_at=timezone.now()
    )
    audit_record(
        action="payment.refused",
        target=payment,
        by=by,
        reason=payment.refusal_reason,
        data={"set_offs_released": released} if released else None,
    )
    application = payment.decision.application
    notify(
        to=_recipient_addresses(payment.decision),
        template="payments/email/refused",
        context={
            "reference": application.reference,
            "number": payment.number,
            "amount": format_eur(payment.amount),
            "reason": payment.refusal_reason,
        },
        about=application.mail_log_key,
    )
    return payment


# --- payment runs ---------------------------------------------------------------------------


def paying_account() -> dict[str, str]:
    """The paying authority's account (setting WIR_PAYING_ACCOUNT), checked with schwifty."""
    account = settings.WIR_PAYING_ACCOUNT
    try:
        iban = IBAN(account["iban"])
        bic = BIC(account["bic"]) if account.get("bic") else iban.bic
    except SchwiftyException as error:
        raise DomainError(
            _("Das Konto der zahlenden Stelle (Einstellung) ist ungültig: %(error)s")
            % {"error": str(error)}
        ) from error
    return {"name": account["name"], "iban": str(iban.compact), "bic": str(bic) if bic else ""}


@dataclass
class Transfer:
    """One credit transfer of a run, before it is written."""

    payment_id: int
    name: str
    iban: str
    bic: str
    masked: str
    amount: Decimal
    remittance: str
    end_to_end_id: str


def _creditor(application) -> dict[str, str]:
    organisation = application.organisation
    reference = application.reference
    try:
        iban = IBAN(organisation.iban or "")
        bic = BIC(organisation.bic) if organisation.bic else iban.bic
    except SchwiftyException as error:
        raise DomainError(
            _("Die Bankverbindung zu %(reference)s ist ungültig: %(error)s")
            % {"reference": reference, "error": str(error)}
        ) from error
    return {
        "name": calldown.sepa_text(organisation.account_holder or organisation.name, 70),
        "iban": str(iban.compact),
        "bic": str(bic) if bic else "",
        "masked": f"{iban.compact[:4]} **** {iban.compact[-4:]}",
    }


def build_sepa_xml(*, message_name: str, execution_date: date, payments: list[Transfer]) -> str:
    """A pain.001.001.09 credit transfer, validated against the XSD shipped in the project
    (wirportal/payments/schemas) before it is offered."""
    from sepaxml import SepaTransfer

    debtor = paying_account()
    config = {
        "name": calldown.sepa_text(debtor["name"], 70),
        "IBAN": debtor["iban"],
        "currency": "EUR",
        "batch": True,
    }
    if debtor["bic"]:
        config["BIC"] = debtor["bic"]
    transfer = SepaTransfer(config, schema=SCHEMA, clean=False)
    transfer.msg_id = message_name
    for item in payments:
        entry = {
            "name": item.name,
            "IBAN": item.iban,
            "amount": int((item.amount * 100).to_integral_exact()),  # cents
            "execution_date": execution_date,
            "description": item.remittance,
            "endtoend_id": item.end_to_end_id,
        }
        if item.bic:
            entry["BIC"] = item.bic
        transfer.add_payment(entry)
    xml = transfer.export(validate=False).decode("utf-8")
    validate_sepa_xml(xml)
    return xml


@functools.cache
def _xsd() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def validate_sepa_xml(xml: str) -> None:
    """Validate against the official ISO 20022 XSD in the project; a broken file is never offered.
    lxml (libxml2) validates 10,000 payments in a fraction of a second (xmlschema took 10 s)."""
    schema = _xsd()
    try:
        document = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as error:
        raise DomainError(
            _("Die SEPA-Datei entspricht nicht dem Schema %(schema)s: %(error)s")
            % {"schema": SCHEMA, "error": str(error)[:200]}
        ) from error
    if not schema.validate(document):
        raise DomainError(
            _("Die SEPA-Datei entspricht nicht dem Schema %(schema)s: %(error)s")
            % {"schema": SCHEMA, "error": str(schema.error_log.last_error)[:200]}
        )


@transaction.atomic
def payment_run_build(*, by, execution_date: date, today: date | None = None) -> PaymentRun:
    """Collect every ordered request of the execution year into one SEPA file.

    The requests are locked (`select_for_update`), each gets exactly one run item (one-to-one)
    and moves from 'ordered' to 'in_run' with a conditional update: a parallel run waits for
    the lock and then finds nothing left; building again takes nothing twice.
    """
    today = today or timezone.localdate()
    if execution_date < today:
        raise DomainError(
            _("Das Ausführungsdatum darf nicht in der Vergangenheit liegen."),
            field="execution_date",
        )
    # a grant revoked after the order pays nothing (§ 49 HVwVfG): its requests stay behind
    candidates = PaymentRequest.objects.filter(
        status=R.ORDERED,
        budget_year=execution_date.year,
        decision__status=DecisionStatus.ACCEPTED,
    ).order_by("pk")
    if not DEBUG_SKIP_LOCK:
        candidates = candidates.select_for_update(of=("self",))
    # plain rows, not 10,000 model instances: a run of 10,000 payments builds in seconds
    taken = list(candidates.values_list("pk", "number", "amount", "set_off", "decision_id"))
    if not taken:
        raise DomainError(
            _("Es gibt keine angeordneten Zahlungen für %(year)s.") % {"year": execution_date.year},
            field="execution_date",
        )
    if DEBUG_SLEEP_AFTER_CHECK:
        time.sleep(DEBUG_SLEEP_AFTER_CHECK)
    grants = GrantDecision.objects.select_related("application__organisation").in_bulk(
        {decision_id for *_rest, decision_id in taken}
    )
    creditors: dict[int, dict[str, str]] = {}
    rows: list[Transfer] = []
    for pk, number, amount, set_off, decision_id in taken:
        application = grants[decision_id].application
        if application.organisation_id not in creditors:
            creditors[application.organisation_id] = _creditor(application)
        creditor = creditors[application.organisation_id]
        rows.append(
            Transfer(
                payment_id=pk,
                name=creditor["name"],
                iban=creditor["iban"],
                bic=creditor["bic"],
                masked=creditor["masked"],
                amount=amount,
                remittance=calldown.remittance_text(
                    application.reference or "", number, set_off=set_off
                ),
                end_to_end_id=f"WIR{pk:010d}R{number:03d}",
            )
        )
    message_id = f"WIR{timezone.now():%Y%m%d%H%M%S}{uuid.uuid4().hex[:12].upper()}"
    xml = build_sepa_xml(message_name=message_id, execution_date=execution_date, payments=rows)
    total = sum((row.amount for row in rows), Decimal(0))
    run = PaymentRun.objects.create(
        message_id=message_id,
        execution_date=execution_date,
        schema=SCHEMA,
        total=total,
        count=len(rows),
        xml=xml,
        sha256=hashlib.sha256(xml.encode("utf-8")).hexdigest(),
        created_by=by,
    )
    # one item per request: the one-to-one is the database's guarantee of one run per request
    PaymentRunItem.objects.bulk_create(
        PaymentRunItem(
            run=run,
            request_id=row.payment_id,
            amount=row.amount,
            end_to_end_id=row.end_to_end_id,
            remittance=row.remittance,
            creditor_name=row.name,
            iban_masked=row.masked,
        )
        for row in rows
    )
    moved = PaymentRequest.objects.filter(run_item__run=run, status=R.ORDERED).update(
        status=R.IN_RUN, updated_at=timezone.now()
    )
    if moved != len(rows):
        raise NotAllowed(_("Die Zahlungen wurden inzwischen einem anderen Zahllauf zugeordnet."))
    audit_record(
        action="payment_run.built",
        target=run,
        by=by,
        data={"count": len(rows), "total": str(total), "sha256": run.sha256},
    )
    return run


@transaction.atomic
def payment_run_record_download(*, run: PaymentRun, by) -> None:
    """The file carries the recipients' IBANs: every download is logged (who, when, which file)."""
    audit_record(action="payment_run.downloaded", target=run, by=by, data={"sha256": run.sha256})


@transaction.atomic
def payment_run_execute(*, run: PaymentRun, by, today: date | None = None) -> PaymentRun:
    """The bank executed the file: every payment moves from committed to paid in the ledger,
    in the year of payment (§ 71 LHO; brief B4), and the recipients are told."""
    runs = PaymentRun.objects.all()
    if not DEBUG_SKIP_LOCK:
        runs = runs.select_for_update()
    run = runs.get(pk=run.pk)
    if run.status != RunStatus.BUILT:
        raise NotAllowed(_("Dieser Zahllauf ist bereits als ausgeführt gebucht."))
    today = today or timezone.localdate()
    paid_on = max(run.execution_date, today) if today.year == run.execution_date.year else None
    if paid_on is None:
        raise DomainError(
            _(
                "Der Zahllauf ist für %(year)s erstellt; er kann nur in diesem Haushaltsjahr "
                "gebucht werden."
            )
            % {"year": run.execution_date.year}
        )
    items = list(
        run.items.select_related(
            "request__decision__application__line",
            "request__decision__application__organisation",
            "request__decision__application__created_by",
        ).order_by("pk")
    )
    for item in items:
        payment = item.request
        budget_book_payment(
            line=payment.decision.application.line,
            year=run.execution_date.year,
            amount=item.amount,
            source_key=payment.decision.source_key,
            by=by,
        )
    PaymentRequest.objects.filter(pk__in=[i.request_id for i in items]).update(
        status=R.PAID, paid_on=paid_on, updated_at=timezone.now()
    )
    run.status = RunStatus.EXECUTED
    run.executed_by = by
    run.executed_at = timezone.now()
    run.save(update_fields=["status", "executed_by", "executed_at", "updated_at"])
    audit_record(
        action="payment_run.executed",
        target=run,
        by=by,
        data={"count": run.count, "total": str(run.total)},
    )
    for item in items:
        decision = item.request.decision
        notify(
            to=_recipient_addresses(decision),
            template="payments/email/paid",
            context={
                "reference": decision.application.reference,
                "number": item.request.number,
                "amount": format_eur(item.amount),
                "paid_on": _date(paid_on),
                "remittance": item.remittance,
            },
            about=decision.application.mail_log_key,
        )
    return run
