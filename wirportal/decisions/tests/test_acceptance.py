"""Acceptance channels, deadline extension and reinstatement (brief E1, §§ 31, 32, 41 HVwVfG).

Worked example E1: letter posted Fri 06.11.2026, bekanntgegeben Mon 09.11.2026 (§ 41 Abs. 2
HVwVfG), acceptance deadline Wed 09.12.2026.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db.models import Q, Sum

from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import BudgetExceeded, DeadlineMissed, DomainError, NotAllowed
from wirportal.decisions import services
from wirportal.decisions.models import (
    AcceptanceChannel,
    DeadlineChange,
    DeadlineChangeKind,
    DecisionStatus,
    GrantDecision,
    Outcome,
)
from wirportal.documents.tests.corpus import jpeg_bytes, pdf_bytes
from wirportal.documents.validation import validate_upload
from wirportal.programmes.models import LedgerEntry, LedgerKind

pytestmark = pytest.mark.django_db

POSTED = date(2026, 11, 6)  # Friday
DEADLINE = date(2026, 12, 9)  # Wednesday


def _scan(kind: str = "pdf"):
    content = pdf_bytes() if kind == "pdf" else jpeg_bytes()
    return validate_upload(
        ContentFile(content, name=f"Annahme.{kind}"), allowed=("pdf", "jpeg", "png")
    )


def _bound(application) -> Decimal:
    """Money still bound for the application: commitments − releases under all its keys."""
    key = f"application:{application.pk}"
    entries = LedgerEntry.objects.filter(Q(source_key=key) | Q(source_key__startswith=f"{key}:"))

    def total(kind):
        return entries.filter(kind=kind).aggregate(s=Sum("amount"))["s"] or Decimal(0)

    return total(LedgerKind.COMMITMENT) - total(LedgerKind.RELEASE)


@pytest.fixture
def issued(world, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    decision = services.decision_issue(decision=decision, by=second_case_worker, today=POSTED)
    assert decision.bekanntgabe_on == date(2026, 11, 9)
    assert decision.acceptance_deadline == DEADLINE
    return decision


@pytest.fixture
def lapsed(issued):
    decision = services.decision_lapse(decision=issued, today=date(2026, 12, 10))
    assert decision.status == DecisionStatus.LAPSED
    assert _bound(decision.application) == 0
    return decision


def _reload(decision) -> GrantDecision:
    return GrantDecision.objects.get(pk=decision.pk)


# --- paper declaration ------------------------------------------------------------------------


def test_e1_paper_declaration_received_on_the_last_day_is_accepted(
    world, issued, mailoutbox, django_capture_on_commit_callbacks
):
    case_worker = world.users["case_worker"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record_paper_acceptance(
            decision=issued,
            by=case_worker,
            received_on=DEADLINE,
            scan=_scan(),
            bank_details_confirmed=True,
            today=date(2026, 12, 10),
        )
    decision = _reload(issued)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.acceptance_channel == AcceptanceChannel.PAPER
    assert decision.acceptance_received_on == DEADLINE
    assert decision.acceptance_recorded_by == case_worker
    assert decision.accepted_by is None  # nobody of the recipient acted in the portal
    assert decision.acceptance_scan.kind == "annahmeerklaerung"
    assert decision.acceptance_scan.owner == decision
    entry = AuditEntry.objects.get(action="decision.accepted")
    assert entry.data["channel"] == "paper" and entry.data["received_on"] == "2026-12-09"
    mail = next(m for m in mailoutbox if "a@example.org" in m.to)
    assert "09.12.2026" in mail.body and "schriftliche" in mail.body


def test_e1_paper_declaration_received_the_day_after_the_deadline_is_refused(world, issued):
    with pytest.raises(DeadlineMissed) as refused:
        services.decision_record_paper_acceptance(
            decision=issued,
            by=world.users["case_worker"],
            received_on=date(2026, 12, 10),
            scan=_scan(),
            bank_details_confirmed=True,
            today=date(2026, 12, 11),
        )
    assert refused.value.field == "received_on"
    assert "09.12.2026" in refused.value.message and "§ 31 Abs. 7" in refused.value.message
    assert _reload(issued).status == DecisionStatus.ISSUED


def test_e1_declaration_received_in_time_but_recorded_after_the_lapse_undoes_it(world, lapsed):
    """Received Wed 09.12.2026, the nightly job lapsed the decision on 10.12., recorded 11.12."""
    services.decision_record_paper_acceptance(
        decision=lapsed,
        by=world.users["case_worker"],
        received_on=DEADLINE,
        scan=_scan(),
        bank_details_confirmed=True,
        today=date(2026, 12, 11),
    )
    decision = _reload(lapsed)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.ended_at is None and decision.ended_reason == ""
    assert _bound(decision.application) == Decimal("15000.00")


def test_late_declaration_on_a_lapsed_decision_points_to_extension_or_reinstatement(world, lapsed):
    with pytest.raises(DeadlineMissed, match="Wiedereinsetzung") as refused:
        services.decision_record_paper_acceptance(
            decision=lapsed,
            by=world.users["case_worker"],
            received_on=date(2026, 12, 10),
            scan=_scan(),
            bank_details_confirmed=True,
            today=date(2026, 12, 11),
        )
    assert refused.value.field == "received_on"
    assert _reload(lapsed).status == DecisionStatus.LAPSED
    assert _bound(lapsed.application) == 0


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (date(2026, 11, 27), "nicht in der Zukunft"),  # today is 26.11.2026
        (date(2026, 11, 5), "vor dem Versand"),  # the letter went out on 06.11.2026
        (None, "Eingangsdatum"),
    ],
)
def test_paper_receipt_date_must_be_plausible(world, issued, received, message):
    with pytest.raises(DomainError, match=message) as refused:
        services.decision_record_paper_acceptance(
            decision=issued,
            by=world.users["case_worker"],
            received_on=received,
            scan=_scan(),
            bank_details_confirmed=True,
            today=date(2026, 11, 26),
        )
    assert refused.value.field == "received_on"


def test_paper_acceptance_needs_the_scan_and_the_bank_details(world, issued):
    with pytest.raises(DomainError) as refused:
        services.decision_record_paper_acceptance(
            decision=issued,
            by=world.users["case_worker"],
            received_on=date(2026, 11, 20),
            scan=None,
            bank_details_confirmed=True,
            today=date(2026, 11, 26),
        )
    assert refused.value.field == "scan"
    with pytest.raises(DomainError) as refused:
        services.decision_record_paper_acceptance(
            decision=issued,
            by=world.users["case_worker"],
            received_on=date(2026, 11, 20),
            scan=_scan("jpeg"),
            bank_details_confirmed=False,
            today=date(2026, 11, 26),
        )
    assert refused.value.field == "bank_details_confirmed"


def test_paper_receipt_before_the_post_fiction_day_counts(world, issued):
    """The letter of Fri 06.11. arrived on Sat 07.11.; the declaration came in on Mon 09.11.
    (§ 41 Abs. 2 sets when the deadline starts, not the earliest day one can accept)."""
    services.decision_record_paper_acceptance(
        decision=issued,
        by=world.users["case_worker"],
        received_on=date(2026, 11, 7),
        scan=_scan("jpeg"),
        bank_details_confirmed=True,
        today=date(2026, 11, 9),
    )
    assert _reload(issued).status == DecisionStatus.ACCEPTED


def test_paper_acceptance_of_a_portal_letter_never_downloaded_is_its_bekanntgabe(
    world, reviewed, second_case_worker
):
    """§ 41 Abs. 2a Satz 5 HVwVfG: without download the letter may still be bekanntgegeben
    another way; a Bescheid the recipient demonstrably has is bekanntgegeben at the latest on
    the day its signed acceptance is received."""
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    decision = services.decision_issue(
        decision=decision, by=second_case_worker, today=POSTED, delivery="portal"
    )
    assert decision.bekanntgabe_on is None
    services.decision_record_paper_acceptance(
        decision=decision,
        by=world.users["case_worker"],
        received_on=date(2026, 11, 30),  # after the ten days of the offer: no download either
        scan=_scan(),
        bank_details_confirmed=True,
        today=date(2026, 12, 1),
    )
    decision = _reload(decision)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.bekanntgabe_on == date(2026, 11, 30)
    assert decision.acceptance_deadline == date(2026, 12, 30)
    entry = AuditEntry.objects.get(action="decision.accepted")
    assert entry.data["bekanntgabe_by_receipt"] is True


def test_online_acceptance_records_the_channel(world, issued):
    services.decision_accept(
        decision=issued,
        by=world.users["applicant_a"],
        bank_details_confirmed=True,
        today=date(2026, 12, 2),
    )
    decision = _reload(issued)
    assert decision.acceptance_channel == AcceptanceChannel.ONLINE
    assert decision.acceptance_received_on == date(2026, 12, 2)


# --- extension (§ 31 Abs. 7 HVwVfG) ---------------------------------------------------------


def test_e1_retroactive_extension_then_a_paper_receipt_before_the_new_deadline_is_accepted(
    world, issued, mailoutbox, django_capture_on_commit_callbacks
):
    case_worker = world.users["case_worker"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_extend_deadline(
            decision=issued,
            by=case_worker,
            new_deadline=date(2026, 12, 18),
            reason="Vorstand erkrankt, Unterschrift verzögert",
            today=date(2026, 12, 10),
        )
    decision = _reload(issued)
    assert decision.acceptance_deadline == date(2026, 12, 18)
    (change,) = DeadlineChange.objects.filter(decision=decision)
    assert change.kind == DeadlineChangeKind.EXTENSION
    assert (change.old_deadline, change.new_deadline) == (DEADLINE, date(2026, 12, 18))
    assert change.created_by == case_worker and "Vorstand" in change.reason
    entry = AuditEntry.objects.get(action="decision.deadline_extended")
    assert entry.data == {"old": "2026-12-09", "new": "2026-12-18", "lapsed": False}
    mail = next(m for m in mailoutbox if "a@example.org" in m.to)
    assert "18.12.2026" in mail.body and "Vorstand erkrankt" in mail.body
    services.decision_record_paper_acceptance(
        decision=decision,
        by=case_worker,
        received_on=date(2026, 12, 17),
        scan=_scan(),
        bank_details_confirmed=True,
        today=date(2026, 12, 17),
    )
    assert _reload(issued).status == DecisionStatus.ACCEPTED


def test_retroactive_extension_brings_a_lapsed_decision_back_and_binds_the_money_again(
    world, lapsed
):
    services.decision_extend_deadline(
        decision=lapsed,
        by=world.users["programme_staff"],
        new_deadline=date(2026, 12, 18),
        reason="Fristablauf unbillig: Bescheid ging an die alte Anschrift",
        today=date(2026, 12, 11),
    )
    decision = _reload(lapsed)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.acceptance_deadline == date(2026, 12, 18)
    assert decision.ended_at is None and decision.ended_reason == ""
    assert _bound(decision.application) == Decimal("15000.00")
    # ... and it can be accepted online again until the new deadline
    services.decision_accept(
        decision=decision,
        by=world.users["applicant_a"],
        bank_details_confirmed=True,
        today=date(2026, 12, 18),
    )
    assert _reload(lapsed).status == DecisionStatus.ACCEPTED


@pytest.mark.parametrize(
    ("new", "reason", "field", "message"),
    [
        (date(2026, 12, 9), "Grund", "new_deadline", "nach der bisherigen Frist"),
        (date(2026, 12, 1), "Grund", "new_deadline", "nach der bisherigen Frist"),
        (date(2026, 12, 19), "Grund", "new_deadline", "Samstag"),
        (date(2026, 12, 25), "Grund", "new_deadline", "Feiertag"),
        (None, "Grund", "new_deadline", "neue Frist"),
        (date(2026, 12, 18), "  ", "reason", "begründen"),
    ],
)
def test_extension_needs_a_later_working_day_and_a_reason(
    world, issued, new, reason, field, message
):
    with pytest.raises(DomainError, match=message) as refused:
        services.decision_extend_deadline(
            decision=issued,
            by=world.users["case_worker"],
            new_deadline=new,
            reason=reason,
            today=date(2026, 12, 1),
        )
    assert refused.value.field == field


def test_no_extension_without_a_running_deadline(world, reviewed, second_case_worker):
    decision = services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    decision = services.decision_approve(decision=decision, by=second_case_worker)
    decision = services.decision_issue(
        decision=decision, by=second_case_worker, today=POSTED, delivery="portal"
    )
    with pytest.raises(NotAllowed, match="keine Frist"):
        services.decision_extend_deadline(
            decision=decision,
            by=world.users["case_worker"],
            new_deadline=date(2026, 12, 18),
            reason="Grund",
            today=date(2026, 12, 1),
        )


# --- reinstatement (§ 32 HVwVfG) -------------------------------------------------------------

OBSTACLE_ENDED = date(2026, 12, 14)  # Monday: two weeks end on Mon 28.12.2026


def _reinstate(decision, by, **overrides):
    data = {
        "requested_on": date(2026, 12, 28),
        "obstacle_ended_on": OBSTACLE_ENDED,
        "reason": "Einzige Vorstandsperson vom 01.12. bis 14.12.2026 im Krankenhaus",
        "acceptance_made_up": True,
        "received_on": date(2026, 12, 22),
        "scan": _scan(),
        "bank_details_confirmed": True,
        "today": date(2026, 12, 29),
    }
    data.update(overrides)
    return services.decision_reinstate(decision=decision, by=by, **data)


def test_reinstatement_requested_two_weeks_and_a_day_after_the_obstacle_is_refused(world, lapsed):
    with pytest.raises(DeadlineMissed) as refused:
        _reinstate(lapsed, world.users["case_worker"], requested_on=date(2026, 12, 29))
    assert refused.value.field == "requested_on"
    assert "28.12.2026" in refused.value.message and "§ 32 Abs. 2" in refused.value.message
    assert _reload(lapsed).status == DecisionStatus.LAPSED
    assert _bound(lapsed.application) == 0


def test_reinstatement_within_the_limits_accepts_and_binds_the_money_again(
    world, lapsed, mailoutbox, django_capture_on_commit_callbacks
):
    case_worker = world.users["case_worker"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _reinstate(lapsed, case_worker)
    decision = _reload(lapsed)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.acceptance_channel == AcceptanceChannel.PAPER
    assert decision.acceptance_received_on == date(2026, 12, 22)
    assert decision.binding_round == 1
    # ledger: 15,000 bound at approval, released at the lapse, bound again now
    key = f"application:{decision.application_id}"
    rows = list(
        LedgerEntry.objects.filter(Q(source_key=key) | Q(source_key__startswith=f"{key}:"))
        .order_by("pk")
        .values_list("kind", "amount", "source_key")
    )
    assert rows == [
        ("commitment", Decimal("15000.00"), key),
        ("release", Decimal("15000.00"), key),
        ("commitment", Decimal("15000.00"), f"{key}:1"),
    ]
    assert _bound(decision.application) == Decimal("15000.00")
    (change,) = DeadlineChange.objects.filter(decision=decision)
    assert change.kind == DeadlineChangeKind.REINSTATEMENT
    assert change.acceptance_made_up and change.new_deadline is None
    assert change.requested_on == date(2026, 12, 28) and change.obstacle_ended_on == OBSTACLE_ENDED
    assert AuditEntry.objects.filter(action="decision.reinstated").count() == 1
    assert any("Wiedereinsetzung" in m.subject for m in mailoutbox if "a@example.org" in m.to)
    # a later Widerruf releases the money bound again: nothing stays bound
    services.decision_revoke(decision=decision, by=case_worker, reason="Zweck entfallen")
    assert _bound(decision.application) == 0


def test_reinstatement_without_the_acceptance_made_up_issues_again_with_a_new_deadline(
    world, lapsed
):
    _reinstate(
        lapsed,
        world.users["case_worker"],
        acceptance_made_up=False,
        received_on=None,
        scan=None,
        new_deadline=date(2027, 1, 15),
    )
    decision = _reload(lapsed)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.acceptance_deadline == date(2027, 1, 15)
    assert _bound(decision.application) == Decimal("15000.00")


def test_reinstatement_without_acceptance_needs_a_future_deadline(world, lapsed):
    with pytest.raises(DomainError) as refused:
        _reinstate(
            lapsed,
            world.users["case_worker"],
            acceptance_made_up=False,
            received_on=None,
            scan=None,
            new_deadline=None,
        )
    assert refused.value.field == "new_deadline"


def test_made_up_acceptance_must_come_within_the_two_weeks(world, lapsed):
    with pytest.raises(DeadlineMissed) as refused:
        _reinstate(lapsed, world.users["case_worker"], received_on=date(2026, 12, 29))
    assert refused.value.field == "received_on"
    assert "§ 32 Abs. 2" in refused.value.message


def test_reinstatement_after_one_year_only_for_force_majeure(world, lapsed):
    # deadline 09.12.2026: the year ends on Thu 09.12.2027 (§ 32 Abs. 3 HVwVfG)
    late = {
        "obstacle_ended_on": date(2027, 12, 1),
        "requested_on": date(2027, 12, 10),
        "received_on": date(2027, 12, 10),
        "today": date(2027, 12, 10),
    }
    with pytest.raises(DeadlineMissed) as refused:
        _reinstate(lapsed, world.users["case_worker"], **late)
    assert refused.value.field == "requested_on"
    assert "09.12.2027" in refused.value.message and "höherer Gewalt" in refused.value.message
    _reinstate(lapsed, world.users["case_worker"], force_majeure=True, **late)
    assert _reload(lapsed).status == DecisionStatus.ACCEPTED


def test_reinstatement_refused_with_the_figures_when_the_money_is_gone(world, lapsed):
    from wirportal.programmes.services import budget_commit

    budget_commit(
        line=lapsed.application.line,
        year_amounts={2027: Decimal("90000")},
        source_key="application:other",
        by=world.users["case_worker"],
    )
    with pytest.raises(BudgetExceeded) as refused:
        _reinstate(lapsed, world.users["case_worker"])
    assert "10.000,00 €" in refused.value.message and "15.000,00 €" in refused.value.message
    assert _reload(lapsed).status == DecisionStatus.LAPSED
    assert _bound(lapsed.application) == 0


def test_a_revoked_decision_cannot_be_reinstated_or_extended(world, issued):
    services.decision_revoke(
        decision=issued, by=world.users["case_worker"], reason="Zweck entfallen"
    )
    with pytest.raises(NotAllowed, match="widerrufen"):
        _reinstate(issued, world.users["case_worker"])
    with pytest.raises(NotAllowed):
        services.decision_extend_deadline(
            decision=issued,
            by=world.users["case_worker"],
            new_deadline=date(2026, 12, 18),
            reason="Grund",
            today=date(2026, 12, 1),
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"requested_on": None}, "requested_on"),
        ({"obstacle_ended_on": None}, "obstacle_ended_on"),
        ({"reason": ""}, "reason"),
        ({"requested_on": date(2026, 12, 30)}, "requested_on"),  # future (today 29.12.)
        ({"obstacle_ended_on": date(2026, 12, 29)}, "obstacle_ended_on"),  # after the request
        ({"scan": None}, "scan"),
        ({"received_on": None}, "received_on"),
    ],
)
def test_reinstatement_input_is_checked_field_by_field(world, lapsed, overrides, field):
    with pytest.raises(DomainError) as refused:
        _reinstate(lapsed, world.users["case_worker"], **overrides)
    assert refused.value.field == field


# --- pages ------------------------------------------------------------------------------------


def test_paper_form_keeps_the_input_and_shows_the_message_next_to_the_field(world, issued, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["case_worker"])
    url = f"/entscheidungen/{issued.pk}/annahme/papier/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"received_on": "2099-01-01", "bank_details_confirmed": "on"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="2099-01-01"' in html and "checked" in html
    assert "Bitte laden Sie den Scan der unterschriebenen Annahmeerklärung hoch." in html
    assert 'aria-describedby="id_scan_error' in html or "id_scan_error" in html
    scan = SimpleUploadedFile("Annahme.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        url, {"received_on": "2099-01-01", "bank_details_confirmed": "on", "scan": scan}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Das Eingangsdatum darf nicht in der Zukunft liegen." in html
    assert 'value="2099-01-01"' in html and "id_received_on_error" in html
    assert _reload(issued).status == DecisionStatus.ISSUED
    scan = SimpleUploadedFile("Annahme.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        url, {"received_on": "2026-11-20", "bank_details_confirmed": "on", "scan": scan}
    )
    assert response.status_code == 302
    decision = _reload(issued)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.acceptance_received_on == date(2026, 11, 20)


def test_reinstatement_page_shows_the_two_week_message_next_to_the_field(
    world, lapsed, client, monkeypatch
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 30))
    client.force_login(world.users["case_worker"])
    url = f"/entscheidungen/{lapsed.pk}/wiedereinsetzung/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "requested_on": "2026-12-29",
            "obstacle_ended_on": "2026-12-14",
            "reason": "Krankenhaus",
            "new_deadline": "2027-01-15",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "die Antragsfrist endete am 28.12.2026" in html and "id_requested_on_error" in html
    assert 'value="2026-12-14"' in html and "Krankenhaus" in html and 'value="2027-01-15"' in html


def test_recipient_sees_channel_date_and_scan_on_the_decision_page(world, issued, client):
    services.decision_record_paper_acceptance(
        decision=issued,
        by=world.users["case_worker"],
        received_on=date(2026, 12, 9),
        scan=_scan(),
        bank_details_confirmed=True,
        today=date(2026, 12, 10),
    )
    decision = _reload(issued)
    for who in ["applicant_a", "case_worker", "auditor"]:
        client.force_login(world.users[who])
        html = client.get(f"/entscheidungen/{decision.pk}/").content.decode()
        assert "Schriftlich (unterschriebene Erklärung)" in html
        assert "09.12.2026" in html
        assert f"/dokumente/{decision.acceptance_scan.public_id}/" in html
    client.force_login(world.users["applicant_a"])
    assert client.get(f"/dokumente/{decision.acceptance_scan.public_id}/").status_code == 200
    client.force_login(world.users["applicant_b"])
    assert client.get(f"/dokumente/{decision.acceptance_scan.public_id}/").status_code in (
        403,
        404,
    )


def test_history_shows_every_extension(world, issued, client):
    services.decision_extend_deadline(
        decision=issued,
        by=world.users["case_worker"],
        new_deadline=date(2026, 12, 18),
        reason="Erste Verlängerung",
        today=date(2026, 12, 1),
    )
    services.decision_extend_deadline(
        decision=_reload(issued),
        by=world.users["programme_staff"],
        new_deadline=date(2027, 1, 8),
        reason="Zweite Verlängerung",
        today=date(2026, 12, 15),
    )
    client.force_login(world.users["case_worker"])
    html = client.get(f"/entscheidungen/{issued.pk}/").content.decode()
    for text in ["09.12.2026", "18.12.2026", "08.01.2027", "Erste Verlängerung", "Zweite"]:
        assert text in html
