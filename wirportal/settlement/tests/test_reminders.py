"""Reminders before and after the proof-of-use date; overdue proofs for the case workers."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core import mail
from django.urls import reverse

from wirportal.settlement import services
from wirportal.settlement.models import ProofReminder

from .factories import accepted_decision


@pytest.fixture
def decision(world):
    # project end 30.11.2027 → due 29.02.2028 (WIR rule, C1)
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def test_reminder_14_days_before_then_overdue_each_once(
    decision, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.proof_reminders_send(today=date(2028, 2, 14)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.proof_reminders_send(today=date(2028, 2, 15)) == 1
        assert services.proof_reminders_send(today=date(2028, 2, 16)) == 0  # once only
    assert len(mail.outbox) == 1
    assert "bis 29.02.2028" in mail.outbox[0].subject
    assert world.users["applicant_a"].email in mail.outbox[0].to
    with django_capture_on_commit_callbacks(execute=True):
        assert services.proof_reminders_send(today=date(2028, 3, 1)) == 1
        assert services.proof_reminders_send(today=date(2028, 3, 1)) == 0
    overdue = mail.outbox[-1]
    assert "überfällig" in overdue.subject
    assert decision.proposed_by.email in overdue.to
    assert ProofReminder.objects.count() == 2


def test_no_reminder_once_submitted(decision, world):
    applicant = world.users["applicant_a"]
    proof = services.proof_start(decision=decision, by=applicant)
    services.proof_save(
        proof=proof,
        by=applicant,
        report="Bericht",
        participants=None,
        own_funds=D("1500"),
        third_party_funds=D("0"),
        lines={row.pk: (row.planned, None) for row in proof.cost_lines.all()},
    )
    services.proof_submit(proof=proof, by=applicant)
    assert services.proof_reminders_send(today=date(2028, 3, 1)) == 0


def test_overdue_proofs_on_the_case_workers_list(decision, world, login, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2028, 3, 1))
    page = login(world.users["case_worker"]).get(reverse("settlement:proof-list"))
    assert "Überfällige Verwendungsnachweise" in page.content.decode()
    assert decision.application.reference in page.content.decode()
    other = login(world.users["applicant_b"]).get(reverse("settlement:proof-list"))
    assert "Überfällige Verwendungsnachweise" not in other.content.decode()
