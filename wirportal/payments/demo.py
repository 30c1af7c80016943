"""Demo of money out through the services: accepted grants are called down by the recipient,
checked by the case worker (sachlich richtig), ordered by a second person (VV zu §§ 70–80 LHO)
and paid in an executed SEPA payment run, booked in the ledger in the year of payment (B4):

- the accepted 2027 grant of the decisions demo in full, in February 2027; the settlement demo
  settles it against this payment, books the repayment and closes the file;
- the Vielfaltszentrum Bad Homburg (F1, 120,000 for 2026): the first 60,000 paid in March 2026,
  the second 60,000 called down in November 2026 and waiting for the case worker's check
  (the stage "called down");
- two grants of the 2026 innovation call (closed in 2025), decided in February and paid in March
  2026 through the decisions and payments services with the days of then: the settlement demo
  gives one a submitted proof of use and revokes part of the other with § 49a interest from
  the payout (a payout in the past, so the interest has run).

Idempotent: nothing happens once a call-down exists. Needs the decisions demo; otherwise it does
nothing. The services take the day as an argument, so the dates are those of the grants."""

import contextlib
import uuid
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wirportal.accounts.models import User
from wirportal.core.exceptions import DomainError
from wirportal.decisions.models import DecisionStatus, GrantDecision

from . import services
from .models import PaymentRequest
from .selectors import eligible_costs

CASE_WORKER = "rp.sachbearbeitung@wir-demo.de"
SECOND_PERSON = "rp.freigabe@wir-demo.de"
REVIEWER = "gutachten@wir-demo.de"
REQUESTED_ON = date(2027, 2, 1)
NEEDED_ON = date(2027, 2, 15)
EXECUTED_ON = date(2027, 2, 3)
#: the two 2026 grants of the innovation call: (title, organisation, costs, own funds)
GRANTS_2026 = [
    (
        "Interkulturelle Elternwerkstatt 2026",
        "Caritasverband Offenbach/Main e. V.",
        Decimal("9000.00"),
        Decimal("1000.00"),
    ),
    (
        "Mehrsprachige Nachbarschaftslotsen 2026",
        "Interkultureller Verein Nordhessen e. V.",
        Decimal("7000.00"),
        Decimal("1000.00"),
    ),
]


def _member(decision):
    membership = decision.application.organisation.memberships.select_related("user").first()
    return membership.user if membership is not None else None


def _request(decision, *, amount, requested_on, needed_on):
    member = _member(decision)
    if member is None:
        return None
    return services.payment_request_create(
        decision=decision,
        by=member,
        amount=amount,
        needed_on=needed_on,
        # Anteil/Fehlbedarf: pro rata; the whole plan falls due → the whole grant (B2)
        due_expenses=eligible_costs(decision),
        token=uuid.uuid4(),
        today=requested_on,
    )


def _pay(decision, *, checker, orderer, amount, requested_on, needed_on, executed_on) -> bool:
    payment = _request(decision, amount=amount, requested_on=requested_on, needed_on=needed_on)
    if payment is None:
        return False
    services.payment_request_check(payment=payment, by=checker)
    services.payment_request_order(payment=payment, by=orderer)
    run = services.payment_run_build(by=orderer, execution_date=executed_on, today=requested_on)
    services.payment_run_execute(run=run, by=checker, today=executed_on)
    return True


