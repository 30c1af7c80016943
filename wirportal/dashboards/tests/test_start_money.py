"""Issue #12: the applicant's start page lists the payments and proofs due: call-downs possible,
call-downs on their way, the interim and final proofs of use with their due dates, each leading
to its page (a proof not yet started by a button that starts it)."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.settlement.tests.factories import accepted_decision

pytestmark = pytest.mark.django_db

URL = "/start/"


def _multi_year_grant(world):
    decision = accepted_decision(
        organisation=world["org_a"], applicant=world.users["applicant_a"], paid=None
    )
    application = decision.application
    application.period_start, application.period_end = date(2026, 3, 1), date(2027, 11, 30)
    application.save()
    return decision


def _requested(decision, number=1):
    return PaymentRequest.objects.create(
        decision=decision,
        number=number,
        token=uuid.uuid4(),
        amount=Decimal("1200.00"),
        needed_on=date(2027, 3, 1),
        budget_year=2027,
        status=RequestStatus.REQUESTED,
        requested_by=decision.application.created_by,
    )


def test_applicant_sees_call_down_payments_and_the_proofs_due_with_their_dates(world, login):
    decision = _multi_year_grant(world)
    payment = _requested(decision)
    body = login(world.users["applicant_a"]).get(URL).content.decode()
    reference = decision.application.reference
    assert reverse("payments:call-down", args=[decision.pk]) in body
    assert f"Mittelabruf 1 für {reference}" in body
    assert reverse("payments:request-detail", args=[payment.pk]) in body
    # the interim proof of 2026 is due on 30.04.2027 (brief F2), the final one by the Bescheid
    assert f"Zwischennachweis 2026 für {reference}, fällig am 30.04.2027" in body
    assert f"Verwendungsnachweis für {reference}" in body
    start = reverse("settlement:proof-start", args=[decision.pk])
    assert f'action="{start}"' in body
    assert 'name="year" value="2026"' in body


def test_a_started_draft_links_to_its_editor(world, login):
    decision = _multi_year_grant(world)
    client = login(world.users["applicant_a"])
    response = client.post(
        reverse("settlement:proof-start", args=[decision.pk]), {"year": "2026"}
    )  # the start page's button
    assert response.status_code == 302
    proof = decision.proofs_of_use.get(year=2026)
    body = client.get(URL).content.decode()
    assert reverse("settlement:proof-edit", args=[proof.pk]) in body
    assert "Entwurf weiter bearbeiten" in body


def test_another_organisation_sees_none_of_it(world, login):
    _requested(_multi_year_grant(world))
    body = login(world.users["applicant_b"]).get(URL).content.decode()
    assert "Mittelabruf 1" not in body
    assert "Zwischennachweis" not in body
