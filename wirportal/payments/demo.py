"""Demo of money out through the services: the accepted demo grant (Sprachcafé, 2027) is called
down by the recipient, checked by the case worker (sachlich richtig), ordered by a second person
(VV zu §§ 70–80 LHO) and paid in an executed SEPA payment run, booked in the ledger in 2027.
The settlement demo then settles it against this payment.

Idempotent: nothing happens once a call-down exists. Needs the decisions demo; otherwise it does
nothing. The grant is for 2027, so the call-down and the run are dated in February 2027 (the
services take the day as an argument)."""

import uuid
from datetime import date

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


def load() -> str:
    if PaymentRequest.objects.exists():
        return ""
    decision = (
        GrantDecision.objects.filter(status=DecisionStatus.ACCEPTED, year_amounts__has_key="2027")
        .select_related("application__organisation", "application__line")
        .order_by("pk")
        .first()
    )
    checker = User.objects.filter(email=CASE_WORKER).first()
    orderer = User.objects.filter(email=SECOND_PERSON).first()
    if decision is None or decision.amount is None or checker is None or orderer is None:
        return ""
    membership = decision.application.organisation.memberships.select_related("user").first()
    if membership is None:
        return ""
    with transaction.atomic():
        payment = services.payment_request_create(
            decision=decision,
            by=membership.user,
            amount=decision.amount,
            needed_on=NEEDED_ON,
            # Anteil/Fehlbedarf: pro rata; the whole plan falls due → the whole grant (B2)
            due_expenses=eligible_costs(decision),
            token=uuid.uuid4(),
            today=REQUESTED_ON,
        )
        services.payment_request_check(payment=payment, by=checker)
        services.payment_request_order(payment=payment, by=orderer)
        run = services.payment_run_build(by=orderer, execution_date=EXECUTED_ON, today=REQUESTED_ON)
        services.payment_run_execute(run=run, by=checker, today=EXECUTED_ON)
    return "1 Mittelabruf geprüft, von einer zweiten Person angeordnet und im Zahllauf ausgezahlt"
