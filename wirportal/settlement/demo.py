"""Demo of the settlement through the services: the accepted demo grant with a proof of use that
was submitted, checked and settled with a repayment, and the Rückforderung after the hearing.

Idempotent: nothing happens once a proof of use exists. Needs the grant the payments demo paid
out (the amount paid and the payout day come from that payment); otherwise it does nothing. The
Widerruf takes effect for the past from the payout (§ 49a Abs. 3 HVwVfG, brief D1) and books the
amount to repay as a receivable in the ledger (D5).
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments.models import RequestStatus
from wirportal.payments.selectors import payouts

from . import services
from .models import CheckResult, ProofOfUse


def load() -> str:
    if ProofOfUse.objects.exists():
        return ""
    decision = (
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED, payment_requests__status=RequestStatus.PAID
        )
        .distinct()
        .select_related("application__organisation", "proposed_by")
        .order_by("pk")
        .first()
    )
    if decision is None or decision.amount is None:
        return ""
    paid_out = payouts(decision)
    if not paid_out:
        return ""
    membership = decision.application.organisation.memberships.select_related("user").first()
    if membership is None:
        return ""
    member, case_worker = membership.user, decision.proposed_by
    with transaction.atomic():
        proof = services.proof_start(decision=decision, by=member)
        sources = decision.application.funding_sources.all()
        services.proof_save(
            proof=proof,
            by=member,
            report=(
                "Das Sprachcafé fand an 38 Terminen statt, die Elternberatung an 20 Terminen. "
                "Erreicht wurden 54 Personen, davon 35 Frauen. Zwei Termine fielen wegen "
                "Krankheit der Kursleitung aus; die Honorare waren entsprechend niedriger."
            ),
            participants=54,
            own_funds=sum((s.amount or Decimal(0) for s in sources), Decimal(0)),
            third_party_funds=Decimal(0),
            lines={
                row.pk: (
                    (row.planned * Decimal("0.95")).quantize(Decimal("0.01")),
                    row.units_planned,
                )
                for row in proof.cost_lines.all()
            },
        )
        services.proof_submit(proof=proof, by=member)
        services.proof_check(proof=proof, by=case_worker, result=CheckResult.PASSED)
        proof = services.proof_settle(proof=proof, by=case_worker)
        if not proof.repayment:
            return "1 Verwendungsnachweis abgerechnet"
        today = timezone.localdate()
        recovery = services.recovery_open(
            decision=decision,
            by=case_worker,
            proof=proof,
            principal=proof.repayment,
            reason="Die zuwendungsfähigen Ausgaben waren niedriger als geplant (ANBest-P Nr. 2.1).",
            effective_from=paid_out[0][0],  # Widerruf for the past: from the payout (D1)
            facts_known_on=today - timedelta(days=40),
            hearing_posted_on=today - timedelta(days=35),
        )
        services.recovery_revoke(
            recovery=recovery, by=case_worker, statement="Keine Einwände des Trägers."
        )
    return "1 Verwendungsnachweis abgerechnet, 1 Rückforderung nach Anhörung widerrufen"
