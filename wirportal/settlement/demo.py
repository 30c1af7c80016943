"""Demo of the settlement through the services, one grant in each stage after the payments demo:

- the accepted 2027 grant, paid in full: proof of use submitted, checked and settled with an
  amount to repay; the Rückforderung after the hearing (interest waived with a reason, D4), the
  repayment booked and the file closed (Abschluss der Förderakte);
- "Interkulturelle Elternwerkstatt 2026", paid in March 2026: proof of use submitted, waiting
  for the case worker's check;
- "Mehrsprachige Nachbarschaftslotsen 2026", paid in March 2026: part of the grant revoked for
  the past after the hearing (§ 49 Abs. 3 HVwVfG), with § 49a interest from the payout (D1);
  the receivable is open in the ledger (D5).

Idempotent: nothing happens once a proof of use exists. Needs the grants the payments demo paid
out (the amounts and payout days come from those payments); a grant that is missing is left out.
The interest needs the Basiszinssatz of every half-year up to today: half-years the table does
not have yet are added as demo values (marked as such in their source), never overwritten.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wirportal.accounts.models import User
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments.models import RequestStatus
from wirportal.payments.selectors import payouts

from . import services
from .models import BaseRate, CheckResult, ProofOfUse

CASE_WORKER = "rp.sachbearbeitung@wir-demo.de"
SUBMITTED_TITLE = "Interkulturelle Elternwerkstatt 2026"
REVOKED_TITLE = "Mehrsprachige Nachbarschaftslotsen 2026"
#: a demo value for half-years after the last rate on record (not the Bundesbank's figure)
DEMO_BASE_RATE = Decimal("1.27")


def _paid_grants():
    return (
        GrantDecision.objects.filter(
            status=DecisionStatus.ACCEPTED, payment_requests__status=RequestStatus.PAID
        )
        .distinct()
        .select_related("application__organisation", "proposed_by")
        .order_by("pk")
    )


def _member(decision):
    membership = decision.application.organisation.memberships.select_related("user").first()
    return membership.user if membership is not None else None


def _demo_base_rates(today: date) -> int:
    """Half-years from the last rate on record up to today that have no Basiszinssatz yet."""
    last = BaseRate.objects.order_by("-effective_from").first()
    if last is None:
        return 0
    added = 0
    day = last.effective_from
    while True:
        day = date(day.year, 7, 1) if day.month == 1 else date(day.year + 1, 1, 1)
        if day > today:
            return added
        _, created = BaseRate.objects.get_or_create(
            effective_from=day,
            defaults={
                "rate": DEMO_BASE_RATE,
                "source": "Demowert, nicht amtlich: bitte den Wert der Deutschen Bundesbank "
                "eintragen",
            },
        )
        added += created


def _fill(proof, member, *, share: str, report: str, participants: int) -> None:
    sources = proof.decision.application.funding_sources.all()
    services.proof_save(
        proof=proof,
        by=member,
        report=report,
        participants=participants,
        own_funds=sum((s.amount or Decimal(0) for s in sources), Decimal(0)),
        third_party_funds=Decimal(0),
        lines={
            row.pk: ((row.planned * Decimal(share)).quantize(Decimal("0.01")), row.units_planned)
            for row in proof.cost_lines.all()
        },
    )


def _settled_repaid_closed(decision, case_worker, today: date) -> list[str]:
    """Settled with a repayment, the repayment booked, the file closed."""
    member = _member(decision)
    paid_out = payouts(decision)
    if member is None or not paid_out:
        return []
    proof = services.proof_start(decision=decision, by=member)
    _fill(
        proof,
        member,
        share="0.95",
        report=(
            "Das Sprachcafé fand an 38 Terminen statt, die Elternberatung an 20 Terminen. "
            "Erreicht wurden 54 Personen, davon 35 Frauen. Zwei Termine fielen wegen "
            "Krankheit der Kursleitung aus; die Honorare waren entsprechend niedriger."
        ),
        participants=54,
    )
    services.proof_submit(proof=proof, by=member)
    services.proof_check(proof=proof, by=case_worker, result=CheckResult.PASSED)
    proof = services.proof_settle(proof=proof, by=case_worker)
    if not proof.repayment:
        return ["1 Verwendungsnachweis abgerechnet"]
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
    recovery = services.recovery_revoke(
        recovery=recovery,
        by=case_worker,
        statement="Keine Einwände des Trägers; die Minderausgaben hat er selbst angezeigt.",
        waive_interest=True,
        waiver_reason="Der Träger hat die Minderausgaben selbst angezeigt und erstattet sofort "
        "(Ermessen, § 49a Abs. 3 Satz 2 HVwVfG).",
    )
    services.repayment_book(
        recovery=recovery,
        by=case_worker,
        received_on=today,
        amount=recovery.principal,
        reference=f"{decision.application.reference} Erstattung",
    )
    services.grant_close(decision=decision, by=case_worker)
    return ["1 Verwendungsnachweis abgerechnet, Erstattung gebucht, Förderakte abgeschlossen"]


def _submitted(decision) -> list[str]:
    member = _member(decision)
    if member is None:
        return []
    proof = services.proof_start(decision=decision, by=member)
    _fill(
        proof,
        member,
        share="1",
        report=(
            "Zwölf Elternwerkstätten mit 86 Teilnehmenden aus elf Herkunftsländern, davon 61 "
            "Frauen; Sprachmittlung in Arabisch, Dari, Türkisch und Ukrainisch."
        ),
        participants=86,
    )
    services.proof_submit(proof=proof, by=member)
    return ["1 Verwendungsnachweis eingereicht"]


def _revoked_with_interest(decision, case_worker, today: date) -> list[str]:
    paid_out = payouts(decision)
    if not paid_out:
        return []
    recovery = services.recovery_open(
        decision=decision,
        by=case_worker,
        principal=Decimal("2000.00"),
        reason=(
            "Bei der Vor-Ort-Prüfung zeigte sich, dass die Lotsenschulung im Herbst nicht "
            "stattfand; die dafür ausgezahlten 2.000,00 € wurden nicht für den Zuwendungszweck "
            "verwendet (§ 49 Abs. 3 Satz 1 Nr. 1 HVwVfG)."
        ),
        effective_from=paid_out[0][0],  # for the past: from the payout, interest from then (D1)
        facts_known_on=today - timedelta(days=40),
        hearing_posted_on=today - timedelta(days=35),
    )
    services.recovery_revoke(
        recovery=recovery, by=case_worker, statement="Die Schulung wird 2027 nachgeholt."
    )
    return ["1 Teilwiderruf mit Zinsen (§ 49a HVwVfG)"]


def load() -> str:
    if ProofOfUse.objects.exists():
        return ""
    grants = list(_paid_grants())
    case_worker = User.objects.filter(email=CASE_WORKER).first()
    if not grants or case_worker is None:
        return ""
    today = timezone.localdate()
    done: list[str] = []
    with transaction.atomic():
        rates = _demo_base_rates(today)
        for decision in grants:
            title = decision.application.title
            if title == SUBMITTED_TITLE:
                done += _submitted(decision)
            elif title == REVOKED_TITLE:
                done += _revoked_with_interest(decision, case_worker, today)
            elif "2027" in (decision.year_amounts or {}) and len(decision.year_amounts) == 1:
                done += _settled_repaid_closed(decision, case_worker, today)
        if rates:
            done.append(f"{rates} Basiszinssätze als Demowerte")
    return ", ".join(done)
