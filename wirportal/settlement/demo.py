"""Demo of the settlement through the services, one grant in each stage after the payments demo:

- the accepted 2027 grant, paid in full: proof of use submitted, checked and settled with an
  amount to repay; the Rückforderung after the hearing (interest waived with a reason, D4), the
  repayment booked and the file closed (Abschluss der Förderakte);
- "Interkulturelle Elternwerkstatt 2026", paid in March 2026: proof of use submitted, waiting
  for the case worker's check;
- "Mehrsprachige Nachbarschaftslotsen 2026", paid in March 2026: part of the grant revoked for
  the past after the hearing (§ 49 Abs. 3 HVwVfG), with § 49a interest from the payout (D1);
  the receivable is open in the ledger (D5);
- two two-year grants of the innovation call (2026–2027, 11,000 a year), the 2026 amount paid in
  March 2026, with the interim proof of use for 2026 (Zwischennachweis, brief F2): for
  "Sprachbrücken im Quartier 2026–2027" submitted and waiting for the case worker's check
  (9,000 of 11,000 spent: confirming it sets 2,000 off against the 2027 payment); for
  "Digitale Teilhabe im Quartier 2026–2027" checked with 2,000 set off, the 2027 call-down of
  11,000 paid as 9,000 with the set-off (`payments.services.set_off_register`).

Idempotent: nothing happens once a proof of use exists (the interim grants: once they exist). Needs the grants the payments demo paid
out (the amounts and payout days come from those payments); a grant that is missing is left out.
The interest needs the Basiszinssatz of every half-year up to today: half-years the table does
not have yet are added as demo values (marked as such in their source), never overwritten.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wirportal.accounts.models import User
from wirportal.applications.models import Application
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.payments.models import RequestStatus
from wirportal.payments.selectors import payouts

from . import services
from .models import BaseRate, CheckResult, ProofOfUse

CASE_WORKER = "rp.sachbearbeitung@wir-demo.de"
SECOND_PERSON = "rp.freigabe@wir-demo.de"
REVIEWER = "gutachten@wir-demo.de"
#: the two-year grants with an interim proof for 2026 (brief F2): (title, organisation)
INTERIM_WAITING = ("Sprachbrücken im Quartier 2026–2027", "Caritasverband Offenbach/Main e. V.")
INTERIM_SET_OFF = (
    "Digitale Teilhabe im Quartier 2026–2027",
    "Interkultureller Verein Nordhessen e. V.",
)
INTERIM_COSTS, INTERIM_OWN = Decimal("24000.00"), Decimal("2000.00")  # 22,000: 11,000 a year
INTERIM_SPENT = Decimal("9000.00")  # of the 11,000 paid for 2026: 2,000 unspent
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


def _interim_grant(title: str, organisation: str, users):
    """A two-year grant (2026–2027) with its 2026 amount paid in March 2026."""
    from wirportal.payments import demo as payments_demo

    decision = payments_demo._grant_2026(
        title, organisation, INTERIM_COSTS, INTERIM_OWN, users, period_end=date(2027, 6, 30)
    )
    if decision is None or not payments_demo._pay(
        decision,
        checker=users["checker"],
        orderer=users["orderer"],
        amount=Decimal(decision.year_amounts["2026"]),
        requested_on=date(2026, 3, 2),
        needed_on=date(2026, 3, 16),
        executed_on=date(2026, 3, 4),
    ):
        return None
    return decision


def _interim_submitted(decision, member, report: str) -> ProofOfUse:
    """The interim proof of use for 2026, submitted by the recipient: 10,000 spent on the plan's
    items, 1,000 of it own funds, so 9,000 of the grant's 11,000 for 2026 (brief F2)."""
    proof = services.proof_start(decision=decision, by=member, year=2026)
    services.proof_save(
        proof=proof,
        by=member,
        report=report,
        participants=48,
        own_funds=Decimal("1000.00"),
        third_party_funds=Decimal(0),
        lines={
            row.pk: (
                (INTERIM_SPENT + Decimal("1000.00")) if index == 0 else Decimal(0),
                row.units_planned,
            )
            for index, row in enumerate(proof.cost_lines.order_by("position", "pk"))
        },
    )
    return services.proof_submit(proof=proof, by=member)


def _interim(case_worker) -> list[str]:
    """The interim proofs of use (Zwischennachweis, brief F2): one waiting for the check, one
    checked with its unspent money set off against the 2027 call-down (paid in January 2027)."""
    from wirportal.payments import demo as payments_demo

    if Application.objects.filter(title=INTERIM_WAITING[0]).exists():
        return []
    orderer = User.objects.filter(email=SECOND_PERSON).first()
    reviewer = User.objects.filter(email=REVIEWER).first()
    if orderer is None or reviewer is None:
        return []
    users = {"checker": case_worker, "orderer": orderer, "reviewer": reviewer}
    done: list[str] = []
    waiting = _interim_grant(*INTERIM_WAITING, users)
    member = _member(waiting) if waiting is not None else None
    if member is not None:
        _interim_submitted(
            waiting,
            member,
            "Acht Sprachbrücken-Treffen 2026 mit 48 Teilnehmenden; zwei Treffen im Dezember "
            "fielen aus und werden 2027 nachgeholt, die Honorare dafür wurden nicht ausgegeben.",
        )
        done.append("1 Zwischennachweis 2026 eingereicht (Verrechnung zu prüfen)")
    applied = _interim_grant(*INTERIM_SET_OFF, users)
    member = _member(applied) if applied is not None else None
    if member is not None:
        proof = _interim_submitted(
            applied,
            member,
            "Zehn Kurse zur digitalen Teilhabe 2026 mit 48 Teilnehmenden; die Leihgeräte wurden "
            "günstiger beschafft als geplant.",
        )
        services.proof_check(
            proof=proof, by=case_worker, result=CheckResult.PASSED, spent=INTERIM_SPENT
        )
        # the 2027 call-down of the whole yearly amount: the set-off is deducted from it
        payments_demo._pay(
            applied,
            checker=case_worker,
            orderer=orderer,
            amount=Decimal(applied.year_amounts["2027"]),
            requested_on=date(2027, 1, 11),
            needed_on=date(2027, 1, 25),
            executed_on=date(2027, 1, 13),
        )
        done.append("1 Zwischennachweis 2026 geprüft, nicht verbrauchte Mittel verrechnet")
    return done


def load() -> str:
    case_worker = User.objects.filter(email=CASE_WORKER).first()
    if case_worker is None:
        return ""
    if ProofOfUse.objects.exists():
        with transaction.atomic():
            return ", ".join(_interim(case_worker))
    grants = list(_paid_grants())
    if not grants:
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
        done += _interim(case_worker)
        if rates:
            done.append(f"{rates} Basiszinssätze als Demowerte")
    return ", ".join(done)
