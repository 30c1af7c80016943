"""Rückforderung through the services: hearing (§ 28), Widerruf within the year (§ 48 Abs. 4),
interest (§ 49a Abs. 3) until the money is back, waiver with a reason (brief D1, D4, D6)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DeadlineMissed, DomainError, NotAllowed
from wirportal.settlement import selectors, services
from wirportal.settlement.models import Recovery, RecoveryStatus

from .factories import accepted_decision


@pytest.fixture
def decision(world):
    return accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])


def open_d1(decision, by, **overrides):
    kwargs = {
        "decision": decision,
        "by": by,
        "principal": D("800"),
        "reason": "Geringere Ausgaben (C2).",
        "effective_from": date(2025, 3, 3),
        "facts_known_on": date(2025, 8, 15),
        "hearing_posted_on": date(2025, 8, 18),
        "today": date(2025, 8, 18),
    }
    kwargs.update(overrides)
    return services.recovery_open(**kwargs)


def test_d6_hearing_deadline_and_no_widerruf_before_it_ends(decision, world):
    worker = world.users["case_worker"]
    recovery = open_d1(decision, worker)
    # posted Mon 18.08.2025 → bekanntgegeben Thu 21.08. → two weeks: Thu 04.09.2025
    assert (recovery.hearing_bekanntgabe_on, recovery.hearing_deadline) == (
        date(2025, 8, 21),
        date(2025, 9, 4),
    )
    with pytest.raises(NotAllowed):
        services.recovery_revoke(recovery=recovery, by=worker, today=date(2025, 9, 4))
    recovery = services.recovery_revoke(recovery=recovery, by=worker, today=date(2025, 9, 5))
    assert recovery.status == RecoveryStatus.REVOKED


def test_d6_no_widerruf_after_one_year_from_knowledge(decision, world):
    worker = world.users["case_worker"]
    with pytest.raises(DeadlineMissed) as error:
        open_d1(decision, worker, facts_known_on=date(2024, 8, 15), today=date(2025, 8, 18))
    assert error.value.field == "facts_known_on"
    recovery = open_d1(
        decision,
        worker,
        effective_from=date(2024, 3, 1),
        facts_known_on=date(2024, 9, 1),
        hearing_posted_on=date(2024, 9, 2),
        today=date(2024, 9, 2),
    )
    with pytest.raises(DeadlineMissed):  # hearing over, but the year ended on 01.09.2025
        services.recovery_revoke(recovery=recovery, by=worker, today=date(2025, 9, 2))


def test_d1_repayment_with_interest_closes_the_claim(decision, world):
    worker = world.users["case_worker"]
    recovery = services.recovery_revoke(
        recovery=open_d1(decision, worker), by=worker, today=date(2025, 9, 5)
    )
    services.repayment_book(
        recovery=recovery,
        by=worker,
        received_on=date(2025, 9, 30),
        amount=D("800"),
        reference="WIR-2027 Erstattung",
    )
    recovery = Recovery.objects.get(pk=recovery.pk)
    balance = selectors.recovery_balance(recovery, on=date(2025, 9, 30))
    assert (balance.principal_open, balance.interest, balance.interest_open) == (
        D("0.00"),
        D("31.60"),
        D("31.60"),
    )
    assert recovery.status == RecoveryStatus.REVOKED
    services.repayment_book(
        recovery=recovery,
        by=worker,
        received_on=date(2025, 10, 15),
        amount=D("31.60"),
        reference="WIR-2027 Zinsen",
    )
    assert Recovery.objects.get(pk=recovery.pk).status == RecoveryStatus.CLOSED


def test_d4_waiver_needs_a_reason_then_800_closes_it(decision, world):
    worker = world.users["case_worker"]
    recovery = open_d1(decision, worker)
    with pytest.raises(DomainError) as error:
        services.recovery_revoke(
            recovery=recovery, by=worker, waive_interest=True, today=date(2025, 9, 5)
        )
    assert error.value.field == "waiver_reason"
    recovery = services.recovery_revoke(
        recovery=recovery,
        by=worker,
        waive_interest=True,
        waiver_reason="Nicht zu vertreten; Rückzahlung in der gesetzten Frist.",
        today=date(2025, 9, 5),
    )
    services.repayment_book(
        recovery=recovery, by=worker, received_on=date(2025, 9, 30), amount=D("800"), reference="x"
    )
    assert Recovery.objects.get(pk=recovery.pk).status == RecoveryStatus.CLOSED
    entry = AuditEntry.objects.get(action="recovery.revoked")
    assert entry.reason.startswith("Nicht zu vertreten")


def test_the_database_refuses_a_waiver_without_reason(decision, world):
    recovery = open_d1(decision, world.users["case_worker"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Recovery.objects.filter(pk=recovery.pk).update(interest_waived=True, waiver_reason="")


@pytest.mark.parametrize("role", ["applicant_a", "reviewer", "coordinator_x", "auditor"])
def test_only_the_granting_authority_reclaims(decision, world, role):
    with pytest.raises(NotAllowed):
        open_d1(decision, world.users[role])


def test_d6_worked_example_facts_15_05_2028_widerruf_by_15_05_2029(decision, world):
    """Brief D6: facts complete on 15.05.2028 → Widerruf by 15.05.2029 (§ 49 Abs. 3 Satz 2 with
    § 48 Abs. 4 HVwVfG). Hearing letter posted Fri 20.04.2029, bekanntgegeben Mon 23.04., comments
    until Mon 07.05.2029; the Widerruf on 15.05.2029 is in time, on 16.05.2029 it is refused."""
    worker = world.users["case_worker"]
    recovery = open_d1(
        decision,
        worker,
        effective_from=date(2027, 3, 3),
        facts_known_on=date(2028, 5, 15),
        hearing_posted_on=date(2029, 4, 20),
        today=date(2029, 4, 20),
    )
    assert recovery.hearing_deadline == date(2029, 5, 7)
    with pytest.raises(DeadlineMissed) as error:
        services.recovery_revoke(recovery=recovery, by=worker, today=date(2029, 5, 16))
    assert "15.05.2029" in error.value.message
    recovery = services.recovery_revoke(recovery=recovery, by=worker, today=date(2029, 5, 15))
    assert recovery.status == RecoveryStatus.REVOKED


def test_d6_no_hearing_that_ends_after_the_year(decision, world):
    """A hearing whose period to comment ends on or after the last day of the year leaves no day
    for the Widerruf (§ 28 before § 48 Abs. 4 HVwVfG): refused when it is opened, at the date."""
    worker = world.users["case_worker"]
    with pytest.raises(DeadlineMissed) as error:
        open_d1(
            decision,
            worker,
            effective_from=date(2027, 3, 3),
            facts_known_on=date(2028, 5, 15),
            hearing_posted_on=date(2029, 5, 2),  # comments until Wed 16.05.2029
            today=date(2029, 5, 2),
        )
    assert error.value.field == "hearing_posted_on"
    assert "15.05.2029" in error.value.message
    assert not Recovery.objects.exists()


def test_d6_recovery_page_shows_the_facts_date_and_warns_before_the_year_ends(
    decision, world, client, monkeypatch
):
    from django.utils import timezone

    worker = world.users["case_worker"]
    recovery = open_d1(
        decision,
        worker,
        effective_from=date(2027, 3, 3),
        facts_known_on=date(2028, 5, 15),
        hearing_posted_on=date(2029, 4, 20),
        today=date(2029, 4, 20),
    )
    client.force_login(worker)
    url = f"/rueckforderungen/{recovery.pk}/"
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2029, 3, 1))
    html = client.get(url).content.decode()
    assert "Tatsachen bekannt seit" in html and "15.05.2028" in html
    assert "kern-alert--warning" not in html.split("Stand heute")[0]  # 75 days left: no warning
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2029, 5, 8))
    html = client.get(url).content.decode()
    assert "Der Widerruf ist nur noch bis zum 15.05.2029 möglich (noch 7 Tage)" in html
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2029, 5, 16))
    html = client.get(url).content.decode()
    assert "Die Jahresfrist für den Widerruf ist am 15.05.2029 abgelaufen" in html
