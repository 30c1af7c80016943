"""The written letters of a Rückforderung (pure reads; rendering only, no writes):

- the Anhörungsschreiben before a Widerruf (§ 28 Abs. 1 HVwVfG): facts, amount, the intended
  Widerruf and Erstattung, and the deadline to comment (two weeks after Bekanntgabe, brief D6);
- the Widerrufs- und Erstattungsbescheid (§ 49 Abs. 3, § 49a Abs. 1 and 3 HVwVfG): the Widerruf
  (full or partial, for the past or the future), the amount to repay, the interest with its
  computation, the payment deadline, the authority's account and remittance reference, the reasons
  (the one-year limit of § 49 Abs. 3 Satz 2 with § 48 Abs. 4 HVwVfG included) and the
  Rechtsbehelfsbelehrung naming the administrative court of the recipient's seat
  (§ 52 Nr. 3 VwGO, `decisions.services.competent_court`), like the Zuwendungsbescheid.

Both are rendered before the write transaction of `services.recovery_open`/`recovery_revoke`
(no PDF rendering under row locks) and stored there.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from schwifty import IBAN

from wirportal.core.dates import acceptance_deadline_after, bekanntgabe_by_post
from wirportal.core.exceptions import DomainError
from wirportal.core.money import to_money
from wirportal.decisions.models import GrantDecision
from wirportal.decisions.services import letter_common
from wirportal.documents.pdf import render_pdf

from . import interest
from .deadlines import revocation_deadline
from .models import Recovery
from .selectors import base_rates

HEARING_TEMPLATE = "documents/hearing_letter.html"
REVOCATION_TEMPLATE = "documents/revocation_letter.html"
HEARING_KIND = "anhoerung"
REVOCATION_KIND = "widerrufsbescheid"


@dataclass(frozen=True)
class HearingFacts:
    """What the hearing letter needs before the Recovery row exists."""

    decision: GrantDecision
    principal: Decimal
    in_full: bool
    reason: str
    effective_from: date
    facts_known_on: date
    posted_on: date
    bekanntgabe_on: date
    deadline: date


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in (text or "").split("\n\n") if p.strip()]


def _common(decision: GrantDecision, *, issued: date) -> dict[str, Any]:
    context = letter_common(decision, issued=issued)
    context["decision_date"] = (
        decision.issued_at.date() if decision.issued_at else None  # the Zuwendungsbescheid
    )
    context["granted"] = decision.amount
    return context


def hearing_letter_context(facts: HearingFacts, *, by) -> dict[str, Any]:
    """Plain data for `documents/hearing_letter.html` (Anhörung, § 28 Abs. 1 HVwVfG)."""
    decision = facts.decision
    context = _common(decision, issued=facts.posted_on)
    context.update(
        {
            "contact_name": (by.get_full_name() or by.email) if by else context["contact_name"],
            "contact_email": by.email if by else context["contact_email"],
            "signatory_name": (by.get_full_name() or by.email) if by else "",
            "signatory_title": "Bewilligungsbehörde",
            "principal": to_money(facts.principal),
            "full": facts.in_full,
            "past": facts.effective_from <= facts.posted_on,
            "effective_from": facts.effective_from,
            "reasons": _paragraphs(facts.reason),
            "bekanntgabe_on": facts.bekanntgabe_on,
            "hearing_deadline": facts.deadline,
        }
    )
    return context


def render_hearing_letter(facts: HearingFacts, *, by) -> bytes:
    return render_pdf(HEARING_TEMPLATE, hearing_letter_context(facts, by=by))


#: The payment deadline set in the Erstattungsbescheid: one month after its Bekanntgabe
#: (practice of the granting authorities; § 49a Abs. 1 Satz 2 HVwVfG leaves the date to the
#: Bescheid; verify HE), counted like every deadline from a Bekanntgabe (§ 31 HVwVfG).
def payment_due(issued: date) -> date:
    return acceptance_deadline_after(bekanntgabe_by_post(issued))


def revocation_letter_context(
    recovery: Recovery, *, by, issued: date, waive_interest: bool, waiver_reason: str
) -> dict[str, Any]:
    """Plain data for `documents/revocation_letter.html` (Widerrufs- und Erstattungsbescheid).

    Interest (§ 49a Abs. 3 Satz 1 HVwVfG, brief D1): from the day the grant became ineffective
    at 5 points above the Basiszinssatz. If the principal was repaid in full by the letter date,
    the interest is final and the table shows it (D1: 800.00 paid 03.03.2025, back 30.09.2025 →
    31.60); otherwise it keeps running and the table shows the interest up to the letter date."""
    from wirportal.payments.services import paying_account

    decision = recovery.decision
    application = decision.application
    context = _common(decision, issued=issued)
    repayments = [
        (r.received_on, r.amount) for r in recovery.repayments.all() if r.received_on <= issued
    ]
    repaid = to_money(sum((amount for _day, amount in repayments), Decimal(0)))
    principal = to_money(recovery.principal)
    settled = repaid >= principal
    computation = None
    if not waive_interest:
        end = max(day for day, _amount in repayments) if settled else issued
        try:
            computation = interest.compute_interest(
                principal=principal,
                start=recovery.effective_from,
                end=end,
                base_rates=base_rates(),
                repayments=repayments,
            )
        except DomainError:
            # a half-year without a Basiszinssatz on record: the letter states the rule only and
            # the amount follows once the rate is entered (never a guessed rate)
            computation = None
    interest_amount = computation.amount if computation else Decimal("0.00")
    account = paying_account()
    context.update(
        {
            "contact_name": (by.get_full_name() or by.email) if by else context["contact_name"],
            "contact_email": by.email if by else context["contact_email"],
            "signatory_name": (by.get_full_name() or by.email) if by else "",
            "signatory_title": "Bewilligungsbehörde",
            "principal": principal,
            "full": recovery.in_full,
            "remaining_grant": to_money(
                max((decision.amount or Decimal(0)) - principal, Decimal(0))
            ),
            "past": recovery.effective_from <= issued,
            "effective_from": recovery.effective_from,
            "reasons": _paragraphs(recovery.reason),
            "hearing_bekanntgabe_on": recovery.hearing_bekanntgabe_on,
            "hearing_deadline": recovery.hearing_deadline,
            "statement": _paragraphs(recovery.statement),
            "facts_known_on": recovery.facts_known_on,
            "revocation_deadline": revocation_deadline(recovery.facts_known_on),
            "interest_waived": waive_interest,
            "waiver_reason": " ".join((waiver_reason or "").split()),
            "interest_periods": computation.periods if computation else [],
            "interest_amount": interest_amount,
            "interest_known": computation is not None,
            "interest_final": settled and computation is not None,
            "interest_until": (
                max(day for day, _amount in repayments) if settled and repayments else issued
            ),
            "repaid": repaid,
            "principal_open": to_money(max(principal - repaid, Decimal(0))),
            "total_due": to_money(max(principal - repaid, Decimal(0)) + interest_amount),
            "payment_due": payment_due(issued),
            "account_name": account["name"],
            "account_iban": IBAN(account["iban"]).formatted,  # groups of four (schwifty)
            "account_bic": account["bic"],
            "remittance": f"{application.reference} Erstattung",
        }
    )
    return context


def render_revocation_letter(
    recovery: Recovery, *, by, issued: date, waive_interest: bool, waiver_reason: str
) -> bytes:
    return render_pdf(
        REVOCATION_TEMPLATE,
        revocation_letter_context(
            recovery,
            by=by,
            issued=issued,
            waive_interest=waive_interest,
            waiver_reason=waiver_reason,
        ),
    )
