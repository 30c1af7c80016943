"""Brief D5 through `decision_revoke`: a Widerruf releases only the unpaid part of the
commitment and books the paid part as a receivable (§ 49 Abs. 3, § 49a Abs. 1 HVwVfG)."""

from decimal import Decimal as D

import pytest

from wirportal.audit.models import AuditEntry
from wirportal.decisions import services
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.programmes.models import LedgerEntry, LedgerKind
from wirportal.programmes.selectors import line_free, source_position
from wirportal.programmes.services import budget_book_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted_6500(world, reviewed, second_case_worker):
    """Brief D5: 6,500 granted and bound for 2027, accepted."""
    decision = services.decision_propose(
        application=reviewed,
        by=world.users["case_worker"],
        outcome=Outcome.APPROVE,
        amount=D("6500"),
    )
    services.decision_approve(decision=decision, by=second_case_worker)
    decision = services.decision_issue(decision=decision, by=second_case_worker)
    return services.decision_accept(
        decision=decision, by=world.users["applicant_a"], bank_details_confirmed=True
    )


def test_d5_full_widerruf_after_4000_paid_releases_2500_and_claims_4000(world, accepted_6500):
    decision, line = accepted_6500, accepted_6500.application.line
    by = world.users["case_worker"]
    budget_book_payment(
        line=line, year=2027, amount=D("4000"), source_key=decision.source_key, by=by
    )
    free_before = line_free(line=line, year=2027)
    services.decision_revoke(decision=decision, by=by, reason="Zweck entfallen")
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.REVOKED
    entries = LedgerEntry.objects.filter(source_key=decision.source_key)
    assert [e.amount for e in entries if e.kind == LedgerKind.RELEASE] == [D("2500.00")]
    assert [e.amount for e in entries if e.kind == LedgerKind.RECEIVABLE] == [D("4000.00")]
    # the line's free money rises by 2,500, not by 6,500
    assert line_free(line=line, year=2027) - free_before == D("2500.00")
    position = source_position(line=line, source_key=decision.source_key)
    assert (position.bound, position.paid, position.open_receivable) == (
        D("4000.00"),
        D("4000.00"),
        D("4000.00"),
    )
    assert AuditEntry.objects.filter(action="decision.revoked").count() == 1


def test_widerruf_before_any_payment_releases_everything(world, accepted_6500):
    decision, line = accepted_6500, accepted_6500.application.line
    services.decision_revoke(decision=decision, by=world.users["case_worker"], reason="Verzicht")
    position = source_position(line=line, source_key=decision.source_key)
    assert (position.bound, position.receivables) == (D(0), D(0))


def test_revoke_page_shows_what_is_released_and_what_is_claimed(world, accepted_6500, client):
    """The confirmation names the consequences of D5: 2,500 released, 4,000 to be repaid."""
    decision = accepted_6500
    budget_book_payment(
        line=decision.application.line,
        year=2027,
        amount=D("4000"),
        source_key=decision.source_key,
        by=world.users["case_worker"],
    )
    client.force_login(world.users["case_worker"])
    response = client.post(
        f"/entscheidungen/{decision.pk}/widerruf/", {"reason": "Zweck entfallen"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die nicht ausgezahlten Mittel werden" in html and "2027: 2.500,00" in html
    assert "Bereits ausgezahlt" in html and "2027: 4.000,00" in html
