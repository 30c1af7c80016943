"""Demo of money out through the services: an accepted grant is called down by the recipient,
checked by the case worker (sachlich richtig), ordered by a second person (VV zu §§ 70–80 LHO)
and paid in an executed SEPA payment run, booked in the ledger in the year of payment (B4):

- the Sprachcafé grant (2027) in full, in February 2027; the settlement demo settles it against
  this payment and reclaims what was paid above the final grant;
- the first 60,000 of the Vielfaltszentrum Bad Homburg (F1, 120,000 for 2026), in March 2026.

Idempotent: nothing happens once a call-down exists. Needs the decisions demo; otherwise it does
nothing. The services take the day as an argument, so the dates are those of the grants."""

import uuid
from datetime import date
from decimal import Decimal

from django.db import transaction

from wirportal.accounts.models import User
from wirportal.decisions.models import DecisionStatus, GrantDecision

from . import services
from .models import PaymentRequest
from .selectors import eligible_costs

CASE_WORKER = "rp.sachbearbeitung@wir-demo.de"
SECOND_PERSON = "rp.freigabe@wir-demo.de"
REQUESTED_ON = date(2027, 2, 1)
NEEDED_ON = date(2027, 2, 15)
EXECUTED_ON = date(2027, 2, 3)


def _pay(decision, *, checker, orderer, amount, requested_on, needed_on, executed_on) -> bool:
    membership = decision.application.organisation.memberships.select_related("user").first()
    if membership is None:
        return False
    payment = services.payment_request_create(
        decision=decision,
        by=membership.user,
        amount=amount,
        needed_on=needed_on,
        # Anteil/Fehlbedarf: pro rata; the whole plan falls due → the whole grant (B2)
        due_expenses=eligible_costs(decision),
        token=uuid.uuid4(),
        today=requested_on,
    )
    services.payment_request_check(payment=payment, by=checker)
    services.payment_request_order(payment=payment, by=orderer)
    run = services.payment_run_build(by=orderer, execution_date=executed_on, today=requested_on)
    services.payment_run_execute(run=run, by=checker, today=executed_on)
    return True


def load() -> str:
    if PaymentRequest.objects.exists():
        return ""
    checker = User.objects.filter(email=CASE_WORKER).first()
    orderer = User.objects.filter(email=SECOND_PERSON).first()
    if checker is None or orderer is None:
        return ""
    accepted = GrantDecision.objects.filter(
        status=DecisionStatus.ACCEPTED, amount__isnull=False
    ).select_related("application__organisation", "application__line")
    made = []
    with transaction.atomic():
        sprachcafe = (
            accepted.filter(year_amounts__has_key="2027")
            .exclude(year_amounts__has_key="2026")
            .order_by("pk")
            .first()
        )
        if sprachcafe is not None and _pay(
            sprachcafe,
            checker=checker,
            orderer=orderer,
            amount=sprachcafe.amount,
            requested_on=REQUESTED_ON,
            needed_on=NEEDED_ON,
            executed_on=EXECUTED_ON,
        ):
            made.append(sprachcafe.application.reference)
        multi = accepted.filter(year_amounts__has_key="2026").order_by("pk").first()
        if multi is not None and _pay(
            multi,
            checker=checker,
            orderer=orderer,
            amount=Decimal("60000.00"),
            requested_on=date(2026, 3, 23),
            needed_on=date(2026, 4, 1),
            executed_on=date(2026, 3, 25),
        ):
            made.append(multi.application.reference)
    if not made:
        return ""
    return (
        f"{len(made)} Mittelabrufe geprüft, von einer zweiten Person angeordnet und im Zahllauf "
        "ausgezahlt"
    )
