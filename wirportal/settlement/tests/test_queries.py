"""The case worker's check page of a submitted proof of use needs the same number of queries with
ten times the receipts, and ten times the call-downs and payments of the decision."""

import uuid
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.core.testing import assert_constant_queries
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.settlement import services
from wirportal.settlement.models import ProofReceipt, ProofStatus

from .factories import accepted_decision
from .test_services import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world):
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def _receipts_and_payments(proof, applicant, each: int) -> None:
    """`each` receipts and `each` paid call-downs. Receipts of a submitted proof cannot be added
    through the services any more, so they are written directly (test data only)."""
    ProofReceipt.objects.bulk_create(
        ProofReceipt(
            proof=proof,
            paid_on=date(2027, 3, 1),
            payee=f"Empfänger {n}",
            purpose="Honorar",
            amount=D("10.00"),
        )
        for n in range(each)
    )
    start = PaymentRequest.objects.filter(decision=proof.decision).count()
    PaymentRequest.objects.bulk_create(
        PaymentRequest(
            decision=proof.decision,
            number=start + n + 1,
            token=uuid.uuid4(),
            amount=D("10.00"),
            needed_on=date(2027, 3, 10),
            budget_year=2027,
            status=RequestStatus.PAID,
            requested_by=applicant,
            paid_on=date(2027, 3, 5),
        )
        for n in range(each)
    )


def test_check_page_queries_stay_constant_with_ten_times_the_receipts_and_payments(
    decision, world, login, django_assert_num_queries
):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant)
    services.receipt_add(
        proof=proof,
        by=applicant,
        paid_on=date(2027, 3, 1),
        payee="Kursleitung Müller",
        purpose="Honorar Kurs 1",
        amount=D("3750"),
    )
    proof = services.proof_submit(proof=proof, by=applicant)
    assert proof.status == ProofStatus.SUBMITTED
    _receipts_and_payments(proof, applicant, each=2)
    client = login(world.users["case_worker"])
    url = reverse("settlement:proof-detail", args=[proof.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["can_check"]
    count = assert_constant_queries(
        django_assert_num_queries,
        lambda: client.get(url),
        lambda: _receipts_and_payments(proof, applicant, each=27),
    )
    assert count > 0
