"""T3: the same proposal approved twice in parallel gives one decision and one commitment
(PostgreSQL only), with the negative control that shows the race without the row lock."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from wirportal.audit.models import AuditEntry
from wirportal.decisions import services
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.programmes.models import LedgerEntry

pytestmark = [
    pytest.mark.postgres,
    # one worker runs the thread-heavy race tests one after another: two at once (50 + 20
    # threads) exceed PostgreSQL's max_connections of 100
    pytest.mark.xdist_group("postgres-races"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="race tests need PostgreSQL"),
]


def _run(jobs):
    barrier = Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            job()
            return "ok"
        except Exception as error:
            return type(error).__name__
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


@pytest.fixture
def proposal(world, reviewed):
    return services.decision_propose(
        application=reviewed, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )


def _approvals(proposal, approvers):
    return [
        (
            lambda user=user: services.decision_approve(
                decision=GrantDecision.objects.get(pk=proposal.pk), by=user
            )
        )
        for user in approvers
    ]


def test_parallel_approvals_give_one_decision_and_one_commitment(
    world, proposal, second_case_worker, monkeypatch
):
    monkeypatch.setattr(services.common, "DEBUG_SLEEP_AFTER_CHECK", 0.2)
    approvers = [second_case_worker, world.users["programme_staff"]] * 2
    outcomes = _run(_approvals(proposal, approvers))
    assert outcomes.count("ok") == 1, outcomes
    assert set(outcomes) == {"ok", "NotAllowed"}, outcomes  # clean German refusal, no crash
    assert GrantDecision.objects.get(pk=proposal.pk).status == DecisionStatus.APPROVED
    assert LedgerEntry.objects.filter(source_key=proposal.source_key).count() == 1
    assert AuditEntry.objects.filter(action="decision.approved").count() == 1


def test_negative_control_without_the_lock_both_pass_the_check(
    world, proposal, second_case_worker, monkeypatch
):
    """With the lock off, every approval gets past the state check: the losers only fail later
    (the application's concurrent-transition guard), as crashes instead of clean refusals."""
    monkeypatch.setattr(services.common, "DEBUG_SKIP_LOCK", True)
    monkeypatch.setattr(services.common, "DEBUG_SLEEP_AFTER_CHECK", 0.5)
    approvers = [second_case_worker, world.users["programme_staff"]] * 2
    outcomes = _run(_approvals(proposal, approvers))
    assert "NotAllowed" not in outcomes, outcomes  # nobody was refused at the check
    crashes = [o for o in outcomes if o != "ok"]
    assert crashes, outcomes  # the losers crash (would be a 500) instead of a clean refusal
    assert outcomes.count("ok") >= 1, outcomes