def _grant_2026(
    title: str,
    organisation_name: str,
    costs: Decimal,
    own: Decimal,
    users,
    *,
    period_end: date = date(2026, 10, 31),
):
    """A Fehlbedarf grant of the 2026 innovation call, applied for in December 2025 (the call is
    closed now: the application is made as it was then, like the decisions demo's Vielfaltszentrum),
    reviewed, proposed, approved by a second person, issued and accepted in February 2026. With a
    `period_end` in 2027 it is a two-year grant (the settlement demo's interim proofs, brief F2):
    the yearly amounts split evenly, 2027 bound against the line's 2027 Ansatz."""
    from django.core.files.base import ContentFile

    from wirportal.applications import services as application_services
    from wirportal.applications.models import (
        Application,
        CostCategory,
        CostItem,
        FundingSource,
        FundingSourceKind,
    )
    from wirportal.decisions import services as decision_services
    from wirportal.decisions.demo import _pdf, _review
    from wirportal.decisions.models import Outcome
    from wirportal.documents.validation import validate_upload
    from wirportal.offices.models import Organisation
    from wirportal.programmes.models import Call

    organisation = Organisation.objects.filter(name=organisation_name).first()
    call = Call.objects.filter(line__code="innovation", first_year=2026, last_year=2026).first()
    if organisation is None or call is None:
        return None
    member = organisation.memberships.select_related("user").first()
    if member is None:
        return None
    line = call.line
    application = Application.objects.create(
        organisation=organisation,
        call=call,
        line=line,
        created_by=member.user,
        title=title,
        summary="Werkstattreihe mit Eltern aus zwölf Herkunftsländern: Schule, Ausbildung, "
        "Beratung; mit Sprachmittlung und Kinderbetreuung.",
        goals="Mehr Teilhabe von Familien mit Einwanderungsgeschichte.",
        target_groups=["familien", "neuzugewanderte"],
        period_start=date(2026, 3, 1),
        period_end=period_end,
        participants_planned=80,
        not_started_declared=True,
        requested_amount=costs - own,
    )
    application.reference = f"WIR-2026-{application.pk:06d}"
    application.save(update_fields=["reference"])
    CostItem.objects.create(
        application=application,
        category=CostCategory.FEES,
        description="Honorare Werkstattleitung und Sprachmittlung",
        amount=costs,
    )
    FundingSource.objects.create(
        application=application, kind=FundingSourceKind.OWN, name="Eigenmittel", amount=own
    )
    for label in line.required_attachments or []:
        upload = validate_upload(ContentFile(_pdf(label), name=f"{label}.pdf"), allowed=("pdf",))
        application_services.attachment_add(
            application=application, upload=upload, label=label, by=member.user
        )
    application.submit()
    application.submitted_at = timezone.make_aware(datetime(2025, 12, 10, 10, 0))
    application.save()
    _review(application, case_worker=users["checker"], reviewer=users["reviewer"], points=4)
    decision = decision_services.decision_propose(
        application=application,
        by=users["checker"],
        outcome=Outcome.APPROVE,
        today=date(2026, 2, 2),
    )
    decision = decision_services.decision_approve(
        decision=decision, by=users["orderer"], today=date(2026, 2, 4)
    )
    decision = decision_services.decision_issue(
        decision=decision, by=users["checker"], today=date(2026, 2, 5)
    )
    with contextlib.suppress(DomainError):  # no bank details stored: stays 'issued'
        decision = decision_services.decision_accept(
            decision=decision, by=member.user, bank_details_confirmed=True, today=date(2026, 2, 16)
        )
    return decision if decision.status == DecisionStatus.ACCEPTED else None


def load() -> str:
    if PaymentRequest.objects.exists():
        return ""
    checker = User.objects.filter(email=CASE_WORKER).first()
    orderer = User.objects.filter(email=SECOND_PERSON).first()
    reviewer = User.objects.filter(email=REVIEWER).first()
    if checker is None or orderer is None:
        return ""
    accepted = GrantDecision.objects.filter(
        status=DecisionStatus.ACCEPTED, amount__isnull=False
    ).select_related("application__organisation", "application__line")
    made, called = [], []
    with transaction.atomic():
        single = (
            accepted.filter(year_amounts__has_key="2027")
            .exclude(year_amounts__has_key="2026")
            .order_by("pk")
            .first()
        )
        if single is not None and _pay(
            single,
            checker=checker,
            orderer=orderer,
            amount=single.amount,
            requested_on=REQUESTED_ON,
            needed_on=NEEDED_ON,
            executed_on=EXECUTED_ON,
        ):
            made.append(single.application.reference)
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
            # the second half of 2026, called down and waiting for the check
            if _request(
                multi,
                amount=Decimal("60000.00"),
                requested_on=date(2026, 11, 16),
                needed_on=date(2026, 12, 1),
            ):
                called.append(multi.application.reference)
        if reviewer is not None:
            users = {"checker": checker, "orderer": orderer, "reviewer": reviewer}
            for title, organisation, costs, own in GRANTS_2026:
                grant = _grant_2026(title, organisation, costs, own, users)
                if grant is not None and _pay(
                    grant,
                    checker=checker,
                    orderer=orderer,
                    amount=grant.amount,
                    requested_on=date(2026, 3, 2),
                    needed_on=date(2026, 3, 16),
                    executed_on=date(2026, 3, 4),
                ):
                    made.append(grant.application.reference)
    if not made:
        return ""
    return (
        f"{len(made)} Mittelabrufe geprüft, von einer zweiten Person angeordnet und im Zahllauf "
        f"ausgezahlt, {len(called)} Mittelabruf zur Prüfung"
    )
